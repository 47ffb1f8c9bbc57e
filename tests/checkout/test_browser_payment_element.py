"""The real-keys payment form (Stripe's Payment Element) in Chromium, with a stand-in for js.stripe.com.

Real Stripe.js cannot load here; tests/checkout/stripe_js_standin.js offers the same
calls the page makes (elements → create("payment") → mount, confirmPayment), and the
route handler below plays Stripe's servers by confirming at localstripe.
"""

import json
import re
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from tests.checkout.test_browser_journey import assert_thank_you, shop_until_review

Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STANDIN = (Path(__file__).parent / "stripe_js_standin.js").read_text()


@pytest.fixture
def payment_element(settings, localstripe, page):
    settings.STRIPE_PAYMENT_FORM = "payment_element"
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    seen = {"calls": [], "publishable_keys": set()}

    def stripe_servers(route):
        request = route.request
        if request.url == settings.STRIPE_JS_URL:
            return route.fulfill(status=200, content_type="application/javascript", body=STANDIN)
        data = json.loads(request.post_data or "{}")
        payment_intent_id = data["client_secret"].split("_secret_")[0]
        action = request.url.rsplit("/", 1)[-1]
        seen["calls"].append(action)
        if action == "confirm":
            seen["publishable_keys"].add(data["publishable_key"])
            intent = localstripe.confirm_with_card(payment_intent_id, data["number"])
        else:
            intent = localstripe.authenticate(payment_intent_id, data["client_secret"], success=data["success"])
        route.fulfill(status=200, content_type="application/json", body=json.dumps(intent),
                      headers={"Access-Control-Allow-Origin": "*"})

    page.route(re.compile(r"^https://js\.stripe\.com/"), stripe_servers)
    return seen


def pay(page, number):
    page.locator("#payment-element #standin-card-number").fill(number)
    page.get_by_role("button", name=re.compile("^Pay ")).click()


def test_payment_element_decline_is_shown_in_plain_words_and_the_order_waits(
    page, live_server, catalogue, payment_element
):
    shop_until_review(page, live_server.url)
    assert page.locator("script[src='https://js.stripe.com/v3/']").count() == 1
    assert page.locator("#card-element").count() == 0  # not the offline form
    pay(page, "4000000000000341")
    error = page.locator("#payment-error")
    error.wait_for(state="visible")
    assert "Your card was declined." in error.inner_text()
    assert page.get_by_role("button", name=re.compile("^Pay ")).is_enabled()  # free to try again
    order = Order.objects.get()
    assert order.status == "Pending payment" and order.sources.count() == 0
    assert payment_element["publishable_keys"] == {"pk_test_suite"}
    # (Retrying on the same PaymentIntent after a decline is something localstripe
    # cannot do; real Stripe can. The offline card flow covers the retry.)


def test_payment_element_handles_three_d_secure(page, live_server, catalogue, payment_element):
    shop_until_review(page, live_server.url)
    pay(page, "4000002760003184")
    page.get_by_role("button", name="Fail authentication").click()
    error = page.locator("#payment-error")
    error.wait_for(state="visible")
    assert Order.objects.get().status == "Pending payment"

    pay(page, "4000002760003184")
    page.get_by_role("button", name="Authorise payment").click()
    assert_thank_you(page)
    assert payment_element["calls"] == ["confirm", "authenticate", "confirm", "authenticate"]
