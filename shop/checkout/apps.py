"""Oscar's checkout app, forked: adds the payment step that follows placing the order."""

import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        self.pay_view = get_class("checkout.views", "PaymentView")
        self.pay_card_view = get_class("checkout.views", "CardConfirmView")
        self.pay_return_view = get_class("checkout.views", "PaymentReturnView")
        self.pay_cancel_view = get_class("checkout.views", "PaymentCancelView")

    def get_urls(self):
        urls = super().get_urls() + self.post_process_urls([
            path("pay/", self.pay_view.as_view(), name="pay"),
            path("pay/card/", self.pay_card_view.as_view(), name="pay-card"),
            path("pay/return/", self.pay_return_view.as_view(), name="pay-return"),
            path("pay/cancel/", self.pay_cancel_view.as_view(), name="pay-cancel"),
        ])
        return urls
