"""Celery tasks that send Oscar's queued emails (thin: the work is in services.py)."""

from celery import shared_task

from shop.communication import services


@shared_task(acks_late=True, ignore_result=True)
def queued_email_send(queued_email_id: int) -> str:
    return services.queued_email_deliver(queued_email_id=queued_email_id)


@shared_task(ignore_result=True)
def queued_email_dispatch_due() -> int:
    """Periodic (beat): hand every due queued email to a send task."""
    ids = services.queued_emails_dispatch_due()
    for queued_email_id in ids:
        queued_email_send.delay(queued_email_id)
    return len(ids)
