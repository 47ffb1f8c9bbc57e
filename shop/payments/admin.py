"""Read-only admin lists of Stripe payments, refunds and processed webhook events."""

from django.contrib import admin

from shop.payments.models import OrderPayment, StripeEvent, StripeRefund


@admin.register(OrderPayment)
class OrderPaymentAdmin(admin.ModelAdmin):
    list_display = ("order", "payment_intent_id", "amount", "currency", "status", "amount_received", "created_at")
    list_filter = ("status",)
    search_fields = ("order__number", "payment_intent_id")
    readonly_fields = [f.name for f in OrderPayment._meta.fields]


@admin.register(StripeRefund)
class StripeRefundAdmin(admin.ModelAdmin):
    list_display = ("refund_id", "payment", "amount", "created_at")


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "received_at")
    search_fields = ("event_id",)
