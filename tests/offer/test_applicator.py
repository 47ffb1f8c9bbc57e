"""The seeded offer (a mat in the basket: 20% off the pillow) through the forked applicator.

Prices must be what Oscar's own applicator gives, and a change to an offer, a range or a
product's categories must show on the very next request (nothing stale in the cache).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from oscar.apps.offer.applicator import Applicator as OscarApplicator
from oscar.core.loading import get_class, get_model

from tests.storefront.test_pages import text_of

Basket = get_model("basket", "Basket")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Product = get_model("catalogue", "Product")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db

OFFER_SLUG = "mat-and-pillow"
PILLOW, PINK_MAT, OCEAN_MAT = "PILLOW-NECK", "MAT-CLASSIC-LOTUS-PINK", "MAT-FULL-OCEAN-BLUE"


def put_in_basket(client, *upcs):
    for upc in upcs:
        product = Product.objects.get(upc=upc)
        data = {"quantity": 1, **({"child_id": product.pk} if product.parent_id else {})}
        response = client.post(reverse("basket:add", kwargs={"pk": (product.parent or product).pk}), data)
        assert response.status_code == 302, upc


def basket_page(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response.context["basket"], text_of(response)


def oscar_totals(basket_id):
    """What Oscar's own applicator makes of the same basket, loaded afresh."""
    basket = Basket.objects.get(pk=basket_id)
    basket.strategy = Selector().strategy()
    OscarApplicator().apply(basket)
    return basket.total_incl_tax, [(d["name"], d["discount"]) for d in basket.offer_discounts]


def discounts(basket):
    return [(d["name"], d["discount"]) for d in basket.offer_discounts]


def test_a_mat_in_the_basket_takes_20_percent_off_the_pillow(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT, OCEAN_MAT)

    basket, text = basket_page(client)

    offer = ConditionalOffer.objects.get(slug=OFFER_SLUG)
    assert discounts(basket) == [(offer.name, Decimal("4.80"))]  # 20% of the $24.00 pillow
    assert basket.total_incl_tax == Decimal("137.20")  # 24 + 39 + 79 - 4.80
    assert (basket.total_incl_tax, discounts(basket)) == oscar_totals(basket.id)
    assert offer.name in text and "$4.80" in text and "$137.20" in text


def test_the_pillow_alone_gets_no_discount(client, catalogue):
    put_in_basket(client, PILLOW)

    basket, text = basket_page(client)

    assert discounts(basket) == []
    assert basket.total_incl_tax == Decimal("24.00")
    assert (basket.total_incl_tax, discounts(basket)) == oscar_totals(basket.id)
    assert "$24.00" in text and "$4.80" not in text


def test_an_ended_offer_is_gone_on_the_next_request(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])  # cached now

    offer = ConditionalOffer.objects.get(slug=OFFER_SLUG)
    offer.end_datetime = timezone.now() - timedelta(minutes=1)
    offer.save()

    basket, _ = basket_page(client)
    assert discounts(basket) == []
    assert basket.total_incl_tax == Decimal("63.00")


def test_a_suspended_offer_is_gone_on_the_next_request(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])

    ConditionalOffer.objects.get(slug=OFFER_SLUG).suspend()

    assert discounts(basket_page(client)[0]) == []


def test_a_new_percentage_shows_on_the_next_request(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])[0][1] == Decimal("4.80")

    benefit = ConditionalOffer.objects.get(slug=OFFER_SLUG).benefit
    benefit.value = Decimal("50")
    benefit.save()

    basket, text = basket_page(client)
    assert discounts(basket)[0][1] == Decimal("12.00")
    assert "$12.00" in text


def test_an_offer_ends_with_the_clock_without_any_change_saved(client, catalogue):
    offer = ConditionalOffer.objects.get(slug=OFFER_SLUG)
    offer.end_datetime = timezone.now() + timedelta(minutes=5)
    offer.save()
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])

    with freeze_time(timezone.now() + timedelta(minutes=10)):
        assert discounts(basket_page(client)[0]) == []


def test_a_category_taken_out_of_the_range_ends_the_discount(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])

    pillows = Range.objects.get(slug="pillow-attachments")
    pillows.included_categories.clear()  # m2m_changed only, no save

    assert discounts(basket_page(client)[0]) == []


def test_a_pillow_moved_out_of_its_category_loses_the_discount(client, catalogue):
    put_in_basket(client, PILLOW, PINK_MAT)
    assert discounts(basket_page(client)[0])

    Product.objects.get(upc=PILLOW).categories.clear()

    assert discounts(basket_page(client)[0]) == []


def test_a_product_added_to_a_range_by_hand_is_discounted(client, catalogue):
    put_in_basket(client, PINK_MAT, OCEAN_MAT)
    assert discounts(basket_page(client)[0]) == []

    Range.objects.get(slug="pillow-attachments").add_product(Product.objects.get(upc=OCEAN_MAT))

    basket, _ = basket_page(client)
    assert discounts(basket)[0][1] == Decimal("15.80")  # 20% of the $79.00 mat
    assert (basket.total_incl_tax, discounts(basket)) == oscar_totals(basket.id)


def test_a_voucher_is_applied_to_a_basket_loaded_without_one(client, catalogue):
    mats = Range.objects.get(slug="acupressure-mats")
    offer = ConditionalOffer.objects.create(
        name="Voucher: 10% off mats", offer_type=ConditionalOffer.VOUCHER,
        condition=Condition.objects.create(range=mats, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=mats, type=Benefit.PERCENTAGE, value=Decimal("10")),
    )
    voucher = Voucher.objects.create(
        name="Ten off", code="TENOFF", usage=Voucher.MULTI_USE,
        start_datetime=timezone.now() - timedelta(days=1), end_datetime=timezone.now() + timedelta(days=1),
    )
    voucher.offers.add(offer)
    put_in_basket(client, OCEAN_MAT)

    response = client.post(reverse("basket:vouchers-add"), {"code": "TENOFF"}, follow=True)

    assert "Coupon 'TENOFF' added to cart" in text_of(response)
    basket, text = basket_page(client)
    assert [v.code for v in basket.vouchers.all()] == ["TENOFF"]
    assert basket.total_incl_tax == Decimal("71.10")  # 79.00 - 7.90
    assert "$7.90" in text
