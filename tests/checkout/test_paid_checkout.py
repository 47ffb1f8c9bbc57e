"""A guest checkout paid with a card gives one paid order with the right contents."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import OrderPayment
from tests.support.checkout import pay_with_card, pending_order

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_paid_guest_checkout_gives_one_order_with_lines_shipping_total_and_source(
    client, catalogue, localstripe, paid_signals, django_capture_on_commit_callbacks
):
    order = pending_order(client)
    assert order.status == "Pending payment"
    mat = StockRecord.objects.get(product__upc="MAT-CLASSIC-OCEAN-BLUE")
    assert mat.num_allocated == 1  # allocated when the pending order was placed

    with django_capture_on_commit_callbacks(execute=True):
        status, result = pay_with_card(client, localstripe, "4242424242424242")
        assert (status, result["status"]) == (200, "succeeded")
        response = client.get(reverse("checkout:pay-return"))
    assert response.status_code == 302 and response.url == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.status == "Paid"
    assert order.guest_email == "ada@example.com"
    assert sorted((line.upc, line.quantity) for line in order.lines.all()) == [
        ("MAT-CLASSIC-OCEAN-BLUE", 1), ("PILLOW-NECK", 1)]
    # 39.00 + 24.00 less 20% off the pillow (mat + pillow offer), plus standard shipping.
    assert order.shipping_code == "standard"
    assert order.shipping_incl_tax == Decimal("5.95")
    assert order.total_incl_tax == Decimal("39.00") + Decimal("19.20") + Decimal("5.95")
    assert order.shipping_address.line1 == "12 Analytical Way"

    source = order.sources.get()
    assert source.source_type.name == "Stripe"
    assert (source.amount_allocated, source.amount_debited) == (order.total_incl_tax, order.total_incl_tax)
    payment = OrderPayment.objects.get(order=order)
    assert source.reference == payment.payment_intent_id
    assert payment.status == OrderPayment.PAID and payment.amount_received == order.total_incl_tax
    assert [event.event_type.name for event in order.payment_events.all()] == ["Paid"]

    intent = localstripe.payment_intent(payment.payment_intent_id)
    assert intent["amount"] == 6415 and intent["currency"] == "usd" and intent["status"] == "succeeded"
    assert intent["metadata"] == {"order_number": order.number, "basket_id": str(payment.basket_id)}

    assert Basket.objects.get(pk=payment.basket_id).status == "Submitted"
    assert paid_signals == [order.number]
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert order.number in mail.outbox[0].body

    thank_you = client.get(reverse("checkout:thank-you"))
    assert thank_you.status_code == 200
    assert f"Your order number is <strong id=\"order-number\">{order.number}</strong>" in thank_you.content.decode()
    status_url = reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    assert status_url in thank_you.content.decode()
    anon_page = client.get(status_url)
    assert anon_page.status_code == 200 and "Paid" in anon_page.content.decode()


def test_mail_server_down_does_not_break_a_paid_checkout(client, catalogue, localstripe, settings,
                                                         django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: connection refused
    order = pending_order(client)
    pay_with_card(client, localstripe, "4242424242424242")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("checkout:pay-return"))
    assert response.url == reverse("checkout:thank-you")
    assert client.get(response.url).status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
