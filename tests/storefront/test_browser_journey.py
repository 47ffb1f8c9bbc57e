"""A shopper's journey in headless Chromium: home, a mat, a colour, the basket.

The live server serves the pages and static files; uploaded product pictures (served
by the web server in production, not by Django with DEBUG off) are answered from
MEDIA_ROOT by the test. Screenshots land in /tmp for a person to look at.
"""

import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WEIGHT_LIMIT = 300_000  # bytes, first load, uncompressed (the live server does not gzip)


def serve_media(page, live_server):
    media_root = Path(settings.MEDIA_ROOT)

    def fulfil(route):
        path = media_root / route.request.url.split("/media/", 1)[1]
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(status=200, body=path.read_bytes(),
                      content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    page.route(f"{live_server.url}/media/**", fulfil)


class Traffic:
    """Every request the page makes, and the bytes of every response."""

    def __init__(self, page):
        self.urls = []
        self.sizes = []
        self.bytes = 0
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfinished", self._count)

    def _count(self, request):
        response = request.response()
        if response is None or 300 <= response.status < 400:
            return  # a redirect has no body
        size = len(response.body())
        self.sizes.append((request.url, size))
        self.bytes += size

    def reset(self):
        self.urls.clear()
        self.sizes.clear()
        self.bytes = 0


def test_shopper_picks_a_colour_and_sees_it_in_the_basket(page, live_server, catalogue):
    serve_media(page, live_server)
    traffic = Traffic(page)

    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    home_bytes = traffic.bytes
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ease your back")
    page.screenshot(path="/tmp/storefront-home-desktop.png", full_page=True)

    # Keyboard: the first Tab reaches the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"

    traffic.reset()
    page.get_by_role("link", name="Classic Acupressure Mat", exact=True).click()
    # The colour picker's script runs once the product page has loaded: don't type before it.
    page.wait_for_url("**/catalogue/classic-acupressure-mat_*/", wait_until="load")
    page.wait_for_load_state("networkidle")
    product_bytes = traffic.bytes
    assert page.get_by_role("heading", level=1).inner_text() == "Classic Acupressure Mat"
    assert page.get_by_role("radio", name="Charcoal").is_enabled()

    blue_srcset = page.locator("[data-gallery-main]").get_attribute("srcset")
    # A gallery thumbnail shows its picture, srcset and all, in the main picture.
    charcoal_thumb = page.get_by_role("link", name="Show picture: Classic Acupressure Mat in Charcoal")
    charcoal_thumb.click()
    expect(page.locator("[data-gallery-main]")).to_have_attribute("srcset", charcoal_thumb.get_attribute("data-srcset"))
    page.get_by_text("Lotus Pink", exact=True).click()
    expect(page.get_by_role("radio", name="Lotus Pink")).to_be_checked()
    # The picker's script updates the text after the change event: wait for it.
    expect(page.locator("[data-stock-status]")).to_have_text("Lotus Pink: In stock")
    main_picture = page.locator("[data-gallery-main]")
    expect(main_picture).to_have_attribute("alt", "Classic Acupressure Mat in Lotus Pink")
    # The picture is swapped with its srcset, and the browser shows a file from that srcset.
    pink_srcset = page.get_by_role("radio", name="Lotus Pink").get_attribute("data-srcset")
    assert pink_srcset and pink_srcset != blue_srcset
    expect(main_picture).to_have_attribute("srcset", pink_srcset)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=main_picture.element_handle())
    shown = main_picture.evaluate("img => new URL(img.currentSrc).pathname")
    assert shown in [candidate.split()[0] for candidate in pink_srcset.split(",")]
    assert shown not in blue_srcset
    expect(page.locator("[data-price-display]")).to_have_text("$39.00")
    page.get_by_label("Quantity").fill("1")
    page.screenshot(path="/tmp/storefront-product-desktop.png", full_page=True)
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state("networkidle")
    assert "Added to your cart: 1 × Classic Acupressure Mat – Lotus Pink" in page.locator("#messages").inner_text()

    page.get_by_role("link", name="Cart").first.click()
    page.wait_for_load_state("networkidle")
    line = page.locator(".basket-line")
    assert line.count() == 1
    assert "Classic Acupressure Mat – Lotus Pink" in line.inner_text()
    assert "$39.00" in line.inner_text()
    assert page.get_by_label("Quantity").input_value() == "1"

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/storefront-basket-mobile.png", full_page=True)
    page.goto(live_server.url + "/catalogue/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path="/tmp/storefront-catalogue-mobile.png", full_page=True)

    outside = [url for url in traffic.urls if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == []
    assert home_bytes <= PAGE_WEIGHT_LIMIT, f"home page weighs {home_bytes} bytes"
    assert product_bytes <= PAGE_WEIGHT_LIMIT, f"product page weighs {product_bytes} bytes"
    print(f"first load: home {home_bytes} bytes, product page {product_bytes} bytes")


def test_colours_are_chosen_by_keyboard_and_out_of_stock_is_skipped(page, live_server, catalogue):
    serve_media(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Premium Linen Acupressure Mat", exact=True).click()
    # The colour picker's script runs once the product page has loaded: don't type before it.
    page.wait_for_url("**/catalogue/premium-linen-acupressure-mat_*/", wait_until="load")
    sage = page.get_by_role("radio", name="Sage")
    assert sage.is_disabled()
    assert "Out of stock" in page.locator("label", has_text="Sage").inner_text()

    page.get_by_role("radio", name="Natural Linen").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Indigo")).to_be_checked()
    expect(page.locator("[data-stock-status]")).to_have_text("Indigo: In stock")
    page.keyboard.press("ArrowDown")  # past the sold-out Sage, back to the first colour
    expect(page.get_by_role("radio", name="Natural Linen")).to_be_checked()
    assert not sage.is_checked()
    page.screenshot(path="/tmp/storefront-product-mobile.png", full_page=True)
