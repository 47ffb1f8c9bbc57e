"""Orders for the onboarding tests, placed with Oscar's own OrderCreator from the seeded catalogue."""

from django.contrib.auth import get_user_model
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.signals import order_paid

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")

CLASSIC_BLUE = "MAT-CLASSIC-OCEAN-BLUE"
LINEN_INDIGO = "MAT-LINEN-INDIGO"
PILLOW = "PILLOW-NECK"
BUNDLE = "BUNDLE-BACK-NECK"


def order_place(*, upcs, email="ada@example.com", first_name="Ada", registered=False):
    """An order (not paid yet) for the products with these UPCs, by a guest or a registered user."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for upc in upcs:
        basket.add_product(Product.objects.get(upc=upc))
    address = ShippingAddress.objects.create(
        first_name=first_name, last_name="Lovelace", line1="1 Main Street", line4="Springfield",
        postcode="12345", country=Country.objects.order_by("pk").first(),
    )
    user = None
    if registered:
        user = get_user_model().objects.create_user(
            username=email, email=email, password="a-long-password", first_name=first_name
        )
    extra = {} if registered else {"guest_email": email}
    return create_order(basket=basket, user=user, shipping_address=address, **extra)


def order_pay(order, capture):
    """What the payments app does when a payment is confirmed: order_paid, after commit."""
    with capture(execute=True):
        order_paid.send(sender=None, order=order)
    return order
