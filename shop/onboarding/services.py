"""Writes for the onboarding sequence: schedule, send, cancel, unsubscribe, resend."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from shop.communication import delivery
from shop.onboarding import selectors
from shop.onboarding.content import onboarding_message_for_row, onboarding_message_id
from shop.onboarding.models import OnboardingEmail, Unsubscribe
from shop.onboarding.schedule import onboarding_send_time, onboarding_steps

logger = logging.getLogger(__name__)


@transaction.atomic
def onboarding_schedule_for_order(*, order) -> list[OnboardingEmail]:
    """Create the order's sequence, once: a row per step with its send time.

    Safe to call again for the same order (the rows exist; nothing changes). An
    address that unsubscribed before gets the rows as cancelled, so staff see why.
    """
    email = selectors.onboarding_customer_email(order=order)
    if not email:
        logger.warning("Order %s (%s) has no email address: no onboarding emails", order.pk, order.number)
        return []
    if OnboardingEmail.objects.filter(order=order).exists():
        return selectors.onboarding_emails_for_order(order=order)
    unsubscribed = selectors.onboarding_is_unsubscribed(email=email)
    paid_at = timezone.now()
    rows = [
        OnboardingEmail(
            order=order, step=step, email=email,
            send_at=onboarding_send_time(paid_at=paid_at, day=day),
            message_id=onboarding_message_id(order_number=order.number, step=step),
            status=OnboardingEmail.CANCELLED if unsubscribed else OnboardingEmail.SCHEDULED,
            last_error="Unsubscribed before this order" if unsubscribed else "",
        )
        for step, day in onboarding_steps()
    ]
    try:
        with transaction.atomic():
            OnboardingEmail.objects.bulk_create(rows)
    except IntegrityError:
        # A concurrent call for the same order won the race; its rows stand.
        pass
    return selectors.onboarding_emails_for_order(order=order)


def onboarding_cancel_for_order(*, order, reason: str) -> int:
    """Cancel the order's emails that have not gone out yet (refund, cancellation)."""
    return OnboardingEmail.objects.filter(order=order, status=OnboardingEmail.SCHEDULED).update(
        status=OnboardingEmail.CANCELLED, lease_until=None, last_error=reason
    )


@transaction.atomic
def onboarding_unsubscribe(*, email: str, order_id: int | None = None) -> int:
    """Remember the address and cancel every pending email to it; returns how many were cancelled."""
    email = email.strip().lower()
    Unsubscribe.objects.get_or_create(email=email, defaults={"order_id": order_id})
    return OnboardingEmail.objects.filter(email=email, status=OnboardingEmail.SCHEDULED).update(
        status=OnboardingEmail.CANCELLED, lease_until=None, last_error="Unsubscribed"
    )


def onboarding_due_dispatch(*, limit: int = 1000) -> list[int]:
    """Lease the due onboarding emails to this dispatch and return their ids."""
    return delivery.due_rows_lease(model=OnboardingEmail, now=timezone.now(), limit=limit)


def onboarding_email_deliver(*, onboarding_email_id: int) -> str:
    """Send one onboarding email if it is due and nobody else is sending it; its new status."""
    status = delivery.row_deliver(
        model=OnboardingEmail, pk=onboarding_email_id, now=timezone.now,
        build_message=onboarding_message_for_row,
    )
    if status == delivery.FAILED:
        row = OnboardingEmail.objects.select_related("order").get(pk=onboarding_email_id)
        logger.error("Onboarding email %s failed for good: order %s (id %s), step %s, to %s: %s",
                     row.pk, row.order.number, row.order_id, row.step, row.email, row.last_error)
    return status


def onboarding_email_resend(*, onboarding_email: OnboardingEmail) -> bool:
    """Staff: try a failed email again now, with a fresh set of tries. False if it was not failed."""
    updated = OnboardingEmail.objects.filter(pk=onboarding_email.pk, status=OnboardingEmail.FAILED).update(
        status=OnboardingEmail.SCHEDULED, send_at=timezone.now(), attempts=0, lease_until=None
    )
    if updated:
        from shop.onboarding.tasks import onboarding_email_send

        transaction.on_commit(lambda: onboarding_email_send.delay(onboarding_email.pk), robust=True)
    return bool(updated)
