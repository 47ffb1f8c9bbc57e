"""Declines, 3-D Secure, tampering and sold-out stock: never a paid order without money, never money without an order."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import OrderPayment
from tests.support.checkout import basket_add, checkout_to_review, pay_with_card, pending_order, place_order

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def basket_lines_after_going_back(client):
    response = client.post(reverse("checkout:pay-cancel"))
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    page = client.get(reverse("basket:summary"))
    return sorted(line.product.upc for line in page.context["basket"].all_lines())


def test_declined_card_gives_no_paid_order_a_plain_message_and_keeps_the_basket(client, catalogue, localstripe):
    order = pending_order(client)
    status, result = pay_with_card(client, localstripe, "4000000000000341")
    assert status == 200 and result["status"] == "requires_payment_method"
    assert result["error"] == ("Your card was declined (Your card was declined). No money was taken; "
                               "please try another card.")
    response = client.get(reverse("checkout:pay-return"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:pay")
    assert "No money was taken" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "Pending payment" and order.sources.count() == 0
    assert Basket.objects.get(pk=order.stripe_payment.basket_id).status == "Frozen"  # kept for the retry

    # The shopper retries on the same order with another card.
    status, result = pay_with_card(client, localstripe, "4242424242424242")
    assert result["status"] == "succeeded"
    assert client.get(reverse("checkout:pay-return")).url == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Paid" and Order.objects.count() == 1


def test_declined_shopper_going_back_gets_the_basket_and_stock_back(client, catalogue, localstripe):
    order = pending_order(client)
    pay_with_card(client, localstripe, "4000000000000341")
    assert basket_lines_after_going_back(client) == ["MAT-CLASSIC-OCEAN-BLUE", "PILLOW-NECK"]
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert StockRecord.objects.get(product__upc="MAT-CLASSIC-OCEAN-BLUE").num_allocated == 0
    intent = localstripe.payment_intent(order.stripe_payment.payment_intent_id)
    assert intent["status"] == "canceled"

    # Checking out the same basket again places a new order, with its own number.
    checkout_to_review(client)
    assert place_order(client).url == reverse("checkout:pay")
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == [order.number, f"{order.number}-2"]


def test_three_d_secure_success_pays(client, catalogue, localstripe):
    order = pending_order(client)
    status, result = pay_with_card(client, localstripe, "4000002760003184")
    assert result["status"] == "requires_action" and result["client_secret"]
    payment_intent_id = order.stripe_payment.payment_intent_id
    localstripe.authenticate(payment_intent_id, result["client_secret"], success=True)
    assert client.get(reverse("checkout:pay-return")).url == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Paid"


def test_failed_three_d_secure_gives_no_order_paid_and_a_plain_message(client, catalogue, localstripe):
    order = pending_order(client)
    status, result = pay_with_card(client, localstripe, "4000002760003184")
    # Before authentication the return page must not take "requires_action" for paid.
    assert client.get(reverse("checkout:pay-return")).url == reverse("checkout:pay")
    localstripe.authenticate(order.stripe_payment.payment_intent_id, result["client_secret"], success=False)
    response = client.get(reverse("checkout:pay-return"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:pay")
    assert "Your bank could not confirm this payment (3-D Secure)" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "Pending payment" and order.sources.count() == 0
    assert basket_lines_after_going_back(client) == ["MAT-CLASSIC-OCEAN-BLUE", "PILLOW-NECK"]


def test_amount_basket_and_payment_intent_sent_by_the_browser_are_ignored(client, catalogue, localstripe):
    order = pending_order(client)
    other = localstripe.card("4242424242424242")  # noqa: F841  a second, unrelated card token
    from shop.payments import stripe_api

    # Someone else's PaymentIntent for 1 cent, already paid.
    cheap = stripe_api.payment_intent_create(amount=1, currency="usd", metadata={}, idempotency_key="cheap")
    stripe_api.payment_intent_confirm_with_card(cheap.id, card_id=localstripe.card("4242424242424242"))

    status, result = pay_with_card(client, localstripe, "4000000000000341",
                                   amount="1", basket_id="999", payment_intent=cheap.id)
    assert result["status"] == "requires_payment_method"
    response = client.get(reverse("checkout:pay-return"), {
        "payment_intent": cheap.id, "payment_intent_client_secret": cheap.client_secret,
        "redirect_status": "succeeded", "amount": "1", "basket_id": "999"})
    assert response.url == reverse("checkout:pay")
    order.refresh_from_db()
    assert order.status == "Pending payment"
    intent = localstripe.payment_intent(order.stripe_payment.payment_intent_id)
    assert intent["amount"] == 6415
    assert intent["metadata"]["basket_id"] == str(order.stripe_payment.basket_id) != "999"


def test_last_unit_sold_between_basket_and_placing_the_order_tells_the_shopper_and_charges_nothing(
    client, catalogue, localstripe
):
    basket_add(client, "MAT-CLASSIC-CHARCOAL", quantity=2)
    checkout_to_review(client)
    # Meanwhile two of the three units are sold elsewhere.
    record = StockRecord.objects.get(product__upc="MAT-CLASSIC-CHARCOAL")
    record.allocate(2)
    response = place_order(client)
    page = client.get(response.url) if response.status_code == 302 else response
    text = page.content.decode()
    assert "Classic Acupressure Mat – Charcoal" in text and ("left" in text or "available" in text), text[:3000]
    assert Order.objects.count() == 0 and localstripe.payment_intents() == []
    record.refresh_from_db()
    assert record.num_allocated == 2
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [line.quantity for line in basket.all_lines()] == [2]  # basket given back


def test_stock_lock_refuses_the_unit_another_checkout_took(client, catalogue, localstripe):
    """The check Oscar's basket validation can't do: under the row lock, at placing time."""
    from shop.checkout.services import OutOfStock, stock_lock_for_basket

    basket_add(client, "MAT-CLASSIC-CHARCOAL", quantity=2)
    basket = Basket.objects.get()
    record = StockRecord.objects.get(product__upc="MAT-CLASSIC-CHARCOAL")
    stock_lock_for_basket(basket=basket)  # 3 left: fine
    record.allocate(2)
    with pytest.raises(OutOfStock, match="only 1 of “Classic Acupressure Mat – Charcoal” left"):
        stock_lock_for_basket(basket=basket)
    record.allocate(1)
    with pytest.raises(OutOfStock, match="has just sold out.*you have not been charged"):
        stock_lock_for_basket(basket=basket)


def test_payment_page_needs_a_pending_order_of_this_browser(client, catalogue, localstripe):
    assert client.get(reverse("checkout:pay")).url == reverse("basket:summary")
    assert client.post(reverse("checkout:pay-card"), {"card_id": "card_x"}).status_code == 409
    pending_order(client)
    assert client.post(reverse("checkout:pay-card"), {"card_id": "not-a-card"}).status_code == 400
    assert client.get(reverse("checkout:pay-card")).status_code == 405


def test_stock_is_allocated_with_the_pending_order_and_kept_when_paid(client, catalogue, localstripe):
    before = StockRecord.objects.get(product__upc="PILLOW-NECK").num_allocated or 0
    order = pending_order(client)
    assert StockRecord.objects.get(product__upc="PILLOW-NECK").num_allocated == before + 1
    pay_with_card(client, localstripe, "4242424242424242")
    client.get(reverse("checkout:pay-return"))
    order.refresh_from_db()
    assert order.status == "Paid"
    assert StockRecord.objects.get(product__upc="PILLOW-NECK").num_allocated == before + 1
    assert OrderPayment.objects.get(order=order).status == "paid"
