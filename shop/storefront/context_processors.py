"""Template context every storefront page needs (category menu, free-shipping note)."""

from decimal import Decimal

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .selectors import navigation_categories


def storefront(request):
    return {
        # Lazy: pages that don't draw the menu (dashboard, emails) cost no query.
        "nav_categories": SimpleLazyObject(navigation_categories),
        "free_shipping_threshold": Decimal(settings.SHOP_FREE_SHIPPING_THRESHOLD),
    }
