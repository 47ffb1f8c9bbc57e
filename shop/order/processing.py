"""Order events from Oscar's dashboard that must reach Stripe: refunds, cancelling unpaid orders."""

from oscar.apps.order import processing
from oscar.apps.order.exceptions import InvalidPaymentEvent
from oscar.apps.payment.exceptions import PaymentError

from shop import signals
from shop.payments import services as payments
from shop.payments import stripe_api


class EventHandler(processing.EventHandler):
    def handle_payment_event(self, order, event_type, amount, lines=None, line_quantities=None, **kwargs):
        """A "Refund" payment event refunds through Stripe; the service records it once."""
        if event_type.code != "refund":
            return super().handle_payment_event(order, event_type, amount, lines, line_quantities, **kwargs)
        try:
            refund = payments.order_refund(order=order, amount=amount, user=self.user)
        except payments.RefundNotPossible as error:
            raise InvalidPaymentEvent(str(error)) from error
        except (stripe_api.StripeFailure, stripe_api.PaymentDeclined) as error:
            raise PaymentError(f"Stripe refused the refund: {error}") from error
        return order.payment_events.filter(reference=refund.refund_id).first()

    def handle_order_status_change(self, order, new_status, note_msg=None):
        """Cancelling an unpaid order also cancels its PaymentIntent and releases its stock."""
        if new_status == payments.ORDER_CANCELLED and order.status == payments.ORDER_PENDING:
            try:
                payments.order_cancel_pending(order=order, reason="cancelled by staff")
            except stripe_api.StripeFailure as error:
                raise PaymentError(f"Stripe could not cancel the payment: {error}") from error
            order.refresh_from_db()
            if note_msg:
                self.create_note(order, note_msg)
            return
        was_paid = order.status == payments.ORDER_PAID
        super().handle_order_status_change(order, new_status, note_msg)
        if was_paid and new_status == payments.ORDER_CANCELLED:
            # Money is returned with a Refund payment event (staff choose the amount);
            # apps reacting to cancellations (onboarding emails) hear about it now.
            signals.order_cancelled.send(sender=EventHandler, order=order)
