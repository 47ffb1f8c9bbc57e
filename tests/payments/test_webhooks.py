"""The Stripe webhook: signature checked on the raw body, each event handled once."""

import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop import signals
from shop.payments.models import OrderPayment, StripeEvent, StripeRefund
from tests.support.checkout import pay_with_card, pending_order
from tests.support.localstripe import event_for, signed_event

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"


def deliver(client, event, *, secret="whsec_test_suite"):
    payload, signature = signed_event(event, secret=secret)
    return client.post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


@pytest.fixture
def charged_order(client, catalogue, localstripe):
    """A pending order whose card payment succeeded at Stripe; the shop not told yet."""
    order = pending_order(client)
    status, result = pay_with_card(client, localstripe, "4242424242424242")
    assert result["status"] == "succeeded"
    return order


def succeeded_event(order, event_id=None):
    payment = OrderPayment.objects.get(order=order)
    # The body is deliberately thin: the shop re-reads the PaymentIntent from Stripe.
    return event_for("payment_intent.succeeded", {"id": payment.payment_intent_id, "object": "payment_intent"},
                     event_id=event_id)


def assert_paid_once(order, paid_signals):
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.count() == 1
    assert [e.event_type.code for e in order.payment_events.all()] == ["paid"]
    assert Transaction.objects.filter(source__order=order, txn_type="Debit").count() == 1
    assert paid_signals == [order.number]


def test_webhook_alone_completes_an_order_whose_browser_never_returned(
    client, charged_order, paid_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, succeeded_event(charged_order))
    assert response.status_code == 200 and response.content == b"received"
    assert_paid_once(charged_order, paid_signals)


def test_webhook_delivered_twice_completes_once(client, charged_order, paid_signals,
                                                django_capture_on_commit_callbacks):
    event = succeeded_event(charged_order, event_id="evt_twice")
    with django_capture_on_commit_callbacks(execute=True):
        first = deliver(client, event)
        second = deliver(client, event)
    assert (first.status_code, first.content) == (200, b"received")
    assert (second.status_code, second.content) == (200, b"duplicate")
    assert StripeEvent.objects.filter(event_id="evt_twice").count() == 1
    assert_paid_once(charged_order, paid_signals)


def test_two_different_events_for_one_payment_complete_once(client, charged_order, paid_signals,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, succeeded_event(charged_order)).status_code == 200
        assert deliver(client, succeeded_event(charged_order)).status_code == 200
    assert StripeEvent.objects.count() == 2
    assert_paid_once(charged_order, paid_signals)


@pytest.mark.parametrize("browser_first", [True, False], ids=["return-then-webhook", "webhook-then-return"])
def test_browser_return_and_webhook_complete_once_whichever_is_first(
    client, charged_order, paid_signals, browser_first, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if browser_first:
            returned = client.get(reverse("checkout:pay-return"))
            delivered = deliver(client, succeeded_event(charged_order))
        else:
            delivered = deliver(client, succeeded_event(charged_order))
            returned = client.get(reverse("checkout:pay-return"))
    assert delivered.status_code == 200
    assert returned.status_code == 302 and returned.url == reverse("checkout:thank-you")
    assert_paid_once(charged_order, paid_signals)


def test_bad_signature_is_refused_with_400_and_changes_nothing(client, charged_order):
    response = deliver(client, succeeded_event(charged_order), secret="whsec_someone_else")
    assert response.status_code == 400
    charged_order.refresh_from_db()
    assert charged_order.status == "Pending payment"
    assert StripeEvent.objects.count() == 0 and charged_order.sources.count() == 0


def test_missing_signature_and_replayed_old_signature_are_refused(client, charged_order):
    payload, _ = signed_event(succeeded_event(charged_order))
    assert client.post(WEBHOOK, data=payload, content_type="application/json").status_code == 400
    payload, stale = signed_event(succeeded_event(charged_order), timestamp=time.time() - 3600)
    response = client.post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=stale)
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


def test_tampered_body_with_a_valid_looking_signature_is_refused(client, charged_order):
    payload, signature = signed_event(succeeded_event(charged_order))
    tampered = payload.replace(b"payment_intent.succeeded", b"payment_intent.succeedeD")
    response = client.post(WEBHOOK, data=tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)
    assert response.status_code == 400


def test_signed_event_whose_object_has_no_id_is_refused_with_400(client, charged_order):
    response = deliver(client, event_for("payment_intent.succeeded", {"object": "payment_intent"}))
    assert response.status_code == 400
    charged_order.refresh_from_db()
    assert charged_order.status == "Pending payment"
    assert StripeEvent.objects.count() == 0


def test_unhandled_event_types_are_acknowledged_and_not_stored(client, localstripe):
    response = deliver(client, event_for("customer.created", {"id": "cus_1", "object": "customer"}))
    assert (response.status_code, response.content) == (200, b"ignored")
    assert StripeEvent.objects.count() == 0


def test_event_for_an_unknown_payment_intent_is_acknowledged(client, localstripe):
    from shop.payments import stripe_api

    intent = stripe_api.payment_intent_create(amount=500, currency="usd", metadata={}, idempotency_key="other")
    response = deliver(client, event_for("payment_intent.succeeded", {"id": intent.id}))
    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_stripe_unreachable_gives_500_so_stripe_retries_and_the_event_is_not_stored(
    client, charged_order, settings, paid_signals, django_capture_on_commit_callbacks
):
    event = succeeded_event(charged_order, event_id="evt_retry")
    real_api = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    assert deliver(client, event).status_code == 500
    assert StripeEvent.objects.count() == 0
    settings.STRIPE_API_BASE = real_api
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, event).status_code == 200  # Stripe's retry succeeds
    assert_paid_once(charged_order, paid_signals)


def test_payment_failed_event_keeps_the_order_pending_with_a_note(client, catalogue, localstripe):
    order = pending_order(client)
    pay_with_card(client, localstripe, "4000000000000341")
    payment = OrderPayment.objects.get(order=order)
    response = deliver(client, event_for("payment_intent.payment_failed", {"id": payment.payment_intent_id}))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "Pending payment"
    assert "Payment attempt failed: Your card was declined." in [note.message for note in order.notes.all()]


@pytest.mark.parametrize("event_type", ["charge.refunded", "refund.created"])
def test_refund_made_at_stripe_is_recorded_once_from_the_webhook(
    client, charged_order, localstripe, event_type, django_capture_on_commit_callbacks
):
    from shop.payments import stripe_api

    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, succeeded_event(charged_order))
    payment = OrderPayment.objects.get(order=charged_order)
    # Refunded in Stripe's own dashboard: the shop learns it from the webhook only.
    refund = stripe_api.refund_create(payment_intent_id=payment.payment_intent_id, amount=1000,
                                      idempotency_key="outside", metadata={})
    if event_type == "charge.refunded":
        body = {"id": "ch_x", "object": "charge", "payment_intent": payment.payment_intent_id}
    else:
        body = {"id": refund.id, "object": "refund", "payment_intent": payment.payment_intent_id}
    refunded = []
    signals.order_refunded.connect(lambda sender, order, amount, **kw: refunded.append(amount), weak=False,
                                   dispatch_uid="test-refund")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert deliver(client, event_for(event_type, body, event_id="evt_refund_1")).status_code == 200
            assert deliver(client, event_for(event_type, body, event_id="evt_refund_2")).status_code == 200
    finally:
        signals.order_refunded.disconnect(dispatch_uid="test-refund")
    assert list(StripeRefund.objects.values_list("refund_id", flat=True)) == [refund.id]
    assert [str(e.amount) for e in charged_order.payment_events.filter(event_type__code="refund")] == ["10.00"]
    source = charged_order.sources.get()
    assert str(source.amount_refunded) == "10.00"
    assert [str(amount) for amount in refunded] == ["10.00"]
