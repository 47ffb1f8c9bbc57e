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


def test_production_headers_static_and_media_on_the_real_server(stack):
    import re

    import requests

    from tests.production.stack import Shopper

    plain = requests.get(f"{stack.base_url}/catalogue/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")  # HTTP → HTTPS
    # …except the health checks, which compose and the load balancer make over plain HTTP.
    assert requests.get(f"{stack.base_url}/health/ready/", allow_redirects=False, timeout=10).json() == {
        "status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}

    shopper = Shopper(stack.base_url)
    home = shopper.get("/")
    assert home.status_code == 200
    assert home.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = home.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp.split(
        "script-src")[1].split(";")[0]
    assert home.headers["X-Frame-Options"] == "DENY"
    assert home.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in home.headers["Permissions-Policy"]
    login = shopper.get("/accounts/login/")
    cookie = next(h for h in login.raw.headers.getlist("Set-Cookie") if h.startswith("csrftoken="))
    assert "Secure" in cookie

    # Static files: hashed names, compressed, cached for a year by browsers and CDNs.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text).group(1)
    static = requests.get(stack.base_url + stylesheet, timeout=10,
                          headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
    assert static.status_code == 200 and static.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in static.headers["Cache-Control"] and "immutable" in static.headers["Cache-Control"]

    # Product images on local disk are served by the web process.
    image = re.search(r'src="(/media/[^"]+)"', home.text).group(1)
    picture = requests.get(stack.base_url + image, headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert picture.status_code == 200 and picture.headers["Content-Type"].startswith("image/")
    assert picture.headers["Cache-Control"] == "public, max-age=86400"
