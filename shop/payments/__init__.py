"""Stripe payments for Oscar orders: PaymentIntents, webhooks, refunds."""
