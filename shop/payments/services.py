"""Payment writes: start, complete, cancel and refund the Stripe payment of an Oscar order.

Design A (README "Payments"): the order is placed first as "Pending payment" with its
stock allocated; the PaymentIntent is created for that order's total. The browser's
return and the `payment_intent.succeeded` webhook both call `payment_complete`, which
re-reads the PaymentIntent from Stripe and moves the payment pending → paid with one
guarded UPDATE, so only one caller ever records it.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop import signals
from shop.payments import stripe_api
from shop.payments.models import OrderPayment, StripeRefund

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

ORDER_PENDING = "Pending payment"
ORDER_PAID = "Paid"
ORDER_REVIEW = "Payment review"
ORDER_CANCELLED = "Cancelled"
ORDER_REFUNDED = "Refunded"

PAID, ALREADY_DONE, REVIEW, NOT_PAID, UNKNOWN = "paid", "already_done", "review", "not_paid", "unknown"


class OrderNotPayable(Exception):
    """The order is no longer waiting for payment (paid, cancelled or in review)."""


class RefundNotPossible(Exception):
    """A refund staff asked for that cannot be made (message says why)."""


@dataclass(frozen=True)
class Completion:
    """What `payment_complete` found: `outcome` is one of the constants above."""

    outcome: str
    order: object = None
    intent: stripe_api.PaymentIntentInfo | None = None


def payment_idempotency_key(*, order_number: str) -> str:
    return f"order-{order_number}-payment-intent"


def order_payment_create(*, order, basket) -> OrderPayment:
    """Record, with the just-placed pending order, the amount Stripe must collect."""
    return OrderPayment.objects.create(
        order=order, basket_id=basket.id, amount=order.total_incl_tax, currency=order.currency
    )


def payment_intent_for_order(*, order) -> stripe_api.PaymentIntentInfo:
    """The order's PaymentIntent, created on first use from the order total the server computed.

    The row lock makes two tabs opening the payment page share one PaymentIntent; the
    idempotency key does the same for a retried request after a lost response.
    """
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().get(order=order)
        if payment.status != OrderPayment.PENDING:
            raise OrderNotPayable(f"Order #{order.number} is no longer waiting for payment.")
        amount = stripe_api.to_minor_units(payment.amount, payment.currency)
        if payment.payment_intent_id:
            intent = stripe_api.payment_intent_retrieve(payment.payment_intent_id)
            if intent.amount != amount and intent.status in ("requires_payment_method", "requires_confirmation"):
                intent = stripe_api.payment_intent_update_amount(intent.id, amount=amount, currency=payment.currency)
            return intent
        intent = stripe_api.payment_intent_create(
            amount=amount,
            currency=payment.currency,
            metadata={"order_number": order.number, "basket_id": str(payment.basket_id)},
            idempotency_key=payment_idempotency_key(order_number=order.number),
        )
        payment.payment_intent_id = intent.id
        payment.save(update_fields=["payment_intent_id"])
        return intent


def payment_confirm_with_card(*, order, card_id: str) -> stripe_api.PaymentIntentInfo:
    """Offline card-token flow: confirm the order's own PaymentIntent with the shopper's card."""
    intent = payment_intent_for_order(order=order)
    if intent.status == "requires_payment_method" and intent.latest_charge_id:
        # localstripe cannot confirm a PaymentIntent again after a declined charge
        # (real Stripe can): retry on a fresh one for the same order.
        intent = _payment_intent_replace(order=order, old=intent)
    if intent.status not in ("requires_payment_method", "requires_confirmation"):
        return intent
    return stripe_api.payment_intent_confirm_with_card(intent.id, card_id=card_id)


def _payment_intent_replace(*, order, old) -> stripe_api.PaymentIntentInfo:
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().get(order=order)
        if payment.payment_intent_id != old.id or payment.status != OrderPayment.PENDING:
            return stripe_api.payment_intent_retrieve(payment.payment_intent_id)
        stripe_api.payment_intent_cancel(old.id)
        intent = stripe_api.payment_intent_create(
            amount=stripe_api.to_minor_units(payment.amount, payment.currency),
            currency=payment.currency,
            metadata={"order_number": order.number, "basket_id": str(payment.basket_id)},
            idempotency_key=f"{payment_idempotency_key(order_number=order.number)}-after-{old.id}",
        )
        payment.payment_intent_id = intent.id
        payment.save(update_fields=["payment_intent_id"])
        _note(order, f"Payment retried on a new PaymentIntent {intent.id} (was {old.id}).")
        return intent


def payment_complete(*, payment_intent_id: str) -> Completion:
    """Mark the order of a succeeded PaymentIntent paid, exactly once.

    Called by the browser's return and by the webhook. Reads the PaymentIntent from
    Stripe (never trusts the caller's copy) and checks amount and currency against
    what the order must collect; a mismatch puts the order in review, not paid.
    """
    intent = stripe_api.payment_intent_retrieve(payment_intent_id)
    payment = OrderPayment.objects.filter(payment_intent_id=intent.id).first()
    if payment is None:
        logger.warning("PaymentIntent %s (metadata %s) belongs to no order of this shop", intent.id, intent.metadata)
        return Completion(UNKNOWN, intent=intent)
    if not intent.succeeded:
        return Completion(NOT_PAID, order=payment.order, intent=intent)

    received = stripe_api.from_minor_units(intent.amount_received, intent.currency)
    problem = _amount_problem(payment=payment, intent=intent, received=received)
    with transaction.atomic():
        won = OrderPayment.objects.filter(pk=payment.pk, status=OrderPayment.PENDING).update(
            status=OrderPayment.REVIEW if problem else OrderPayment.PAID,
            amount_received=received,
            paid_at=timezone.now(),
            problem=problem,
        )
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        if not won:
            payment.refresh_from_db()
            if payment.status == OrderPayment.CANCELLED:
                _flag_paid_after_cancel(payment=payment, order=order, intent=intent, received=received)
            return Completion(ALREADY_DONE, order=order, intent=intent)
        _record_payment(order=order, payment=payment, intent=intent, received=received)
        if problem:
            logger.error("Order #%s: %s", order.number, problem)
            order.set_status(ORDER_REVIEW)
            _note(order, f"Payment needs review: {problem}")
            return Completion(REVIEW, order=order, intent=intent)
        order.set_status(ORDER_PAID)
        _note(order, f"Paid {received} {payment.currency} with Stripe ({intent.id}).")
        Basket.objects.filter(pk=payment.basket_id).update(status=Basket.SUBMITTED, date_submitted=timezone.now())
        # In the same transaction: the onboarding schedule and the queued confirmation
        # email are stored with the Paid status or not at all, so a crash between
        # commit and "announce" cannot lose them. Their sends start after commit.
        _announce_paid(order)
    logger.info("Order #%s: paid (%s)", order.number, intent.id)
    return Completion(PAID, order=order, intent=intent)


def _amount_problem(*, payment, intent, received: Decimal) -> str:
    if intent.currency.lower() != payment.currency.lower():
        return f"Stripe collected {intent.currency.upper()}, the order is in {payment.currency}."
    if received != payment.amount:
        return f"Stripe collected {received} {payment.currency}, the order total is {payment.amount}."
    return ""


def _record_payment(*, order, payment, intent, received):
    """Oscar's records of the money: a Stripe source with its debit, and a payment event."""
    source_type, _ = SourceType.objects.get_or_create(code="stripe", defaults={"name": "Stripe"})
    source = Source.objects.create(
        order=order, source_type=source_type, currency=payment.currency,
        amount_allocated=received, reference=intent.id, label="Card (Stripe)",
    )
    source.debit(received, reference=intent.latest_charge_id or intent.id, status=intent.status)
    event_type, _ = PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "Paid"})
    event = order.payment_events.create(event_type=event_type, amount=received, reference=intent.id)
    for line in order.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)


def _flag_paid_after_cancel(*, payment, order, intent, received):
    # Stripe took money for an order we had already cancelled: never silent.
    problem = f"Stripe collected {received} {payment.currency} ({intent.id}) after the order was cancelled."
    if OrderPayment.objects.filter(pk=payment.pk, status=OrderPayment.CANCELLED).update(
        status=OrderPayment.REVIEW, amount_received=received, problem=problem
    ):
        logger.error("Order #%s: %s", order.number, problem)
        _record_payment(order=order, payment=payment, intent=intent, received=received)
        _note(order, f"Payment needs review (refund it): {problem}")


def _announce_paid(order):
    signals.order_paid.send(sender=OrderPayment, order=order)
    try:
        with transaction.atomic():  # a savepoint: a failure here must not undo the payment
            order_placed_email_send(order=order)
    except Exception:  # the order is paid; a mail problem must not undo or hide that
        logger.exception("Order #%s: the confirmation email could not be queued", order.number)


def order_placed_email_send(*, order):
    """Oscar's order-placed email, sent once the order is paid (Oscar's dispatcher)."""
    from django.contrib.sites.models import Site
    from django.urls import reverse

    OrderDispatcher = get_class("order.utils", "OrderDispatcher")
    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    context = {
        "user": order.user,
        "order": order,
        "lines": order.lines.all(),
        "status_path": path,
        "status_url": f"https://{Site.objects.get_current().domain}{path}",
    }
    OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, context)


def payment_failure_record(*, payment_intent_id: str) -> Completion:
    """A failed attempt: the order stays pending (the shopper may retry); note why."""
    intent = stripe_api.payment_intent_retrieve(payment_intent_id)
    payment = OrderPayment.objects.filter(payment_intent_id=intent.id).select_related("order").first()
    if payment is None:
        return Completion(UNKNOWN, intent=intent)
    if intent.succeeded:  # events can arrive out of order: the PaymentIntent has the last word
        return payment_complete(payment_intent_id=intent.id)
    if payment.status == OrderPayment.PENDING:
        _note(payment.order, f"Payment attempt failed: {intent.error_message or intent.status}")
    return Completion(NOT_PAID, order=payment.order, intent=intent)


def order_cancel_pending(*, order, reason: str) -> bool:
    """Cancel an unpaid order: cancel its PaymentIntent, release its stock, reopen its basket.

    Stripe is asked first, so a payment cannot succeed after we cancelled the order;
    when Stripe says the payment already succeeded, the order is completed instead.
    Returns whether this call cancelled the order.
    """
    payment = OrderPayment.objects.get(order=order)
    if payment.status != OrderPayment.PENDING:
        return False
    if payment.payment_intent_id:
        intent = stripe_api.payment_intent_retrieve(payment.payment_intent_id)
        if intent.succeeded:
            payment_complete(payment_intent_id=intent.id)
            return False
        if intent.status != "canceled":
            stripe_api.payment_intent_cancel(intent.id)
    with transaction.atomic():
        won = OrderPayment.objects.filter(pk=payment.pk, status=OrderPayment.PENDING).update(
            status=OrderPayment.CANCELLED, cancelled_at=timezone.now()
        )
        if not won:
            return False
        order = Order.objects.select_for_update().get(pk=order.pk)
        EventHandler = get_class("order.processing", "EventHandler")
        EventHandler().cancel_stock_allocations(order)
        order.set_status(ORDER_CANCELLED)
        _note(order, f"Cancelled before payment: {reason}")
        Basket.objects.filter(pk=payment.basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
        signals.order_cancelled.send(sender=OrderPayment, order=order)
    logger.info("Order #%s: cancelled before payment (%s)", order.number, reason)
    return True


def pending_orders_expire(*, older_than) -> int:
    """Cancel orders still waiting for payment since before `older_than`; returns how many."""
    cancelled = 0
    stale = OrderPayment.objects.filter(status=OrderPayment.PENDING, created_at__lt=older_than).select_related("order")
    for payment in stale:
        try:
            cancelled += order_cancel_pending(order=payment.order, reason="not paid in time")
        except stripe_api.StripeFailure:
            logger.exception("Order #%s: could not cancel its PaymentIntent; will retry", payment.order.number)
    return cancelled


def order_refund(*, order, amount: Decimal, user=None) -> StripeRefund:
    """Refund part or all of a paid order through Stripe, then record it (staff action)."""
    payment = OrderPayment.objects.filter(order=order).first()
    if payment is None or payment.status not in (OrderPayment.PAID, OrderPayment.REVIEW) or not payment.amount_received:
        raise RefundNotPossible("This order has no Stripe payment to refund.")
    refunded = sum((refund.amount for refund in payment.refunds.all()), Decimal("0"))
    if amount <= 0 or amount > payment.amount_received - refunded:
        raise RefundNotPossible(
            f"Refund between 0.01 and {payment.amount_received - refunded} {payment.currency}."
        )
    minor = stripe_api.to_minor_units(amount, payment.currency)
    refund = stripe_api.refund_create(
        payment_intent_id=payment.payment_intent_id,
        amount=minor,
        # One refund per (order, already refunded, amount): a double-clicked form refunds once.
        idempotency_key=f"order-{order.number}-refund-{stripe_api.to_minor_units(refunded, payment.currency)}-{minor}",
        metadata={"order_number": order.number},
    )
    refund_record(refund=refund, user=user)
    return StripeRefund.objects.get(refund_id=refund.id)


def refund_record(*, refund: stripe_api.RefundInfo, user=None) -> bool:
    """Record a Stripe refund once (dashboard or webhook, whichever first); returns if new."""
    payment = OrderPayment.objects.filter(payment_intent_id=refund.payment_intent_id).first()
    if payment is None:
        logger.warning("Refund %s is for PaymentIntent %s, no order of this shop", refund.id, refund.payment_intent_id)
        return False
    amount = stripe_api.from_minor_units(refund.amount, refund.currency)
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeRefund.objects.create(refund_id=refund.id, payment=payment, amount=amount)
        except IntegrityError:
            return False
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        source = order.sources.filter(reference=payment.payment_intent_id).first()
        if source is not None:
            source.refund(amount, reference=refund.id, status=refund.status)
        event_type, _ = PaymentEventType.objects.get_or_create(code="refund", defaults={"name": "Refund"})
        order.payment_events.create(event_type=event_type, amount=amount, reference=refund.id)
        _note(order, f"Refunded {amount} {payment.currency} with Stripe ({refund.id}).", user=user)
        total_refunded = sum((r.amount for r in payment.refunds.all()), Decimal("0"))
        if total_refunded >= (payment.amount_received or payment.amount) and ORDER_REFUNDED in order.available_statuses():
            order.set_status(ORDER_REFUNDED)
        signals.order_refunded.send(sender=OrderPayment, order=order, amount=amount)
    return True


def _note(order, message, user=None):
    OrderNote.objects.create(order=order, message=message, note_type=OrderNote.SYSTEM, user=user)
