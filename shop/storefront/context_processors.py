"""Template context every storefront page needs (the header's category menu)."""

from django.utils.functional import SimpleLazyObject

from .selectors import navigation_categories


def storefront(request):
    # Lazy: pages that don't draw the menu (dashboard, emails) cost no query.
    return {"nav_categories": SimpleLazyObject(navigation_categories)}
