"""Celery tasks for the onboarding sequence (thin: the work is in services.py).

Multi-day delays live in the database (OnboardingEmail.send_at), never in Celery
ETA/countdown tasks: the periodic dispatch hands due rows to send tasks.
"""

from celery import shared_task

from shop.onboarding import services

DISPATCH_BATCH = 500


@shared_task(acks_late=True, ignore_result=True)
def onboarding_email_send(onboarding_email_id: int) -> str:
    return services.onboarding_email_deliver(onboarding_email_id=onboarding_email_id)


@shared_task(ignore_result=True)
def onboarding_dispatch_due() -> int:
    """Periodic (beat): hand every due onboarding email to a send task."""
    dispatched = 0
    while True:
        ids = services.onboarding_due_dispatch(limit=DISPATCH_BATCH)
        for onboarding_email_id in ids:
            onboarding_email_send.delay(onboarding_email_id)
        dispatched += len(ids)
        if len(ids) < DISPATCH_BATCH:
            return dispatched
