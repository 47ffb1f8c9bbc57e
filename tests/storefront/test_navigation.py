"""The category menu in every page's header and footer, cached (shop/storefront/selectors.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def menu(response) -> list[str]:
    html = response.content.decode()
    nav = html[html.index('<nav class="site-nav"'):html.index("</nav>", html.index('<nav class="site-nav"'))]
    return re.findall(r'<a href="/catalogue/category/[^"]+">([^<]+)</a>', nav)


def test_the_menu_lists_the_public_top_level_categories(client, catalogue):
    assert menu(client.get("/")) == ["Acupressure mats", "Pillow attachments", "Bundles"]


def test_a_cached_menu_costs_no_query(client, catalogue):
    client.get("/catalogue/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/catalogue/")
    assert not [q for q in queries.captured_queries if 'FROM "catalogue_category"' in q["sql"]]


def test_a_renamed_or_hidden_category_shows_on_the_next_page(client, category_by_slug):
    client.get("/")
    bundles = category_by_slug("bundles")
    bundles.name = "Gift Sets"
    bundles.save()
    assert "Gift Sets" in menu(client.get("/"))
    bundles.is_public = False
    bundles.save()
    assert "Gift Sets" not in menu(client.get("/"))
