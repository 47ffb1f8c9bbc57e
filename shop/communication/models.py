"""Oscar's communication models, plus the queue the shop's outgoing emails wait in."""

from django.db import models


class QueuedEmail(models.Model):
    """An email Oscar asked to send (order confirmation, registration, password reset).

    It is stored in the same transaction as whatever caused it, so it cannot be lost
    when the broker or the mail server is down; a Celery task sends it after commit,
    and the periodic dispatch picks up any that were not sent (retries, lost tasks).
    """

    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    STATUS_CHOICES = [(SCHEDULED, "Scheduled"), (SENDING, "Sending"), (SENT, "Sent"), (FAILED, "Failed")]

    to = models.TextField(help_text="Recipients, one per line.")
    from_email = models.CharField(max_length=255)
    subject = models.CharField(max_length=998)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True, help_text="[filename, base64, mimetype] items.")
    message_id = models.CharField(max_length=255)
    send_at = models.DateTimeField(help_text="When it is due (moved later by each retry).")
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=SCHEDULED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["send_at", "id"]
        indexes = [models.Index(fields=["status", "send_at"], name="queued_email_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.status})"


from oscar.apps.communication.models import *  # noqa: E402,F401,F403  Oscar's fork convention
