"""Background work for the shop front: a product picture's thumbnails made before the first shopper asks."""

import logging

from celery import shared_task
from oscar.core.loading import get_model

from .pictures import pictures_make

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def product_image_thumbnails_make(product_image_id: int) -> None:
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=product_image_id).first()
    if image is None:  # deleted since it was saved: nothing to make
        return
    pictures_make(source=image.original)


def product_image_thumbnails_enqueue(product_image_id: int) -> None:
    try:
        product_image_thumbnails_make.delay(product_image_id)
    except Exception:
        # The broker is unreachable: the first page that shows the picture makes them.
        logger.warning("ProductImage %s: thumbnails left to the first render (broker unreachable)",
                       product_image_id, exc_info=True)
