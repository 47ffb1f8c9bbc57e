"""Template context every storefront page needs (category menu, free-shipping note)."""

from decimal import Decimal

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .page_cache import page_is_shared
from .selectors import navigation_categories


def storefront(request):
    context = {
        # Lazy: pages that don't draw the menu (dashboard, emails) cost no query.
        "nav_categories": SimpleLazyObject(navigation_categories),
        "free_shipping_threshold": Decimal(settings.SHOP_FREE_SHIPPING_THRESHOLD),
    }
    if page_is_shared(request):
        # A page other shoppers may get from the cache carries no one's CSRF token:
        # {% csrf_token %} draws nothing and static/js/form-token.js adds it on submit.
        context["csrf_token"] = ""
    return context
