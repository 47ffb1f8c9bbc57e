"""Connects the shop's payment signals to the onboarding schedule."""

import logging

from django.dispatch import receiver

from shop.onboarding import services
from shop.signals import order_cancelled, order_paid, order_refunded

logger = logging.getLogger(__name__)


@receiver(order_paid, dispatch_uid="onboarding.schedule_on_paid")
def schedule_on_paid(sender, order, **kwargs):
    # Inside the payment's transaction: the schedule is stored with the Paid status,
    # or not at all. Sending starts from the periodic dispatch, after commit.
    services.onboarding_schedule_for_order(order=order)


@receiver(order_refunded, dispatch_uid="onboarding.cancel_on_refund")
def cancel_on_refund(sender, order, **kwargs):
    cancelled = services.onboarding_cancel_for_order(order=order, reason="Order refunded")
    logger.info("Order %s refunded: %s onboarding emails cancelled", order.number, cancelled)


@receiver(order_cancelled, dispatch_uid="onboarding.cancel_on_cancel")
def cancel_on_cancel(sender, order, **kwargs):
    cancelled = services.onboarding_cancel_for_order(order=order, reason="Order cancelled")
    logger.info("Order %s cancelled: %s onboarding emails cancelled", order.number, cancelled)
