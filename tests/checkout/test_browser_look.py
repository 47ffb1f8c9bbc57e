"""Checkout and account pages look like one shop: steps shown, no boxes overlapping, nothing wider than a phone."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.test_browser_journey import fill_offline_card

Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def assert_fits_a_phone(page):
    page.set_viewport_size(PHONE)
    wider_by = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(DESKTOP)
    assert wider_by <= 0, f"{page.url} is {wider_by}px wider than a 390px phone"


def assert_step(page, name):
    """The shop's step indicator (not Oscar's dark Bootstrap bar) marks where the shopper is."""
    current = page.locator('.checkout-steps [aria-current="step"]')
    assert current.is_visible() and name in current.inner_text()
    assert page.locator(".nav-checkout").count() == 0
    assert_fits_a_phone(page)


def assert_shipping_method_clear_of_the_items(page):
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        method = box(page, ".card:has(h3:text-is('Shipping method'))")
        items = box(page, ".basket-items")
        assert not overlap(method, items), f"shipping method box overlaps the items at {viewport['width']}px"
    page.set_viewport_size(DESKTOP)


def test_guest_checkout_pages_share_the_shop_look(page, live_server, catalogue, localstripe):
    url = live_server.url
    page.set_default_timeout(20_000)
    page.goto(url + "/")
    page.get_by_role("link", name="Classic Acupressure Mat", exact=True).click()
    page.get_by_text("Lotus Pink", exact=True).click()
    page.get_by_role("button", name="Add to cart").click()
    page.goto(url + "/basket/")
    page.get_by_role("link", name="Proceed to checkout").click()
    assert_fits_a_phone(page)
    page.fill("#id_username", "grace@example.com")
    page.check("#id_options_0")
    page.get_by_role("button", name="Continue").click()
    assert_step(page, "Shipping address")
    for field, value in (("first_name", "Grace"), ("last_name", "Hopper"), ("line1", "1 Compiler Court"),
                         ("line4", "Arlington"), ("state", "VA"), ("postcode", "22201")):
        page.fill(f"#id_{field}", value)
    page.select_option("#id_country", "US")
    page.get_by_role("button", name="Continue").click()
    assert_step(page, "Shipping method")
    page.locator("form:has(input[name=method_code][value=express]) button").click()
    page.wait_for_url(re.compile("/checkout/preview/"))
    assert_step(page, "Review")
    assert_shipping_method_clear_of_the_items(page)
    page.get_by_role("button", name="Place order and pay").click()
    page.wait_for_url(re.compile("/checkout/pay/$"))
    assert_step(page, "Payment")
    fill_offline_card(page, "4242424242424242")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.wait_for_url(re.compile("/checkout/thank-you/"))
    assert_step(page, "Confirmation")
    assert_shipping_method_clear_of_the_items(page)

    order = Order.objects.get()
    page.goto(url + reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}))
    assert page.get_by_role("heading", name=f"Order #{order.number}").is_visible()
    assert_fits_a_phone(page)

    # Signed in, the header carries more links; account pages still fit a phone.
    order.user = get_user_model().objects.create_user(username="grace", email="grace@example.com", password="pw-123456789")
    order.save()
    page.context.clear_cookies()
    page.goto(url + reverse("customer:login"))
    assert_fits_a_phone(page)
    page.fill("#id_login-username", "grace@example.com")
    page.fill("#id_login-password", "pw-123456789")
    page.locator("button[name=login_submit]").click()
    for name in ("customer:order-list", "customer:summary"):
        page.goto(url + reverse(name))
        assert_fits_a_phone(page)
    page.goto(url + reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.get_by_text("Paid").first.is_visible()
    assert_fits_a_phone(page)
