"""Drives Oscar's checkout through Django's test client, as a shopper's browser would."""

from django.urls import reverse
from oscar.core.loading import get_model

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

ADDRESS = {
    "first_name": "Ada", "last_name": "Lovelace", "line1": "12 Analytical Way",
    "line4": "Springfield", "state": "IL", "postcode": "62701", "country": "US",
    "phone_number": "+12175550123",
}


def product(upc: str):
    return Product.objects.get(upc=upc)


def basket_add(client, upc: str, quantity: int = 1):
    response = client.post(reverse("basket:add", kwargs={"pk": product(upc).pk}), {"quantity": quantity})
    assert response.status_code == 302, response.content[:500]


def checkout_to_review(client, *, email="ada@example.com", method="standard"):
    """Gateway (guest email) → shipping address → shipping method; ends on the review step."""
    response = client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    assert response.status_code == 302, response.content[:2000]
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    response = client.post(reverse("checkout:shipping-method"), {"method_code": method})
    assert response.status_code == 302
    response = client.get(reverse("checkout:payment-details"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:preview")
    return response


def place_order(client):
    """Press "Place order and pay" on the review step; returns the response."""
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def pending_order(client, *, upcs=("MAT-CLASSIC-OCEAN-BLUE", "PILLOW-NECK"), email="ada@example.com",
                  method="standard"):
    """A guest's order placed and waiting for payment, with the payment page opened once."""
    for upc in upcs:
        basket_add(client, upc)
    checkout_to_review(client, email=email, method=method)
    response = place_order(client)
    assert response.status_code == 302 and response.url == reverse("checkout:pay"), response
    response = client.get(reverse("checkout:pay"))
    assert response.status_code == 200
    return Order.objects.get(pk=client.session["checkout_pending_order_id"])


def pay_with_card(client, localstripe, number: str, **extra):
    """What the offline payment form's JavaScript posts after localstripe's createToken."""
    response = client.post(reverse("checkout:pay-card"), {"card_id": localstripe.card(number), **extra})
    return response.status_code, response.json()
