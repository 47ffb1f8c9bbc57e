"""FAULT DRILLS on the production stack: a service fails, the shop keeps its promises.

Each drill breaks one real process (redis-server, the PostgreSQL cluster, the SMTP
sink), checks what the shopper sees and what is stored while it is broken, brings it
back, and checks the shop recovers on its own: nothing restarted by hand, every
email delivered exactly once.
"""

import json
import time

import pytest
import requests

from tests.onboarding.harness import wait_until
from tests.production.stack import (
    STRIPE_WEBHOOK_SECRET, checkout_to_payment, emails_to, localstripe_webhook_to, message_id_counts,
    order_status, pay, payment_intent_of,
)
from tests.support.localstripe import event_for, signed_event

pytestmark = [pytest.mark.postgres, pytest.mark.integration, pytest.mark.smoke]


def _both_emails_arrive(stack, address, *, timeout=90):
    """The order confirmation and the first onboarding email, each exactly once."""
    try:
        wait_until(lambda: len(message_id_counts(stack, address)) >= 2, timeout=timeout,
                   what=f"two emails to {address}")
    except TimeoutError:
        pytest.fail(f"emails to {address} did not arrive\n" + stack.logs())
    counts = message_id_counts(stack, address)
    assert len(counts) == 2 and set(counts.values()) == {1}, counts
    senders = sorted(m["From"] for m in emails_to(stack, address))
    assert senders == ["hello@shop.example", "orders@shop.example"], senders


def _processes_alive(stack):
    dead = [name for name, process in stack.processes.items() if process.popen.poll() is not None]
    assert not dead, f"{dead} exited\n" + stack.logs()


def test_redis_down_while_paying_the_order_completes_and_emails_follow(stack):
    pids = {name: p.popen.pid for name, p in stack.processes.items()}
    shopper, number = checkout_to_payment(stack, email="redis-drill@example.com")
    stack.redis.stop()
    try:
        started = time.monotonic()
        thank_you = pay(stack, shopper)
        paying_took = time.monotonic() - started
        assert thank_you.status_code == 200 and thank_you.url.endswith("/checkout/thank-you/"), thank_you.text[:3000]
        assert "Status: Paid" in thank_you.text
        assert order_status(stack, number) == "Paid"
        assert paying_took < 15, f"paying took {paying_took:.1f}s with Redis down"
        ready = requests.get(f"{stack.base_url}/health/ready/", headers={"X-Forwarded-Proto": "https"}, timeout=20)
        assert ready.status_code == 503 and ready.json()["broker"] == "unavailable"
        # Stored for later, not lost: the emails wait in the database.
        assert stack.sql("SELECT count(*) FROM onboarding_onboardingemail e JOIN order_order o ON o.id = e.order_id"
                         " WHERE o.number = %s", number) == [(5,)]
        assert emails_to(stack, "redis-drill@example.com") == []
    finally:
        stack.redis.start()
    _both_emails_arrive(stack, "redis-drill@example.com")
    _processes_alive(stack)
    assert {name: p.popen.pid for name, p in stack.processes.items()} == pids  # nobody restarted by hand


def test_postgres_restart_while_the_worker_runs_the_worker_recovers(stack):
    pids = {name: p.popen.pid for name, p in stack.processes.items()}
    stack.postgres.stop()
    try:
        # Beat keeps dispatching every second; the worker's dispatch tasks fail meanwhile.
        failures_before = stack.processes["worker"].log().count("OperationalError")
        wait_until(lambda: stack.processes["worker"].log().count("OperationalError") > failures_before,
                   timeout=30, what="the worker to run into the stopped database")
    finally:
        stack.postgres.start()
    shopper, number = checkout_to_payment(stack, email="pg-drill@example.com")
    thank_you = pay(stack, shopper)
    assert thank_you.url.endswith("/checkout/thank-you/") and order_status(stack, number) == "Paid"
    _both_emails_arrive(stack, "pg-drill@example.com")
    _processes_alive(stack)
    assert {name: p.popen.pid for name, p in stack.processes.items()} == pids


def test_mail_server_refusing_for_a_while_the_emails_are_retried_and_delivered_once(stack):
    stack.sink.stop()  # connections to the mail server are refused
    try:
        shopper, number = checkout_to_payment(stack, email="smtp-drill@example.com")
        assert pay(stack, shopper).url.endswith("/checkout/thank-you/")
        wait_until(lambda: stack.sql(
            "SELECT count(*) FROM communication_queuedemail WHERE \"to\" = %s AND attempts >= 2 AND last_error <> ''",
            "smtp-drill@example.com") == [(1,)], timeout=60, what="two refused tries of the order confirmation")
        [(error,)] = stack.sql("SELECT last_error FROM communication_queuedemail WHERE \"to\" = %s",
                               "smtp-drill@example.com")
        assert "refused" in error.lower(), error
    finally:
        stack.sink.start()
    _both_emails_arrive(stack, "smtp-drill@example.com")
    assert stack.sql("SELECT status FROM communication_queuedemail WHERE \"to\" = %s",
                     "smtp-drill@example.com") == [("sent",)]


def test_webhook_while_the_database_is_down_gets_5xx_and_its_retry_places_the_order(stack):
    # Stripe's own delivery is held back: this drill delivers the event itself, twice.
    localstripe_webhook_to(stack, "http://127.0.0.1:9/")
    try:
        shopper, number = checkout_to_payment(stack, email="webhook-drill@example.com")
        token = requests.post(f"http://127.0.0.1:{stack.stripe_port}/v1/tokens", timeout=10, data={
            "card[number]": "4242424242424242", "card[exp_month]": "12", "card[exp_year]": "2034",
            "card[cvc]": "123", "key": "pk_test_smoke"}).json()
        # The browser confirmed the payment, then the tab was closed: only the webhook can tell the shop.
        assert shopper.post("/checkout/pay/card/", {"card_id": token["card"]["id"]}).json()["status"] == "succeeded"
        intent = requests.get(f"http://127.0.0.1:{stack.stripe_port}/v1/payment_intents/"
                              f"{payment_intent_of(stack, number)}",
                              headers={"Authorization": "Bearer sk_test_smoke"}, timeout=10).json()
        payload, signature = signed_event(event_for("payment_intent.succeeded", intent), secret=STRIPE_WEBHOOK_SECRET)
        headers = {"Stripe-Signature": signature, "Content-Type": "application/json", "X-Forwarded-Proto": "https"}
        url = f"{stack.base_url}/payments/stripe/webhook/"

        stack.postgres.stop()
        try:
            down = requests.post(url, data=payload, headers=headers, timeout=30)
        finally:
            stack.postgres.start()
        assert 500 <= down.status_code < 600, (down.status_code, down.text[:500])

        retry = requests.post(url, data=payload, headers=headers, timeout=30)  # Stripe retries the same event
        assert retry.status_code == 200, retry.text[:500]
        assert order_status(stack, number) == "Paid"
        assert stack.sql("SELECT count(*) FROM payments_stripeevent WHERE event_id = %s",
                         json.loads(payload)["id"]) == [(1,)]
    finally:
        localstripe_webhook_to(stack, f"{stack.base_url}/payments/stripe/webhook/")
    _both_emails_arrive(stack, "webhook-drill@example.com")
    # The shopper who comes back later sees the order as paid.
    assert "Status: Paid" in shopper.get("/checkout/pay/").text
