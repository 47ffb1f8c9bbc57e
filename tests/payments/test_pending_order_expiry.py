"""Celery beat's task cancels orders left unpaid, releases their stock and cancels their PaymentIntents."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from freezegun import freeze_time
from oscar.core.loading import get_model

from shop import signals
from shop.payments.tasks import pending_orders_expire
from tests.support.checkout import pay_with_card, pending_order

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_the_task_is_scheduled_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["payments-cancel-expired-pending-orders"]
    assert entry["task"] == pending_orders_expire.name


def test_unpaid_order_is_cancelled_after_the_deadline_only(client, catalogue, localstripe,
                                                           django_capture_on_commit_callbacks):
    order = pending_order(client)
    cancelled = []
    signals.order_cancelled.connect(lambda sender, order, **kw: cancelled.append(order.number), weak=False,
                                    dispatch_uid="expiry-test")
    try:
        with freeze_time(timezone.now() + timedelta(minutes=settings.SHOP_PENDING_ORDER_MINUTES - 1)):
            assert pending_orders_expire.delay().get() == 0
        with freeze_time(timezone.now() + timedelta(minutes=settings.SHOP_PENDING_ORDER_MINUTES + 1)):
            with django_capture_on_commit_callbacks(execute=True):
                assert pending_orders_expire.delay().get() == 1
    finally:
        signals.order_cancelled.disconnect(dispatch_uid="expiry-test")
    order.refresh_from_db()
    assert order.status == "Cancelled" and cancelled == [order.number]
    assert StockRecord.objects.get(product__upc="MAT-CLASSIC-OCEAN-BLUE").num_allocated == 0
    assert localstripe.payment_intent(order.stripe_payment.payment_intent_id)["status"] == "canceled"
    assert Basket.objects.get(pk=order.stripe_payment.basket_id).status == "Open"


def test_an_order_paid_at_stripe_but_never_reported_is_completed_not_cancelled(client, catalogue, localstripe):
    order = pending_order(client)
    pay_with_card(client, localstripe, "4242424242424242")  # browser closed, webhook lost
    with freeze_time(timezone.now() + timedelta(minutes=settings.SHOP_PENDING_ORDER_MINUTES + 1)):
        assert pending_orders_expire.delay().get() == 0
    order.refresh_from_db()
    assert order.status == "Paid"
