"""localstripe's own signed webhook delivery, over HTTP, completes an order whose browser never came back."""

import time

import pytest
from oscar.core.loading import get_model

from shop.payments.models import StripeEvent
from tests.support.checkout import pay_with_card, pending_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


def test_localstripe_webhook_alone_completes_the_order(client, live_server, catalogue, localstripe):
    localstripe.webhook_register(url=f"{live_server.url}/payments/stripe/webhook/")
    order = pending_order(client)
    status, result = pay_with_card(client, localstripe, "4242424242424242")
    assert result["status"] == "succeeded"
    # The shopper closes the tab here. localstripe delivers payment_intent.succeeded about 1 s later.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.status != "Pending payment":
            break
        time.sleep(0.2)
    assert order.status == "Paid"
    assert list(StripeEvent.objects.values_list("type", flat=True)) == ["payment_intent.succeeded"]
    assert order.sources.count() == 1
