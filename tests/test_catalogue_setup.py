"""The setup command creates the real catalogue once, and a second run changes nothing."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ConditionalOffer = get_model("offer", "ConditionalOffer")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")

pytestmark = pytest.mark.django_db

SEEDED_APPS = ("catalogue", "partner", "offer", "shipping", "address", "sites")


def _snapshot():
    """Every row of the apps the command writes, serialised: any change shows up."""
    rows = []
    for label in SEEDED_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.managed:
                continue  # database views, not rows the command writes
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return rows


def test_second_run_changes_nothing(capsys):
    call_command("setup_shop")
    first = _snapshot()
    assert "objects created" in capsys.readouterr().out

    call_command("setup_shop")
    assert _snapshot() == first
    assert "nothing to do" in capsys.readouterr().out


def test_a_sold_or_edited_product_is_not_reset(catalogue):
    record = StockRecord.objects.get(partner_sku="MAT-CLASSIC-OCEAN-BLUE")
    record.num_in_stock = 2
    record.price = Decimal("35.00")
    record.save()

    call_command("setup_shop")

    record.refresh_from_db()
    assert (record.num_in_stock, record.price) == (2, Decimal("35.00"))


def test_catalogue_has_mats_in_colours_pillows_and_a_bundle(catalogue):
    classic = Product.objects.get(upc="MAT-CLASSIC")
    assert classic.is_parent
    colours = sorted(child.attr.colour.option for child in classic.children.all())
    assert colours == ["Charcoal", "Forest Green", "Lotus Pink", "Ocean Blue"]
    assert classic.attr.acupressure_points == 6210
    assert classic.attr.washable_cover is True

    pillow = Product.objects.get(upc="PILLOW-NECK")
    assert pillow.product_class.slug == "pillow-attachment"
    assert pillow.categories.get().slug == "pillows"
    assert Product.objects.get(upc="BUNDLE-BACK-NECK").categories.get().slug == "bundles"

    out_of_stock = StockRecord.objects.get(partner_sku="MAT-LINEN-SAGE")
    assert out_of_stock.num_in_stock == 0


def test_every_product_has_a_described_picture(catalogue):
    for product in Product.objects.all():
        image = product.primary_image()
        assert image.caption, f"{product} has no alt text"
        assert image.original.width == 960 and image.original.height == 720


def test_shipping_methods_and_mat_with_pillow_offer(catalogue):
    standard = OrderAndItemCharges.objects.get(code="standard")
    assert standard.price_per_order == Decimal("5.95")
    assert standard.free_shipping_threshold == Decimal("75.00")
    assert OrderAndItemCharges.objects.get(code="express").free_shipping_threshold is None

    offer = ConditionalOffer.objects.get(slug="mat-and-pillow")
    assert offer.is_available()
    assert offer.benefit.range.included_categories.get().slug == "pillows"
