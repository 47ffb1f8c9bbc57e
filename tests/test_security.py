"""Security headers on the main pages, a browser that meets no CSP violation, `check --deploy` clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.checkout import basket_add, checkout_to_review

ROOT = Path(__file__).resolve().parents[1]


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def _assert_shop_headers(response):
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/catalogue/", "/basket/", "/articles/", "/accounts/login/", "/health/live/"])
def test_main_pages_send_the_security_headers(client, catalogue, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    policy = _assert_shop_headers(response)
    # Nothing external outside Stripe: only the shop's own origin in every list.
    external = {source for sources in policy.values() for source in sources if "://" in source}
    assert external <= {"http://127.0.0.1:9", "https://js.stripe.com", "https://hooks.stripe.com",
                        "https://api.stripe.com"}, external


@pytest.mark.django_db
def test_the_payment_page_allows_stripe_js_from_its_configured_url_only(client, catalogue, localstripe):
    basket_add(client, "MAT-CLASSIC-OCEAN-BLUE")
    checkout_to_review(client)
    response = client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
    assert response.redirect_chain[-1][0] == "/checkout/pay/"
    policy = _assert_shop_headers(response)
    assert policy["script-src"] == ["'self'", localstripe.url]
    assert localstripe.url in policy["connect-src"]
    assert f'<script src="{localstripe.url}/js.stripe.com/v3/">' in response.content.decode()
    assert "<script>" not in response.content.decode()  # no inline script on shop pages


def test_real_stripe_origins_when_stripe_js_is_stripes(settings, rf):
    from shop.security import stripe_sources

    settings.STRIPE_JS_URL, settings.STRIPE_API_BASE = "https://js.stripe.com/v3/", ""
    assert stripe_sources() == {
        "script-src": ["https://js.stripe.com"],
        "connect-src": ["https://api.stripe.com", "https://js.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    }


@pytest.mark.django_db
def test_only_the_dashboard_may_run_inline_script(admin_client):
    response = admin_client.get("/dashboard/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in _csp(response)["script-src"]
    assert "<script>" in response.content.decode()  # Oscar's dashboard on-load script


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_shop_pages_run_their_scripts_without_csp_violations(page, live_server, catalogue):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/articles/benefits-of-acupressure-mats-for-back-pain/")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Classic Acupressure Mat", exact=True).click()
    page.get_by_role("button", name="Add to cart").click()
    page.goto(live_server.url + "/checkout/")  # Oscar's own layout: jQuery, ui.js, on-load calls
    # oscar.checkout.gateway.init() ran from static/js/onload.js: "guest" disables the password.
    page.check("#id_options_0")
    assert page.locator("#id_password").is_disabled()
    page.check("#id_options_2")
    assert page.locator("#id_password").is_enabled()
    violations = [text for text in problems if "Content Security Policy" in text]
    assert violations == []


def _deploy_check_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "SECRET_KEY": "k" * 20 + "-Production-secret-of-fifty-chars-or-more-0123456789",
        "ALLOWED_HOSTS": "shop.example", "CSRF_TRUSTED_ORIGINS": "https://shop.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "REDIS_URL": "redis://127.0.0.1:9/0",
        "EMAIL_URL": "smtp://127.0.0.1:9", "STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_PUBLISHABLE_KEY": "pk_live_x",
        "STRIPE_WEBHOOK_SECRET": "whsec_x", "DATA_DIR": str(tmp_path),
    })
    env.pop("STRIPE_API_BASE", None)
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_deploy_check_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
