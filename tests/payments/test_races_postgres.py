"""Races on PostgreSQL (real row locks): one PaymentIntent completed by 20 callers at once,
and 10 buyers for the last 3 units. Run in the PostgreSQL pass (`make test` with TEST_POSTGRES_URL)."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop import signals
from shop.payments import services
from shop.payments.models import OrderPayment
from tests.support.checkout import basket_add, checkout_to_review, pay_with_card, pending_order, place_order
from tests.support.localstripe import event_for, signed_event

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(workers):
    """Start every callable at the same instant (a barrier), each on its own connection."""
    barrier = threading.Barrier(len(workers))
    results, errors = [None] * len(workers), []

    def run(index, work):
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # collected and asserted on by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, work)) for i, work in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_twenty_simultaneous_completions_of_one_payment_intent_complete_it_once(client, catalogue, localstripe):
    order = pending_order(client)
    pay_with_card(client, localstripe, "4242424242424242")
    payment_intent_id = OrderPayment.objects.get(order=order).payment_intent_id
    paid = []
    lock = threading.Lock()

    def receiver(sender, order, **kwargs):
        with lock:
            paid.append(order.number)

    def browser_return():
        return services.payment_complete(payment_intent_id=payment_intent_id).outcome

    def webhook(n):
        payload, signature = signed_event(event_for("payment_intent.succeeded", {"id": payment_intent_id},
                                                    event_id=f"evt_race_{n % 5}"))
        response = Client().post("/payments/stripe/webhook/", data=payload, content_type="application/json",
                                 HTTP_STRIPE_SIGNATURE=signature)
        return f"webhook {response.status_code} {response.content.decode()}"

    signals.order_paid.connect(receiver)
    try:
        results, errors = run_together([browser_return] * 10 + [lambda n=n: webhook(n) for n in range(10)])
    finally:
        signals.order_paid.disconnect(receiver)

    assert errors == []
    outcomes = Counter(results)
    completed = outcomes["paid"] + outcomes["webhook 200 received"]
    assert outcomes["paid"] + outcomes["already_done"] == 10
    assert all(result.startswith("webhook 200") for result in results[10:])  # duplicates answered 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.count() == 1 and order.payment_events.count() == 1
    assert paid == [order.number]
    assert completed >= 1


def test_ten_buyers_racing_for_the_last_three_units(catalogue, localstripe):
    record = StockRecord.objects.get(product__upc="MAT-CLASSIC-CHARCOAL")
    assert record.net_stock_level == 3
    buyers = []
    for n in range(10):
        buyer = Client()
        basket_add(buyer, "MAT-CLASSIC-CHARCOAL")
        checkout_to_review(buyer, email=f"buyer{n}@example.com")
        buyers.append(buyer)

    def buy(buyer):
        response = place_order(buyer)
        if response.status_code != 302 or response.url != reverse("checkout:pay"):
            return "refused"
        assert buyer.get(reverse("checkout:pay")).status_code == 200
        status, result = pay_with_card(buyer, localstripe, "4242424242424242")
        returned = buyer.get(reverse("checkout:pay-return"))
        return "paid" if returned.url == reverse("checkout:thank-you") else f"not paid {result}"

    results, errors = run_together([lambda buyer=buyer: buy(buyer) for buyer in buyers])
    assert errors == []
    counts = Counter(results)
    assert counts["paid"] <= 3 and counts["paid"] + counts["refused"] == 10, counts
    assert counts["paid"] == 3, counts  # the lock refused the others, it did not refuse everyone
    assert Order.objects.filter(status="Paid").count() == counts["paid"]
    record.refresh_from_db()
    assert record.num_allocated <= record.num_in_stock == 3
    # No charge without an order: every succeeded PaymentIntent belongs to a paid order.
    charged = [pi["id"] for pi in localstripe.payment_intents() if pi["status"] == "succeeded"]
    assert len(charged) == counts["paid"]
    assert set(OrderPayment.objects.filter(status="paid").values_list("payment_intent_id", flat=True)) == set(charged)
