"""Staff refund and cancel from Oscar's order dashboard; both reach Stripe (localstripe) and are recorded."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop import signals
from shop.payments.models import OrderPayment, StripeRefund
from tests.support.checkout import pay_with_card, pending_order
from tests.support.localstripe import event_for, signed_event

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user(
        username="staff", email="staff@example.com", password="pw-123456789", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def paid_order(client, catalogue, localstripe):
    order = pending_order(client)
    pay_with_card(client, localstripe, "4242424242424242")
    client.get(reverse("checkout:pay-return"))
    order.refresh_from_db()
    assert order.status == "Paid"
    return order


def refund(staff, order, amount):
    return staff.post(reverse("dashboard:order-detail", kwargs={"number": order.number}), {
        "order_action": "create_order_payment_event", "payment_event_type": "refund", "amount": amount,
    }, follow=True)


def test_dashboard_refund_reaches_stripe_and_is_recorded_once(staff, paid_order, localstripe,
                                                              django_capture_on_commit_callbacks):
    refunded = []
    signals.order_refunded.connect(lambda sender, order, amount, **kw: refunded.append(str(amount)), weak=False,
                                   dispatch_uid="dashboard-test")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = refund(staff, paid_order, "20.00")
    finally:
        signals.order_refunded.disconnect(dispatch_uid="dashboard-test")
    assert "Payment event created" in response.content.decode()
    payment = OrderPayment.objects.get(order=paid_order)
    at_stripe = localstripe.refunds(payment.payment_intent_id)
    assert [r["amount"] for r in at_stripe] == [2000]
    assert list(StripeRefund.objects.values_list("refund_id", flat=True)) == [at_stripe[0]["id"]]
    assert [(e.event_type.code, str(e.amount)) for e in paid_order.payment_events.order_by("id")] == [
        ("paid", "64.15"), ("refund", "20.00")]
    assert Transaction.objects.filter(source__order=paid_order, txn_type="Refund").count() == 1
    assert refunded == ["20.00"]

    # Stripe's refund webhook for the same refund then changes nothing.
    payload, signature = signed_event(event_for("refund.created", {"id": at_stripe[0]["id"]}))
    staff.post("/payments/stripe/webhook/", data=payload, content_type="application/json",
               HTTP_STRIPE_SIGNATURE=signature)
    assert StripeRefund.objects.count() == 1 and paid_order.payment_events.count() == 2


def test_refunding_the_rest_marks_the_order_refunded(staff, paid_order, localstripe):
    refund(staff, paid_order, "64.15")
    paid_order.refresh_from_db()
    assert paid_order.status == "Refunded"


def test_refund_above_what_was_paid_is_refused_and_nothing_reaches_stripe(staff, paid_order, localstripe):
    response = refund(staff, paid_order, "100.00")
    assert "Unable to create payment event: Refund between 0.01 and 64.15 USD." in response.content.decode()
    assert localstripe.refunds(paid_order.stripe_payment.payment_intent_id) == []
    assert StripeRefund.objects.count() == 0


def test_staff_cancelling_a_pending_order_cancels_the_payment_and_releases_stock(staff, client, catalogue,
                                                                                   localstripe):
    order = pending_order(client)
    response = staff.post(reverse("dashboard:order-detail", kwargs={"number": order.number}), {
        "order_action": "change_order_status", "new_status": "Cancelled"}, follow=True)
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert localstripe.payment_intent(order.stripe_payment.payment_intent_id)["status"] == "canceled"
    assert StockRecord.objects.get(product__upc="MAT-CLASSIC-OCEAN-BLUE").num_allocated == 0


def test_staff_cancelling_a_paid_order_tells_the_shop_once(staff, paid_order, django_capture_on_commit_callbacks):
    cancelled = []
    signals.order_cancelled.connect(lambda sender, order, **kw: cancelled.append(order.number), weak=False,
                                    dispatch_uid="paid-cancel-test")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(reverse("dashboard:order-detail", kwargs={"number": paid_order.number}), {
                "order_action": "change_order_status", "new_status": "Cancelled"})
    finally:
        signals.order_cancelled.disconnect(dispatch_uid="paid-cancel-test")
    paid_order.refresh_from_db()
    assert paid_order.status == "Cancelled" and cancelled == [paid_order.number]
