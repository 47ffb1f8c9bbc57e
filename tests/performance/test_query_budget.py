"""SQL queries per storefront page: at most 12, at the seeded size and with 1,000 more products.

Rendering is measured with the page cache off (a cached page costs no query at all,
checked last). Each page is rendered once first to warm sorl-thumbnail's key-value
store, then measured. On SQLite, BEGIN and COMMIT of the request's transaction count.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from content.models import Article
from shop.storefront.page_cache import HIT_HEADER

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

BUDGET = 12
# Signed in, a page adds only the session, the user (loaded with the header's
# notifications count and permission check, shop/accounts/) and the open basket with
# its lines (shop/basket/selectors.py).
SIGNED_IN_PAGES = ("home", "catalogue", "category", "mat", "pillow", "article", "search", "basket")
SIGNED_IN_TABLES = ('"django_session"', '"auth_user"', '"basket_basket"', '"basket_line"')
# A basket with lines: the basket and its lines in one query, offers and their ranges
# from the cache (shop/basket, shop/offer); the seeded offer takes 20% off the pillow.
BASKET_LINES_PAGES = ("home", "mat", "article", "basket")
BASKET_LINES = ("PILLOW-NECK", "MAT-CLASSIC-LOTUS-PINK", "MAT-FULL-OCEAN-BLUE")
ARTICLE_SLUG = "benefits-of-acupressure-mats-for-back-pain"


@pytest.fixture
def shop(catalogue, settings):
    from content.services import article_setup

    article_setup()
    settings.SHOP_PAGE_CACHE_SECONDS = 0


def add_products(count: int) -> None:
    """Standalone mats with stock, no images: cheap, but listed on every page measured."""
    mats = Category.objects.get(slug="mats", depth=1)
    product_class = ProductClass.objects.get(slug="acupressure-mat")
    partner = Partner.objects.get()
    products = Product.objects.bulk_create(
        Product(upc=f"EXTRA-{n}", title=f"Extra mat {n:04d}", slug=f"extra-mat-{n}",
                structure=Product.STANDALONE, product_class=product_class, is_public=True, priority=45)
        for n in range(count)
    )
    StockRecord.objects.bulk_create(
        StockRecord(product=p, partner=partner, partner_sku=p.upc, price=Decimal("29.00"),
                    price_currency="USD", num_in_stock=5)
        for p in products
    )
    ProductCategory.objects.bulk_create(ProductCategory(product=p, category=mats) for p in products)


def queries_for(client, url) -> int:
    return len(sql_for(client, url))


def sql_for(client, url) -> list[str]:
    client.get(url)  # warm the thumbnail store
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def page_urls():
    return {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "category": Category.objects.get(slug="mats", depth=1).get_absolute_url(),
        "mat": Product.objects.get(upc="MAT-CLASSIC").get_absolute_url(),
        "pillow": Product.objects.get(upc="PILLOW-NECK").get_absolute_url(),
        "article": Article.objects.get(slug=ARTICLE_SLUG).get_absolute_url(),
        "search": reverse("search:search") + "?q=mat",
        "basket": reverse("basket:summary"),
    }


def test_anonymous_pages_stay_within_the_budget_at_any_catalogue_size(shop):
    urls = page_urls()
    client = Client()
    before = {page: queries_for(client, url) for page, url in urls.items()}
    assert max(before.values()) <= BUDGET, before

    add_products(1000)
    after = {page: queries_for(client, url) for page, url in urls.items()}

    assert after == before
    # The new products are really on the pages measured.
    assert b"Extra mat 0000" in client.get(urls["catalogue"]).content
    assert b"Extra mat 0000" in client.get(urls["home"]).content
    assert b"Extra mat" in client.get(urls["search"]).content


@pytest.mark.parametrize("extra_products", [0, 1000])
def test_a_page_from_the_page_cache_costs_no_query(shop, settings, extra_products):
    add_products(extra_products)
    settings.SHOP_PAGE_CACHE_SECONDS = 600
    for page, url in page_urls().items():
        if page in ("search", "basket"):
            continue
        Client().get(url)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response[HIT_HEADER] == "hit", page
        assert len(queries) == 0, page


def test_signed_in_pages_stay_within_the_budget_at_any_catalogue_size(shop, django_user_model):
    user = django_user_model.objects.create_user(username="ana", email="ana@example.com", password="pw-123456789")
    client = Client()
    client.force_login(user)
    urls = {page: url for page, url in page_urls().items() if page in SIGNED_IN_PAGES}
    before = {page: queries_for(client, url) for page, url in urls.items()}
    assert max(before.values()) <= BUDGET, before
    add_products(1000)
    assert {page: queries_for(client, url) for page, url in urls.items()} == before


def test_signing_in_adds_only_session_user_and_basket_queries(shop, django_user_model):
    """The header's account link, notifications badge and Dashboard check cost no query of their own."""
    user = django_user_model.objects.create_user(username="ana", email="ana@example.com", password="pw-123456789")
    signed_in = Client()
    signed_in.force_login(user)
    for page, url in page_urls().items():
        if page in ("basket", "search"):  # their signed-in content differs (saved basket, analytics)
            continue
        anonymous = sql_for(Client(), url)
        own = [sql for sql in sql_for(signed_in, url) if not any(f"FROM {table}" in sql for table in SIGNED_IN_TABLES)]
        assert len(own) == len(anonymous), (page, own, anonymous)
        assert len(sql_for(signed_in, url)) - len(own) == 4, page  # session, user, basket, its lines


def test_a_basket_with_lines_stays_within_the_budget_at_any_catalogue_size(shop):
    client = Client()
    for upc in BASKET_LINES:
        product = Product.objects.get(upc=upc)
        data = {"quantity": 1, **({"child_id": product.pk} if product.parent_id else {})}
        client.post(reverse("basket:add", kwargs={"pk": (product.parent or product).pk}), data)
    urls = {page: url for page, url in page_urls().items() if page in BASKET_LINES_PAGES}
    before = {page: queries_for(client, url) for page, url in urls.items()}
    assert max(before.values()) <= BUDGET, before
    basket = client.get(urls["basket"]).context["basket"]
    assert (basket.num_items, basket.total_incl_tax) == (3, Decimal("137.20"))  # 24 + 39 + 79 - 20% of 24
    assert [d["discount"] for d in basket.offer_discounts] == [Decimal("4.80")]

    add_products(1000)
    assert {page: queries_for(client, url) for page, url in urls.items()} == before


# Adding to the basket is a POST, outside the page budget: pinned at what was measured.
# Oscar's form and add_product still read the variant, its stock and options one by one.
BASKET_ADD_CEILING = 23


def test_adding_a_colour_to_the_basket_does_not_grow_with_the_catalogue(shop):
    client = Client()
    pink = Product.objects.get(upc="MAT-CLASSIC-LOTUS-PINK")
    url = reverse("basket:add", kwargs={"pk": pink.parent.pk})
    data = {"quantity": 1, "child_id": pink.pk}

    def queries_for_adding():
        client.post(url, data)  # the range answers for this product are cached after this
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        assert response.status_code == 302
        return len(queries)

    before = queries_for_adding()
    assert before <= BASKET_ADD_CEILING
    add_products(1000)
    assert queries_for_adding() == before
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 4
