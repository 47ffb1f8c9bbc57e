"""Queueing Oscar's emails and sending them from Celery (writes)."""

import base64
import logging
import mimetypes
from email.mime.base import MIMEBase
from email.utils import make_msgid
from pathlib import Path

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from shop.communication import delivery
from shop.communication.models import QueuedEmail

logger = logging.getLogger(__name__)


def queued_email_create(*, message: EmailMessage, html: str = "", file_paths=()) -> QueuedEmail:
    """Store an email to be sent after the current transaction commits; enqueue its send task.

    If the transaction rolls back, the email goes with it; if the broker is down
    at commit, the periodic dispatch sends it later.
    """
    domain = message.from_email.rpartition("@")[2] or None
    queued = QueuedEmail.objects.create(
        to="\n".join(message.to),
        from_email=message.from_email,
        subject=message.subject,
        body_text=message.body,
        body_html=html,
        attachments=[_attachment_as_json(item) for item in message.attachments]
        + [_attachment_file_as_json(path) for path in file_paths],
        message_id=make_msgid(domain=domain),
        send_at=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue_send(queued.pk), robust=True)
    return queued


def _enqueue_send(queued_email_id: int) -> None:
    from shop.communication.tasks import queued_email_send

    try:
        queued_email_send.delay(queued_email_id)
    except Exception:
        # The broker is unreachable: the row stays scheduled and the next periodic
        # dispatch sends it. The request that caused the email is not affected.
        logger.exception("QueuedEmail %s: could not enqueue its send task; the dispatch will", queued_email_id)


def _attachment_as_json(attachment) -> list:
    if isinstance(attachment, MIMEBase):
        content = attachment.get_payload(decode=True) or b""
        return [attachment.get_filename() or "attachment", base64.b64encode(content).decode(),
                attachment.get_content_type()]
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode(), mimetype]


def _attachment_file_as_json(path: str) -> list:
    # Oscar passes FileField paths; read now so the worker needs no access to the file.
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return [Path(path).name, base64.b64encode(Path(path).read_bytes()).decode(), mimetype]


def queued_email_message(queued: QueuedEmail) -> EmailMessage:
    """The email as it goes out; the same Message-ID on every try."""
    message = EmailMultiAlternatives(
        queued.subject, queued.body_text, from_email=queued.from_email, to=queued.to.split("\n"),
        headers={"Message-ID": queued.message_id},
    )
    if queued.body_html:
        message.attach_alternative(queued.body_html, "text/html")
    for filename, content, mimetype in queued.attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def queued_email_deliver(*, queued_email_id: int) -> str:
    """Send one queued email if it is still due and nobody else is sending it."""
    return delivery.row_deliver(
        model=QueuedEmail, pk=queued_email_id, now=timezone.now, build_message=queued_email_message
    )


def queued_emails_dispatch_due() -> list[int]:
    """Lease the queued emails that are due (new, retries, stuck) and return their ids."""
    return delivery.due_rows_lease(model=QueuedEmail, now=timezone.now())


def queued_emails_retry(*, ids: list[int]) -> int:
    """Staff: give failed emails a fresh set of tries, now; returns how many."""
    retried = list(QueuedEmail.objects.filter(pk__in=ids, status=QueuedEmail.FAILED).values_list("pk", flat=True))
    QueuedEmail.objects.filter(pk__in=retried).update(
        status=QueuedEmail.SCHEDULED, send_at=timezone.now(), attempts=0, lease_until=None
    )
    for queued_email_id in retried:
        transaction.on_commit(lambda pk=queued_email_id: _enqueue_send(pk), robust=True)
    return len(retried)
