"""A product picture's thumbnails are made by the worker after the upload, not by the first shopper."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from shop.storefront.pictures import LAYOUTS, PRODUCT_LAYOUTS, picture_for
from shop.storefront.tasks import product_image_thumbnails_make

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


def drawn_png(width=1600, height=1200) -> ContentFile:
    picture = Image.new("RGB", (width, height), "#f4efe6")
    ImageDraw.Draw(picture).ellipse((200, 150, 1400, 1050), fill="#2f6f5e")
    data = io.BytesIO()
    picture.save(data, "PNG")
    return ContentFile(data.getvalue(), name="upload-test.png")


def thumbnail_files() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "cache").rglob("*.webp"))


def test_an_uploaded_picture_has_every_thumbnail_before_anyone_opens_the_page(
    catalogue, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_PAGE_CACHE_SECONDS = 0
    settings.SHOP_THUMBNAILS_IN_BACKGROUND = True
    product = Product.objects.get(upc="PILLOW-NECK")
    before = thumbnail_files()

    with django_capture_on_commit_callbacks(execute=True):
        image = ProductImage.objects.create(product=product, original=drawn_png(), display_order=0)

    made = {path.name for path in thumbnail_files() - before}
    widths = {width for name in PRODUCT_LAYOUTS for width in LAYOUTS[name].widths}
    assert len(made) >= len(widths)
    # Every file the layouts name was made by the worker, before any page asked for it.
    for layout in PRODUCT_LAYOUTS:
        picture = picture_for(source=image.original, layout=layout)
        urls = [entry.split()[0] for entry in picture.srcset.split(", ")]
        assert {url.rsplit("/", 1)[1] for url in urls} <= made, layout
    page = Client().get(product.get_absolute_url())
    assert picture_for(source=image.original, layout="product").src in page.content.decode()


def test_a_picture_deleted_before_the_worker_gets_to_it_is_skipped(catalogue):
    product = Product.objects.get(upc="PILLOW-NECK")
    image = ProductImage.objects.create(product=product, original=drawn_png(), display_order=0)
    image_id = image.pk
    image.delete()
    before = thumbnail_files()

    product_image_thumbnails_make(image_id)

    assert thumbnail_files() == before
