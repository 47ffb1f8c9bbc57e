"""The whole purchase in headless Chromium, offline: home → mat colour → pillow → guest checkout → pay → thank you."""

import re

import pytest
from oscar.core.loading import get_model

from shop.payments.models import OrderPayment

Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT = 20_000


def shop_until_review(page, base_url):
    page.set_default_timeout(TIMEOUT)
    page.goto(base_url + "/")
    page.get_by_role("link", name="Classic Acupressure Mat", exact=True).click()
    # Pick the colour with the product page's colour picker.
    page.get_by_text("Lotus Pink", exact=True).click()
    page.get_by_role("button", name="Add to cart").click()
    page.goto(base_url + "/")
    page.get_by_role("link", name=re.compile("Neck Pillow")).first.click()
    page.get_by_role("button", name="Add to cart").click()
    page.goto(base_url + "/basket/")
    page.get_by_role("link", name="Proceed to checkout").click()
    # Guest checkout with an email address.
    page.fill("#id_username", "grace@example.com")
    page.check("#id_options_0")
    page.get_by_role("button", name="Continue").click()
    page.fill("#id_first_name", "Grace")
    page.fill("#id_last_name", "Hopper")
    page.fill("#id_line1", "1 Compiler Court")
    page.fill("#id_line4", "Arlington")
    page.fill("#id_state", "VA")
    page.fill("#id_postcode", "22201")
    page.select_option("#id_country", "US")
    page.get_by_role("button", name="Continue").click()
    # Shipping methods: choose express.
    page.locator("form:has(input[name=method_code][value=express]) button").click()
    page.wait_for_url(re.compile("/checkout/preview/"))
    assert "Express shipping" in page.content()
    page.get_by_role("button", name="Place order and pay").click()
    page.wait_for_url(re.compile("/checkout/pay/$"))


def fill_offline_card(page, number):
    """localstripe's Stripe.js stand-in renders plain inputs named by placeholder."""
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill(number)
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("22201")


def assert_thank_you(page):
    page.wait_for_url(re.compile("/checkout/thank-you/"))
    order = Order.objects.get()
    assert page.locator("#order-number").inner_text() == order.number
    assert order.status == "Paid" and OrderPayment.objects.get(order=order).status == "paid"
    assert sorted(line.title for line in order.lines.all()) == [
        "Acupressure Neck Pillow Attachment", "Classic Acupressure Mat – Lotus Pink"]
    assert order.shipping_code == "express"
    return order


def test_guest_buys_a_mat_and_pillow_with_a_test_card_offline(page, live_server, catalogue, localstripe):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    shop_until_review(page, live_server.url)
    fill_offline_card(page, "4000000000000341")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    error = page.locator("#payment-error")
    error.wait_for(state="visible")
    assert "declined" in error.inner_text() and "No money was taken" in error.inner_text()
    assert Order.objects.get().status == "Pending payment"

    fill_offline_card(page, "4242424242424242")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    assert_thank_you(page)
    outside = [url for url in requests
               if not url.startswith((live_server.url, localstripe.url, "data:"))]
    assert outside == []


def test_guest_pays_with_a_three_d_secure_card_offline(page, live_server, catalogue, localstripe):
    shop_until_review(page, live_server.url)
    fill_offline_card(page, "4000002760003184")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    # localstripe's 3-D Secure dialog: fail once, then complete.
    page.get_by_role("button", name="Fail authentication").click()
    # Via the return URL back to the payment page, which explains what happened.
    page.locator("#payment-error", has_text="Your bank could not confirm this payment (3-D Secure)").wait_for()
    assert Order.objects.get().status == "Pending payment"

    fill_offline_card(page, "4000002760003184")
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.get_by_role("button", name="Complete authentication").click()
    assert_thank_you(page)
