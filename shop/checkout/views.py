"""Oscar's checkout, paid with Stripe after the order is placed (README "Payments", design A).

Review → "Place order and pay" places the order as "Pending payment" (stock
allocated under a row lock) → the payment page confirms the order's PaymentIntent
in the browser → the return view (or the webhook, whichever is first) marks it paid
→ Oscar's thank-you page.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.http import require_POST
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class, get_model

from shop.checkout import services as checkout_services
from shop.payments import selectors as payment_selectors
from shop.payments import services as payments
from shop.payments import stripe_api

logger = logging.getLogger("oscar.checkout")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

PENDING_ORDER_SESSION_KEY = "checkout_pending_order_id"


class IndexView(oscar_views.IndexView):
    pass


class ShippingAddressView(oscar_views.ShippingAddressView):
    pass


class UserAddressUpdateView(oscar_views.UserAddressUpdateView):
    pass


class UserAddressDeleteView(oscar_views.UserAddressDeleteView):
    pass


class ShippingMethodView(oscar_views.ShippingMethodView):
    pass


class PaymentMethodView(oscar_views.PaymentMethodView):
    pass


class ThankYouView(oscar_views.ThankYouView):
    pass


class FrozenBasketRestoreMixin:
    def restore_frozen_basket(self):
        """Oscar's, for a browser whose basket cookie went with the frozen basket: Oscar
        would merge into an unsaved empty basket; we hand back the frozen one instead."""
        if self.request.basket.id is not None:
            return super().restore_frozen_basket()
        basket = Basket.objects.filter(pk=self.checkout_session.get_submitted_basket_id()).first()
        if basket is not None:
            basket.thaw()
            basket.strategy = self.request.strategy
            self.request.basket = basket


class PaymentDetailsView(FrozenBasketRestoreMixin, oscar_views.PaymentDetailsView):
    """The review step. Placing the order takes no money yet: the payment page does."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            # Card details are entered after the order exists, so go straight to review.
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def generate_order_number(self, basket):
        return checkout_services.order_number_for_basket(basket=basket)

    def handle_payment(self, order_number, total, **kwargs):
        """No money moves before the order exists (design A): see PaymentView."""

    def handle_order_placement(self, order_number, user, basket, shipping_address, shipping_method,
                               shipping_charge, billing_address, order_total, surcharges=None, **kwargs):
        with transaction.atomic():
            try:
                checkout_services.stock_lock_for_basket(basket=basket)
            except checkout_services.OutOfStock as error:
                raise UnableToPlaceOrder(str(error)) from error
            order = self.place_order(
                order_number=order_number, user=user, basket=basket,
                shipping_address=shipping_address, shipping_method=shipping_method,
                shipping_charge=shipping_charge, order_total=order_total,
                billing_address=billing_address, surcharges=surcharges, **kwargs,
            )
            payments.order_payment_create(order=order, basket=basket)
        return self.handle_successful_order(order)

    def handle_successful_order(self, order):
        # Not Oscar's default: no email and no thank-you yet. The basket stays frozen
        # until the order is paid (then submitted) or cancelled (then reopened).
        self.request.session[PENDING_ORDER_SESSION_KEY] = order.id
        return redirect("checkout:pay")


class PendingOrderMixin(FrozenBasketRestoreMixin, OrderPlacementMixin):
    """The order this browser placed and has not paid yet (kept in the session)."""

    def get_pending_order(self):
        order_id = self.request.session.get(PENDING_ORDER_SESSION_KEY)
        return Order.objects.filter(pk=order_id).first() if order_id else None

    def finish(self, order):
        """The order is paid (or its payment is on the way): forget checkout, thank the shopper."""
        self.checkout_session.flush()
        self.request.session.pop(PENDING_ORDER_SESSION_KEY, None)
        self.request.session["checkout_order_id"] = order.id
        if order.guest_email:
            # This browser just gave the email: Oscar's anonymous order page needn't ask again.
            self.request.session["anon_order_email"] = order.guest_email
        return redirect("checkout:thank-you")


class PaymentView(PendingOrderMixin, generic.TemplateView):
    """The payment step: the browser confirms the order's PaymentIntent with Stripe.js."""

    template_name = "oscar/checkout/pay.html"

    def get(self, request, *args, **kwargs):
        order = self.get_pending_order()
        if order is None:
            return redirect("basket:summary")
        if order.status != payments.ORDER_PENDING:
            return self.finish(order) if order.status == payments.ORDER_PAID else redirect("basket:summary")
        error = ""
        try:
            intent = payments.payment_intent_for_order(order=order)
        except payments.OrderNotPayable:
            return redirect("checkout:pay-return")
        except stripe_api.StripeFailure:
            logger.exception("Order #%s: could not prepare its PaymentIntent", order.number)
            intent = None
            error = "Card payments are unavailable right now; no money was taken. Please try again in a minute."
        else:
            if intent.succeeded:
                return redirect("checkout:pay-return")
            error = payment_selectors.payment_problem_for_shopper(intent=intent)
        return self.render_to_response(self.get_context_data(order=order, intent=intent, error=error))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            payment_form=settings.STRIPE_PAYMENT_FORM,
            stripe_js_url=settings.STRIPE_JS_URL,
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            return_url=self.request.build_absolute_uri(reverse("checkout:pay-return")),
        )
        return ctx


@method_decorator(require_POST, name="dispatch")
class CardConfirmView(PendingOrderMixin, generic.View):
    """Offline only (localstripe): confirm the order's PaymentIntent with a card token.

    Real Stripe confirms in the browser (Payment Element); localstripe's Stripe.js
    stand-in can only tokenise a card, so the server confirms. Only the card id is
    read from the request: amount and order come from the server's own records.
    """

    def post(self, request, *args, **kwargs):
        if settings.STRIPE_PAYMENT_FORM != "card_token":
            raise Http404("Card tokens are confirmed in the browser with real Stripe keys.")
        order = self.get_pending_order()
        card_id = request.POST.get("card_id", "")
        if order is None or order.status != payments.ORDER_PENDING:
            return JsonResponse({"error": "This order is no longer waiting for payment."}, status=409)
        if not card_id.startswith("card_"):
            return JsonResponse({"error": "Please enter your card details."}, status=400)
        try:
            intent = payments.payment_confirm_with_card(order=order, card_id=card_id)
        except payments.OrderNotPayable as error:  # paid or cancelled meanwhile (webhook, expiry)
            return JsonResponse({"error": str(error)}, status=409)
        except stripe_api.StripeFailure:
            logger.exception("Order #%s: confirming the card failed", order.number)
            return JsonResponse({"error": "The payment could not be sent; no money was taken. Please try again."},
                                status=502)
        return JsonResponse({
            "status": intent.status,
            "client_secret": intent.client_secret if intent.status == "requires_action" else "",
            "error": payment_selectors.payment_problem_for_shopper(intent=intent),
        })


class PaymentReturnView(PendingOrderMixin, generic.View):
    """Where Stripe.js sends the browser after confirming. Query parameters are ignored:
    the order comes from the session and its PaymentIntent from our records."""

    def get(self, request, *args, **kwargs):
        order = self.get_pending_order()
        if order is None:
            return redirect("basket:summary")
        payment_intent_id = order.stripe_payment.payment_intent_id
        if not payment_intent_id:
            return redirect("checkout:pay")
        try:
            completion = payments.payment_complete(payment_intent_id=payment_intent_id)
        except stripe_api.StripeFailure:
            logger.exception("Order #%s: could not read its PaymentIntent on return", order.number)
            messages.error(request, "We could not check your payment just now. Please reload this page.")
            return redirect("checkout:pay")
        order.refresh_from_db()
        if order.status in (payments.ORDER_PAID, payments.ORDER_REVIEW):
            return self.finish(order)
        if completion.intent is not None and completion.intent.status == "processing":
            messages.info(request, "Your payment is being processed; we will email you when it is confirmed.")
            return self.finish(order)
        messages.error(request, payment_selectors.payment_problem_for_shopper(intent=completion.intent)
                       or "The payment was not completed. Please try again.")
        return redirect("checkout:pay")


@method_decorator(require_POST, name="dispatch")
class PaymentCancelView(PendingOrderMixin, generic.View):
    """"Change basket" on the payment page: cancel the unpaid order and give the basket back."""

    def post(self, request, *args, **kwargs):
        order = self.get_pending_order()
        if order is not None and order.status == payments.ORDER_PENDING:
            try:
                cancelled = payments.order_cancel_pending(order=order, reason="the shopper went back to the basket")
            except stripe_api.StripeFailure:
                messages.error(request, "Please try again in a minute.")
                return redirect("checkout:pay")
            if not cancelled:
                return redirect("checkout:pay-return")
            self.restore_frozen_basket()
            self.request.session.pop(PENDING_ORDER_SESSION_KEY, None)
            messages.info(request, f"Order #{order.number} was cancelled; your basket is as you left it.")
        return redirect("basket:summary")
