"""Unsubscribing: a confirmation page, RFC 8058 one-click without login, bad links change nothing."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from shop.onboarding.models import OnboardingEmail, Unsubscribe
from shop.onboarding.tokens import unsubscribe_token_make
from shop.signals import order_cancelled, order_refunded
from tests.onboarding.factories import CLASSIC_BLUE, order_pay, order_place


@pytest.fixture
def paid_order(catalogue, django_capture_on_commit_callbacks):
    return order_pay(order_place(upcs=[CLASSIC_BLUE]), django_capture_on_commit_callbacks)


@pytest.fixture
def browser():
    # Enforce CSRF as a real browser session would meet it.
    return Client(enforce_csrf_checks=True)


def _url(order, email="ada@example.com"):
    return f"/onboarding/unsubscribe/{unsubscribe_token_make(email=email, order_id=order.pk)}/"


def _statuses(order):
    return sorted(OnboardingEmail.objects.filter(order=order).values_list("status", flat=True))


def test_get_shows_a_confirmation_and_changes_nothing(paid_order, browser):
    response = browser.get(_url(paid_order))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stop the getting-started emails?" in page
    assert "ada@example.com" in page
    assert '<button type="submit"' in page
    assert _statuses(paid_order) == ["scheduled"] * 5
    assert not Unsubscribe.objects.exists()


def test_one_click_post_works_without_login_or_csrf_token(paid_order, browser):
    # What a mail client sends for List-Unsubscribe-Post (RFC 8058): no cookies, no token.
    response = browser.post(_url(paid_order), data="List-Unsubscribe=One-Click",
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    assert _statuses(paid_order) == ["cancelled"] * 5
    assert Unsubscribe.objects.get().email == "ada@example.com"


def test_the_confirmation_button_unsubscribes(paid_order, browser):
    response = browser.post(_url(paid_order), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _statuses(paid_order) == ["cancelled"] * 5


def test_emails_already_sent_stay_sent(paid_order, browser):
    OnboardingEmail.objects.filter(order=paid_order, step="welcome").update(status="sent")
    browser.post(_url(paid_order))
    assert _statuses(paid_order) == ["cancelled"] * 4 + ["sent"]


def test_unsubscribing_twice_is_harmless(paid_order, browser):
    assert browser.post(_url(paid_order)).status_code == 200
    assert browser.post(_url(paid_order)).status_code == 200
    assert Unsubscribe.objects.count() == 1


def test_it_is_remembered_for_future_orders(paid_order, browser, django_capture_on_commit_callbacks):
    browser.post(_url(paid_order))
    next_order = order_pay(order_place(upcs=[CLASSIC_BLUE]), django_capture_on_commit_callbacks)
    assert _statuses(next_order) == ["cancelled"] * 5


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_gives_a_clear_400_and_changes_nothing(paid_order, browser, method):
    token = unsubscribe_token_make(email="ada@example.com", order_id=paid_order.pk)
    forged = signing.dumps({"email": "ada@example.com", "order": paid_order.pk}, salt="another-salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        response = getattr(browser, method)(f"/onboarding/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link doesn't work" in response.content.decode()
    assert _statuses(paid_order) == ["scheduled"] * 5
    assert not Unsubscribe.objects.exists()


def test_an_expired_token_gives_400_and_changes_nothing(paid_order, browser, settings):
    settings.ONBOARDING_UNSUBSCRIBE_MAX_AGE_DAYS = 30
    url = _url(paid_order)
    with freeze_time(timezone.now() + timedelta(days=31)):
        response = browser.post(url)
    assert response.status_code == 400
    assert "too old" in response.content.decode()
    assert _statuses(paid_order) == ["scheduled"] * 5
    with freeze_time(timezone.now() + timedelta(days=29)):
        assert browser.post(url).status_code == 200


def test_other_methods_are_refused(paid_order, browser):
    assert browser.put(_url(paid_order)).status_code == 405
    assert _statuses(paid_order) == ["scheduled"] * 5


@pytest.mark.parametrize("signal", [order_refunded, order_cancelled])
def test_a_refund_or_cancellation_cancels_pending_emails(paid_order, signal):
    OnboardingEmail.objects.filter(order=paid_order, step="welcome").update(status="sent")
    signal.send(sender=None, order=paid_order, amount=paid_order.total_incl_tax)
    assert _statuses(paid_order) == ["cancelled"] * 4 + ["sent"]
    reasons = set(OnboardingEmail.objects.filter(order=paid_order, status="cancelled").values_list("last_error", flat=True))
    assert reasons == {"Order refunded" if signal is order_refunded else "Order cancelled"}
