"""The onboarding schedule: one row per (order, step), and remembered unsubscribes."""

from django.db import models


class OnboardingEmail(models.Model):
    """One email of one order's sequence, from scheduled to sent (or failed/cancelled).

    `lease_until` guards a row while a dispatch has queued it or a worker is sending
    it; when it runs out (the worker died), the next dispatch takes the row over.
    """

    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (SCHEDULED, "Scheduled"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        (CANCELLED, "Cancelled"),
    ]

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="onboarding_emails")
    step = models.CharField(max_length=32)
    email = models.EmailField(help_text="The customer's address when the sequence was scheduled.")
    send_at = models.DateTimeField(help_text="When it is due (moved later by each retry).")
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=SCHEDULED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "step"], name="onboarding_email_once_per_order_step"),
        ]
        indexes = [models.Index(fields=["status", "send_at"], name="onboarding_due_idx")]

    def __str__(self):
        return f"{self.step} for order {self.order_id} ({self.status})"


class Unsubscribe(models.Model):
    """An address that asked for no more onboarding emails, for this and future orders."""

    email = models.EmailField(unique=True)
    order = models.ForeignKey(
        "order.Order", null=True, blank=True, on_delete=models.SET_NULL,
        help_text="The order whose email carried the link that was used.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.email
