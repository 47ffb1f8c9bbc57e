"""Stripe webhook events: verify, skip what we don't handle or have seen, dispatch.

Each handler re-reads the object from Stripe rather than trusting the event body,
so events arriving late or out of order change nothing they shouldn't.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from shop.payments import services, stripe_api
from shop.payments.models import StripeEvent

logger = logging.getLogger(__name__)

RECEIVED, IGNORED, DUPLICATE = "received", "ignored", "duplicate"


@dataclass(frozen=True)
class WebhookResult:
    outcome: str
    event_id: str = ""


def handle_payment_intent_succeeded(event: stripe_api.EventInfo):
    services.payment_complete(payment_intent_id=event.data_object["id"])


def handle_payment_intent_payment_failed(event: stripe_api.EventInfo):
    services.payment_failure_record(payment_intent_id=event.data_object["id"])


def handle_charge_refunded(event: stripe_api.EventInfo):
    payment_intent_id = stripe_api.id_of(event.data_object.get("payment_intent"))
    if payment_intent_id:
        for refund in stripe_api.refunds_for_payment_intent(payment_intent_id):
            services.refund_record(refund=refund)


def handle_refund(event: stripe_api.EventInfo):
    services.refund_record(refund=stripe_api.refund_retrieve(event.data_object["id"]))


HANDLERS = {
    "payment_intent.succeeded": handle_payment_intent_succeeded,
    "payment_intent.payment_failed": handle_payment_intent_payment_failed,
    "charge.refunded": handle_charge_refunded,
    "refund.created": handle_refund,
    "refund.updated": handle_refund,
}


def webhook_receive(*, payload: bytes, signature: str) -> WebhookResult:
    """Handle one delivery. Raises SignatureInvalid (→ 400) or any error the shop
    could not recover from (→ 500, Stripe retries; the event id is then not stored)."""
    event = stripe_api.webhook_event_construct(payload=payload, signature=signature)
    handler = HANDLERS.get(event.type)
    if handler is None:
        return WebhookResult(IGNORED, event.id)
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event.id, type=event.type)
        except IntegrityError:
            return WebhookResult(DUPLICATE, event.id)
        handler(event)
    logger.info("Stripe event %s (%s) handled", event.id, event.type)
    return WebhookResult(RECEIVED, event.id)
