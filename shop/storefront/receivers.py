"""Storefront receivers: stale pages, thumbnails made after an upload, product-view work no longer done."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from oscar.apps.analytics import receivers as analytics_receivers
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.customer import receivers as customer_receivers
from oscar.core.loading import get_model

from .page_cache import storefront_pages_invalidate

# Everything a shared page shows: products, their stock and prices (order allocations
# save StockRecord too), pictures, categories and the offers that change prices.
PAGE_MODELS = [
    ("catalogue", "Product"),
    ("catalogue", "ProductCategory"),
    ("catalogue", "ProductImage"),
    ("catalogue", "ProductAttributeValue"),
    ("catalogue", "Category"),
    ("partner", "StockRecord"),
    ("offer", "ConditionalOffer"),
    ("offer", "Range"),
    ("offer", "RangeProduct"),
    ("offer", "Benefit"),
    ("offer", "Condition"),
]


def product_image_saved(sender, instance, **kwargs) -> None:
    # Thumbnails take seconds to make: the worker makes them once the upload is stored,
    # instead of the first shopper who opens the page.
    from .tasks import product_image_thumbnails_enqueue

    if not settings.SHOP_THUMBNAILS_IN_BACKGROUND:
        return
    transaction.on_commit(lambda: product_image_thumbnails_enqueue(instance.pk), robust=True)


def connect() -> None:
    for app_label, model_name in PAGE_MODELS:
        model = get_model(app_label, model_name)
        uid = f"storefront-pages-{app_label}-{model_name}"
        post_save.connect(storefront_pages_invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(storefront_pages_invalidate, sender=model, dispatch_uid=f"{uid}-delete")

    post_save.connect(product_image_saved, sender=get_model("catalogue", "ProductImage"),
                      dispatch_uid="storefront-product-image-thumbnails")

    # A product view used to write Oscar's analytics counter and set a "recently viewed"
    # cookie. Most views are now answered from the page cache, where neither runs, so the
    # counter would be wrong anyway; the shop shows no "recently viewed" list; and the
    # cookie would make every product page unshareable. See README "Speed".
    product_viewed.disconnect(analytics_receivers.receive_product_view)
    product_viewed.disconnect(customer_receivers.receive_product_view)
