"""Sending queued emails exactly once where possible: due rows, leases, claims, retries.

Both queues (Oscar's emails in QueuedEmail, the onboarding sequence in
OnboardingEmail) share this life cycle, on rows with the fields status, send_at,
attempts, last_error, lease_until and sent_at:

    scheduled --dispatch (lease)--> scheduled --claim--> sending --> sent
                                                          |  \\--> scheduled later (retry)
                                                          |   \\-> failed (tries used up)
                    (lease runs out: the worker died) <---/

A dispatch leases due rows and returns their ids for send tasks; a send task claims
its row with one guarded UPDATE (only one claimer can win), sends, then marks it sent.
Retries move `send_at` later instead of using Celery countdowns, so they survive
worker restarts and never depend on the broker redelivering a task.
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import F, Q

logger = logging.getLogger(__name__)

SCHEDULED, SENDING, SENT, FAILED = "scheduled", "sending", "sent", "failed"

# What a mail server or the network raise when sending fails; worth trying again.
EMAIL_SERVICE_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff: the base delay after the first failed try, doubling after each."""
    return timedelta(seconds=settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def due_rows_lease(*, model: type[models.Model], now: datetime, limit: int = 1000) -> list[int]:
    """Lease up to `limit` due rows to this dispatch and return their ids.

    Due: scheduled, send time reached, not leased by another dispatch; or stuck in
    "sending" after the worker that claimed it stopped (its lease ran out). A row
    leased here is not handed out again until its lease runs out, so two dispatches
    running at once split the rows between them.
    """
    lease_until = now + timedelta(seconds=settings.EMAIL_SEND_LEASE_SECONDS)
    free = Q(lease_until__isnull=True) | Q(lease_until__lte=now)
    due = (Q(status=SCHEDULED, send_at__lte=now) & free) | Q(status=SENDING, lease_until__lte=now)
    with transaction.atomic():
        # PostgreSQL: rows locked by a concurrent dispatch are skipped. SQLite has no
        # row locks; its IMMEDIATE transactions run one writer at a time instead.
        ids = list(
            model.objects.filter(due).order_by("send_at", "pk")
            .select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit]
        )
        model.objects.filter(pk__in=ids).update(status=SCHEDULED, lease_until=lease_until)
    return ids


def row_claim(*, model: type[models.Model], pk: int, now: datetime) -> int | None:
    """Claim a due row for sending; the attempt number, or None when it is not ours to send.

    One UPDATE guarded by the status: of two workers (or two dispatches of the same
    row) exactly one changes the row, the other sees 0 rows and stops.
    """
    lease_until = now + timedelta(seconds=settings.EMAIL_SEND_LEASE_SECONDS)
    claimed = model.objects.filter(pk=pk, status=SCHEDULED, send_at__lte=now).update(
        status=SENDING, lease_until=lease_until, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return model.objects.filter(pk=pk).values_list("attempts", flat=True).get()


def row_mark_sent(*, model: type[models.Model], pk: int, attempt: int, now: datetime) -> bool:
    """Record a successful send; False if the row was taken over meanwhile (lease ran out)."""
    marked = model.objects.filter(pk=pk, status=SENDING, attempts=attempt).update(
        status=SENT, sent_at=now, lease_until=None, last_error=""
    )
    if not marked:
        logger.warning("%s %s was sent but had been taken over (lease ran out); a copy may follow",
                       model.__name__, pk)
    return bool(marked)


def row_mark_attempt_failed(*, model: type[models.Model], pk: int, attempt: int, now: datetime,
                            error: str, retry: bool = True) -> str:
    """After a failed try: schedule the next one with backoff, or mark the row failed."""
    if retry and attempt < settings.EMAIL_SEND_MAX_ATTEMPTS:
        model.objects.filter(pk=pk, status=SENDING, attempts=attempt).update(
            status=SCHEDULED, send_at=now + retry_delay(attempts=attempt), lease_until=None,
            last_error=error[:2000],
        )
        logger.warning("%s %s: try %s failed, retrying later: %s", model.__name__, pk, attempt, error)
        return SCHEDULED
    model.objects.filter(pk=pk, status=SENDING, attempts=attempt).update(
        status=FAILED, lease_until=None, last_error=error[:2000]
    )
    logger.error("%s %s failed after %s tries: %s", model.__name__, pk, attempt, error)
    return FAILED


def row_deliver(*, model: type[models.Model], pk: int, now: Callable[[], datetime],
                build_message: Callable[[models.Model], EmailMessage]) -> str:
    """Claim, build, send and record one row; returns the row's resulting status or "skipped".

    Mail-service errors are retried with backoff; any other error is a bug in the
    shop (a template, missing data) and fails the row at once, logged with its id.
    """
    attempt = row_claim(model=model, pk=pk, now=now())
    if attempt is None:
        return "skipped"
    row = model.objects.get(pk=pk)
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    try:
        try:
            message = build_message(row)
            # Opened here, so send_messages leaves it open: the SMTP QUIT comes after
            # the row is marked, and a hiccup at QUIT cannot make an accepted email a retry.
            connection.open()
            connection.send_messages([message])
        except EMAIL_SERVICE_ERRORS as error:
            return row_mark_attempt_failed(model=model, pk=pk, attempt=attempt, now=now(),
                                           error=f"{type(error).__name__}: {error}")
        except Exception as error:
            logger.exception("%s %s could not be built or sent", model.__name__, pk)
            return row_mark_attempt_failed(model=model, pk=pk, attempt=attempt, now=now(),
                                           error=f"{type(error).__name__}: {error}", retry=False)
        # The mail server accepted it. From its reply to this UPDATE is the one window in
        # which a dying worker leaves an accepted email unmarked (README, "Emails").
        row_mark_sent(model=model, pk=pk, attempt=attempt, now=now())
        return SENT
    finally:
        _close_quietly(connection)


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.warning("Closing the mail connection failed (the email was already handled)", exc_info=True)
