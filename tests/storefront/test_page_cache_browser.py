"""Adding to the basket from a page served by the page cache, in headless Chromium (real CSRF checks).

A shared page carries no CSRF token: static/js/form-token.js adds one on submit. Without
scripts, the first try is refused with a page that leads back to a freshly rendered,
token-carrying copy, and the second try works.
"""

import urllib.request

import pytest
from oscar.core.loading import get_model

from shop.storefront.page_cache import HIT_HEADER

Line = get_model("basket", "Line")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def store_page(url):
    """Another visitor loads the page first, so the browser gets the shared copy."""
    urllib.request.urlopen(url).read()
    with urllib.request.urlopen(url) as response:
        assert response.headers[HIT_HEADER] == "hit"


def test_a_first_time_visitor_adds_to_the_basket_from_a_shared_page(page, live_server, catalogue):
    pillow = Product.objects.get(upc="PILLOW-NECK")
    url = live_server.url + pillow.get_absolute_url()
    store_page(url)
    page.set_default_timeout(10_000)

    response = page.goto(url)
    assert response.headers[HIT_HEADER.lower()] == "hit"
    assert page.locator('input[name="csrfmiddlewaretoken"]').count() == 0
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state("networkidle")

    assert "Added to your cart" in page.locator("#messages").inner_text()
    assert list(Line.objects.values_list("product__upc", "quantity")) == [("PILLOW-NECK", 1)]
    # From now on this visitor has a basket: their pages are their own.
    assert page.goto(url).headers.get(HIT_HEADER.lower()) is None


def test_without_scripts_the_second_try_adds_to_the_basket(page, live_server, catalogue):
    pillow = Product.objects.get(upc="PILLOW-NECK")
    url = live_server.url + pillow.get_absolute_url()
    store_page(url)
    page.set_default_timeout(10_000)
    page.route("**/*.js", lambda route: route.abort())

    page.goto(url)
    page.get_by_role("button", name="Add to cart").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Please send that again"
    assert Line.objects.count() == 0

    page.get_by_role("link", name="Go back and send it again").click()
    page.wait_for_url(url)
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state("networkidle")
    assert "Added to your cart" in page.locator("#messages").inner_text()
    assert list(Line.objects.values_list("product__upc", "quantity")) == [("PILLOW-NECK", 1)]
