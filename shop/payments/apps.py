"""The payments app: Stripe PaymentIntents, webhooks and refunds for Oscar orders."""

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "shop.payments"
    label = "payments"
    verbose_name = "Payments"
