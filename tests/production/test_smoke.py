"""SMOKE: the compose processes with production settings sell a mat and send its first email.

PostgreSQL (its own cluster), redis-server, localstripe and an SMTP sink are real;
the migrate job, gunicorn, the Celery worker and beat run exactly the commands in
docker-compose.yml. The shopper talks HTTP to gunicorn as a browser behind a TLS
load balancer would.
"""

import pytest

from tests.onboarding.harness import wait_until
from tests.production.stack import checkout_to_payment, emails_to, order_status, pay

pytestmark = [pytest.mark.postgres, pytest.mark.integration, pytest.mark.smoke]


def test_a_guest_buys_a_mat_and_gets_the_first_onboarding_email(stack):
    assert stack.processes["web"].popen.poll() is None, stack.logs()
    ready = stack.sql("SELECT 1")  # the migrated database answers
    assert ready == [(1,)]

    shopper, number = checkout_to_payment(stack, email="smoke@example.com")
    thank_you = pay(stack, shopper)

    assert thank_you.url.endswith("/checkout/thank-you/"), thank_you.url
    assert f"Order {number}: thank you!" in thank_you.text and "Status: Paid" in thank_you.text
    assert order_status(stack, number) == "Paid"
    try:
        wait_until(lambda: len(emails_to(stack, "smoke@example.com")) >= 2, timeout=60,
                   what="the order confirmation and the first onboarding email at the SMTP sink")
    except TimeoutError:
        pytest.fail("emails did not arrive\n" + stack.logs())
    subjects = sorted(m["Subject"] for m in emails_to(stack, "smoke@example.com"))
    senders = {m["From"] for m in emails_to(stack, "smoke@example.com")}
    assert any(number in subject for subject in subjects), subjects
    assert "hello@shop.example" in "".join(senders), senders  # the onboarding sender
