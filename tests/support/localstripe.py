"""A real localstripe process for the suite (pytest plugin, see tests/conftest.py).

`localstripe_server` starts one process per session on a free loopback port (or
skips / fails through require_service); `localstripe` points the shop's settings at
it and empties it before each test.
"""

import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from tests.support.services import require_service


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _http(method, url, data=None, auth=None):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if auth:
        request.add_header("Authorization", f"Bearer {auth}")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
    return json.loads(text) if text.strip().startswith("{") else text


@dataclass
class LocalStripe:
    url: str
    secret_key: str

    def reset(self):
        _http("DELETE", f"{self.url}/_config/data")
        # Webhook registrations outlive the data: point ours at nothing between tests.
        self.webhook_register(url="http://127.0.0.1:9/", events=["test.nothing"])

    def card(self, number: str) -> str:
        """Tokenise a test card as Stripe.js would; returns the card id the shop confirms with."""
        token = _http("POST", f"{self.url}/v1/tokens", {
            "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034",
            "card[cvc]": "123", "key": "pk_test_suite",
        })
        return token["card"]["id"]

    def authenticate(self, payment_intent_id: str, client_secret: str, *, success: bool):
        """What the 3-D Secure dialog of localstripe's Stripe.js does."""
        return _http("POST", f"{self.url}/v1/payment_intents/{payment_intent_id}/_authenticate"
                     f"?success={'true' if success else 'false'}",
                     {"key": "pk_test_suite", "client_secret": client_secret})

    def confirm_with_card(self, payment_intent_id: str, number: str) -> dict:
        """What Stripe's servers do when the Payment Element confirms with a card."""
        _http("POST", f"{self.url}/v1/payment_intents/{payment_intent_id}",
              {"payment_method": self.card(number)}, auth=self.secret_key)
        try:
            return _http("POST", f"{self.url}/v1/payment_intents/{payment_intent_id}/confirm", {},
                         auth=self.secret_key)
        except urllib.error.HTTPError:  # declined: the PaymentIntent carries the error
            return self.payment_intent(payment_intent_id)

    def payment_intents(self) -> list[dict]:
        return _http("GET", f"{self.url}/v1/payment_intents?limit=100", auth=self.secret_key)["data"]

    def payment_intent(self, payment_intent_id: str) -> dict:
        return _http("GET", f"{self.url}/v1/payment_intents/{payment_intent_id}", auth=self.secret_key)

    def refunds(self, payment_intent_id: str) -> list[dict]:
        return _http("GET", f"{self.url}/v1/refunds?payment_intent={payment_intent_id}", auth=self.secret_key)["data"]

    def webhook_register(self, *, url: str, events=None, secret="whsec_test_suite"):
        data = {"url": url, "secret": secret}
        if events:
            data["events[]"] = events
        _http("POST", f"{self.url}/_config/webhooks/shop", data)


def signed_event(event: dict, *, secret="whsec_test_suite", timestamp=None) -> tuple[bytes, str]:
    """A webhook body and its Stripe-Signature header, signed like Stripe signs them."""
    payload = json.dumps(event).encode()
    timestamp = int(timestamp if timestamp is not None else time.time())
    signature = hmac.new(secret.encode(), b"%d.%s" % (timestamp, payload), hashlib.sha256).hexdigest()
    return payload, f"t={timestamp},v1={signature}"


def event_for(event_type: str, data_object: dict, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{time.monotonic_ns()}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "api_version": "2026-10-28.endive",
        "data": {"object": data_object},
    }


@pytest.fixture(scope="session")
def localstripe_server():
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("STRIPE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "shop.payments.localstripe_server", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    ready = False
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                ready = True
                break
        except OSError:
            time.sleep(0.1)
    if not ready:
        process.kill()
        stderr = process.stderr.read().decode(errors="replace")[-500:] if process.stderr else ""
        require_service(False, f"localstripe (python -m shop.payments.localstripe_server) {stderr}")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def localstripe(localstripe_server, settings):
    """localstripe, emptied, with the shop's settings pointing at it (offline card form)."""
    settings.STRIPE_API_BASE = localstripe_server
    settings.STRIPE_SECRET_KEY = "sk_test_suite"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_suite"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_suite"
    settings.STRIPE_JS_URL = f"{localstripe_server}/js.stripe.com/v3/"
    settings.STRIPE_PAYMENT_FORM = "card_token"
    server = LocalStripe(url=localstripe_server, secret_key="sk_test_suite")
    server.reset()
    yield server
    server.reset()
