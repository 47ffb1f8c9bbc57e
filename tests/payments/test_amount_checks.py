"""The amount Stripe collects is the order's: checked when the PaymentIntent is reused and when it is paid."""

import logging

import pytest
from django.urls import reverse

from shop.payments import stripe_api
from shop.payments.models import OrderPayment
from tests.support.checkout import pending_order

pytestmark = pytest.mark.django_db


def test_payment_page_puts_a_changed_payment_intent_amount_back_to_the_order_total(client, catalogue, localstripe):
    order = pending_order(client)
    payment_intent_id = OrderPayment.objects.get(order=order).payment_intent_id
    stripe_api.payment_intent_update_amount(payment_intent_id, amount=1, currency="USD")
    assert client.get(reverse("checkout:pay")).status_code == 200
    assert int(localstripe.payment_intent(payment_intent_id)["amount"]) == 6415


def test_a_payment_that_does_not_match_the_order_total_is_flagged_not_accepted(
    client, catalogue, localstripe, caplog, django_capture_on_commit_callbacks
):
    order = pending_order(client)
    payment = OrderPayment.objects.get(order=order)
    # Someone changes the amount at Stripe after the payment page was opened, then pays.
    stripe_api.payment_intent_update_amount(payment.payment_intent_id, amount=100, currency="USD")
    stripe_api.payment_intent_confirm_with_card(payment.payment_intent_id, card_id=localstripe.card("4242424242424242"))
    with caplog.at_level(logging.ERROR, logger="shop.payments.services"), \
            django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(reverse("checkout:pay-return"))
    assert response.url == reverse("checkout:thank-you")  # the shopper did pay; staff sort it out
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == "Payment review" and payment.status == OrderPayment.REVIEW
    assert payment.problem == "Stripe collected 1.00 USD, the order total is 64.15."
    assert "Stripe collected 1.00 USD, the order total is 64.15." in caplog.text
    assert any("Payment needs review" in note.message for note in order.notes.all())
    assert callbacks == []  # no order_paid, no confirmation email


def test_minor_units_round_trip():
    from decimal import Decimal

    assert stripe_api.to_minor_units(Decimal("64.15"), "USD") == 6415
    assert stripe_api.to_minor_units(Decimal("0.005"), "usd") == 1
    assert stripe_api.from_minor_units(6415, "usd") == Decimal("64.15")
    assert stripe_api.to_minor_units(Decimal("1200"), "JPY") == 1200
    assert stripe_api.from_minor_units(1200, "jpy") == Decimal("1200")
