"""A basket with lines in one query, with everything the header, prices and offers read."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from shop.basket.selectors import basket_lines, basket_of_lines, open_basket_lines

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled_basket(catalogue, django_user_model):
    user = django_user_model.objects.create_user(username="ana", email="ana@example.com", password="pw-123456789")
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for upc in ("PILLOW-NECK", "MAT-CLASSIC-LOTUS-PINK", "MAT-FULL-OCEAN-BLUE"):
        basket.add_product(Product.objects.get(upc=upc))
    return basket


def read_everything(basket):
    """What a page with the basket, Oscar's offers and its prices read from each line."""
    return [
        (line.product.get_product_class().track_stock, line.product.is_discountable, line.stockrecord.price,
         line.purchase_info.price.incl_tax, list(line.attributes.all()), line.basket is basket)
        for line in basket.all_lines()
    ], basket.num_lines, basket.num_items, basket.total_incl_tax


def test_an_owners_open_basket_and_all_it_reads_cost_one_query(filled_basket):
    with CaptureQueriesContext(connection) as queries:
        basket = basket_of_lines(open_basket_lines(owner=filled_basket.owner))
        basket.strategy = Selector().strategy()
        lines, num_lines, num_items, total = read_everything(basket)

    assert len(queries) == 1, [q["sql"] for q in queries]
    assert basket.pk == filled_basket.pk
    assert (num_lines, num_items, total) == (3, 3, Decimal("142.00"))
    assert all(line[-1] for line in lines)
    assert basket.has_vouchers is False


def test_a_cookie_basket_is_found_by_id_only_while_it_has_no_owner(filled_basket):
    assert basket_of_lines(open_basket_lines(basket_id=filled_basket.pk)) is None
    filled_basket.owner = None
    filled_basket.save()
    assert basket_of_lines(open_basket_lines(basket_id=filled_basket.pk)).pk == filled_basket.pk


def test_a_submitted_or_empty_basket_is_left_to_oscars_lookup(filled_basket):
    filled_basket.flush()
    assert basket_of_lines(open_basket_lines(owner=filled_basket.owner)) is None


def test_lines_loaded_again_read_no_more(filled_basket):
    basket = Basket.objects.get(pk=filled_basket.pk)
    basket.strategy = Selector().strategy()
    with CaptureQueriesContext(connection) as queries:
        basket_lines(basket=basket)
        basket._lines = None
        read_everything(basket)
    assert len(queries) == 2  # the line query, twice: nothing per line
