"""Periodic payment work run by Celery beat."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from shop.payments import services


@shared_task
def pending_orders_expire():
    """Cancel orders left unpaid too long, releasing their stock (CELERY_BEAT_SCHEDULE)."""
    cutoff = timezone.now() - timedelta(minutes=settings.SHOP_PENDING_ORDER_MINUTES)
    return services.pending_orders_expire(older_than=cutoff)
