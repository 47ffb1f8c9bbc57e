"""A customer with an account checks out signed in; the order is theirs and listed in their account."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.support.checkout import ADDRESS, basket_add, pay_with_card

pytestmark = pytest.mark.django_db


def test_signed_in_customer_pays_and_sees_the_order_in_their_account(
    client, catalogue, localstripe, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user(username="lin", email="lin@example.com", password="pw-123456789")
    client.force_login(user)
    basket_add(client, "MAT-FULL-CHARCOAL")
    assert client.get(reverse("checkout:index")).url == reverse("checkout:shipping-address")
    assert client.post(reverse("checkout:shipping-address"), ADDRESS).status_code == 302
    assert client.post(reverse("checkout:shipping-method"), {"method_code": "standard"}).status_code == 302
    assert client.post(reverse("checkout:preview"), {"action": "place_order"}).url == reverse("checkout:pay")
    assert client.get(reverse("checkout:pay")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        pay_with_card(client, localstripe, "4242424242424242")
        assert client.get(reverse("checkout:pay-return")).url == reverse("checkout:thank-you")
    order = user.orders.get()
    assert order.status == "Paid" and order.guest_email == ""
    # 79.00 is above the free-shipping threshold: standard shipping is free.
    assert str(order.total_incl_tax) == "79.00"
    assert [message.to for message in mail.outbox] == [["lin@example.com"]]
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.status_code == 200 and "Paid" in page.content.decode()
