"""Range contents changed through many-to-many fields make cached offers and pages stale too.

Saves and deletes of products, categories, offers and ranges already renew the
storefront version (shop/storefront/receivers.py); `range.included_products.add(…)`,
`product.categories.add(…)` and the range form's category and class lists only send
m2m_changed.
"""

from django.db.models.signals import m2m_changed
from oscar.core.loading import get_model

from shop.storefront.page_cache import storefront_pages_invalidate


def _invalidate(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        storefront_pages_invalidate()


def connect() -> None:
    Range = get_model("offer", "Range")
    Product = get_model("catalogue", "Product")
    fields = [
        Range.included_products, Range.excluded_products, Range.classes,
        Range.included_categories, Range.excluded_categories, Product.categories,
    ]
    for field in fields:
        uid = f"offer-membership-{field.through._meta.label}"
        m2m_changed.connect(_invalidate, sender=field.through, dispatch_uid=uid)
