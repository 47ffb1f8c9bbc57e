"""Adding to the basket from the product page: the chosen colour, and every refusal."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.storefront.test_pages import text_of

Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db


def add_to_basket(client, product, **data):
    """Post the product page's form as a browser does, then follow to the page it lands on."""
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), data,
        HTTP_REFERER=product.get_absolute_url(), follow=True,
    )


def basket_lines():
    return list(Line.objects.values_list("product__upc", "quantity"))


def test_adding_a_chosen_colour_puts_that_colour_in_the_basket(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    pink = product_by_upc("MAT-CLASSIC-LOTUS-PINK")

    response = add_to_basket(client, mat, child_id=pink.pk, quantity=2)

    assert response.status_code == 200
    assert basket_lines() == [("MAT-CLASSIC-LOTUS-PINK", 2)]
    assert "Added to your cart: 2 × Classic Acupressure Mat – Lotus Pink" in text_of(response)
    basket = client.get(reverse("basket:summary"))
    text = text_of(basket)
    assert "Classic Acupressure Mat – Lotus Pink" in text
    assert "$39.00 each" in text and "$78.00" in text
    assert "2 · $78.00" in text  # the header's mini-basket


def test_standalone_product_adds_from_its_card(client, product_by_upc):
    pillow = product_by_upc("PILLOW-NECK")
    response = client.post(reverse("basket:add", kwargs={"pk": pillow.pk}), {"quantity": 1},
                           HTTP_REFERER="/catalogue/", follow=True)
    assert response.status_code == 200
    assert basket_lines() == [("PILLOW-NECK", 1)]


def test_out_of_stock_colour_is_refused_with_a_message(client, product_by_upc):
    linen = product_by_upc("MAT-LINEN")
    sage = product_by_upc("MAT-LINEN-SAGE")

    response = add_to_basket(client, linen, child_id=sage.pk, quantity=1)

    assert basket_lines() == []
    text = text_of(response)
    assert response.redirect_chain[-1][0] == linen.get_absolute_url()
    assert "We couldn't add this to your cart: no stock available (Sage)." in text
    assert "no stock available" in text.split("We couldn't")[0]  # the page-top message too


def test_more_than_in_stock_is_refused_and_basket_unchanged(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    charcoal = product_by_upc("MAT-CLASSIC-CHARCOAL")
    add_to_basket(client, mat, child_id=charcoal.pk, quantity=2)
    assert basket_lines() == [("MAT-CLASSIC-CHARCOAL", 2)]

    # Two are in the basket and three in stock: two more would make four.
    response = add_to_basket(client, mat, child_id=charcoal.pk, quantity=2)

    assert basket_lines() == [("MAT-CLASSIC-CHARCOAL", 2)]
    text = text_of(response)
    assert "We couldn't add this to your cart: a maximum of 3 can be bought (Charcoal)." in text
    # The refused colour stays chosen and the quantity typed is kept.
    html = response.content.decode()
    assert f'id="colour-{charcoal.pk}" value="{charcoal.pk}"\n                                checked' in html
    assert 'value="2"' in html


@pytest.mark.parametrize("quantity, error", [
    ("-1", "Ensure this value is greater than or equal to 1."),
    ("0", "Ensure this value is greater than or equal to 1."),
    ("two", "Enter a whole number."),
    ("", "This field is required."),
])
def test_bad_quantity_is_refused_with_a_message(client, product_by_upc, quantity, error):
    mat = product_by_upc("MAT-CLASSIC")
    blue = product_by_upc("MAT-CLASSIC-OCEAN-BLUE")

    response = add_to_basket(client, mat, child_id=blue.pk, quantity=quantity)

    assert basket_lines() == []
    text = text_of(response)
    assert f"Quantity: {error} Enter a whole number of 1 or more." in text
    assert 'aria-invalid="true"' in response.content.decode()


def test_no_colour_chosen_is_refused(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    response = add_to_basket(client, mat, quantity=1)
    assert basket_lines() == []
    assert "This field is required." in text_of(response)


def test_colour_of_another_mat_is_refused(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    indigo = product_by_upc("MAT-LINEN-INDIGO")
    response = add_to_basket(client, mat, child_id=indigo.pk, quantity=1)
    assert basket_lines() == []
    assert "Select a valid choice" in text_of(response)


def test_basket_quantity_update_over_stock_is_refused(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    charcoal = product_by_upc("MAT-CLASSIC-CHARCOAL")
    add_to_basket(client, mat, child_id=charcoal.pk, quantity=1)
    line = Line.objects.get()

    response = client.post(reverse("basket:summary"), {
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
        "form-0-id": line.pk, "form-0-quantity": 9,
    }, follow=True)

    assert basket_lines() == [("MAT-CLASSIC-CHARCOAL", 1)]
    assert "a maximum of 3 can be bought" in text_of(response)


def test_basket_line_can_be_removed_without_script(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    blue = product_by_upc("MAT-CLASSIC-OCEAN-BLUE")
    add_to_basket(client, mat, child_id=blue.pk, quantity=1)
    line = Line.objects.get()

    response = client.post(reverse("basket:summary"), {
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
        "form-0-id": line.pk, "form-0-quantity": 1, "form-0-DELETE": "on",
    }, follow=True)

    assert basket_lines() == []
    assert "Your cart is empty." in text_of(response)
