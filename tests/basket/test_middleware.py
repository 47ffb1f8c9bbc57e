"""The forked basket middleware: the same baskets as Oscar's, found in fewer queries."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.offer.test_applicator import put_in_basket
from tests.storefront.test_pages import text_of

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(django_user_model):
    return django_user_model.objects.create_user(username="ana", email="ana@example.com", password="pw-123456789")


def header_basket(client) -> str:
    text = text_of(client.get("/"))
    return text.split("Cart", 1)[1].split("All products", 1)[0].strip()


def test_a_signed_in_shoppers_basket_shows_in_the_header_with_its_discount(catalogue, ana):
    client = Client()
    client.force_login(ana)
    put_in_basket(client, "PILLOW-NECK", "MAT-CLASSIC-LOTUS-PINK")

    assert header_basket(client) == "2 · $58.20"  # 24 + 39 - 4.80
    assert Basket.objects.get(owner=ana).lines.count() == 2


def test_a_cookie_basket_is_merged_when_the_shopper_signs_in(catalogue, ana):
    client = Client()
    put_in_basket(client, "PILLOW-NECK")
    client.force_login(ana)

    assert header_basket(client) == "1 · $24.00"
    assert list(Line.objects.values_list("basket__owner__username", "product__upc")) == [("ana", "PILLOW-NECK")]
    cookie = client.cookies.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    assert cookie is None or cookie.value == ""  # Oscar deletes it after the merge


def test_an_emptied_basket_shows_as_empty(catalogue):
    client = Client()
    put_in_basket(client, "PILLOW-NECK")
    Line.objects.all().delete()

    assert header_basket(client) == "(empty)"
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200 and response.context["basket"].num_lines == 0


def test_a_forged_basket_cookie_gets_an_empty_basket(catalogue):
    client = Client()
    put_in_basket(client, "PILLOW-NECK")
    client.cookies[settings.OSCAR_BASKET_COOKIE_OPEN] = "1:forged-signature"

    assert header_basket(client) == "(empty)"
