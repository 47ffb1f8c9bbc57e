"""Keeps what shop.basket.selectors learnt about a loaded basket true when its vouchers change."""

from django.db.models.signals import m2m_changed
from oscar.core.loading import get_model


def basket_vouchers_changed(sender, instance, action, **kwargs) -> None:
    # The basket was loaded knowing it had no voucher; the voucher view adds one and
    # applies offers again in the same request, so that knowledge must go.
    if action.startswith("post_"):
        instance.__dict__.pop("has_vouchers", None)


def connect() -> None:
    Basket = get_model("basket", "Basket")
    m2m_changed.connect(
        basket_vouchers_changed, sender=Basket.vouchers.through, dispatch_uid="basket-vouchers-changed"
    )
