"""What the shop records about Stripe: one payment per order, refunds, and webhook events seen."""

from django.db import models


class OrderPayment(models.Model):
    """The Stripe PaymentIntent of one Oscar order, and where its payment stands.

    `status` moves pending → paid (or review / cancelled) with a guarded UPDATE
    (`WHERE status = 'pending'`), so a payment is completed exactly once however
    many callers (browser return, webhook deliveries) arrive together.
    """

    PENDING = "pending"
    PAID = "paid"
    REVIEW = "review"  # Stripe took money that doesn't match the order: staff must look
    CANCELLED = "cancelled"
    STATUSES = [(PENDING, "Pending"), (PAID, "Paid"), (REVIEW, "Needs review"), (CANCELLED, "Cancelled")]

    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="stripe_payment")
    basket_id = models.PositiveIntegerField()
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12)
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    amount_received = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Order {self.order_id}: {self.payment_intent_id or 'no PaymentIntent yet'} ({self.status})"


class StripeRefund(models.Model):
    """A refund recorded once, whether the dashboard started it or a webhook told us."""

    refund_id = models.CharField(max_length=255, unique=True)
    payment = models.ForeignKey(OrderPayment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.refund_id}: {self.amount}"


class StripeEvent(models.Model):
    """A webhook event the shop has handled: a repeated delivery finds its id here."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.event_id} ({self.type})"
