"""Fixtures for the onboarding tests: settings with a known base URL and a clean outbox."""

import pytest

from tests.communication.mail_backends import FlakyBackend


@pytest.fixture(autouse=True)
def _onboarding_settings(settings):
    settings.SHOP_BASE_URL = "https://shop.example"
    settings.ONBOARDING_FROM_EMAIL = "hello@shop.example"
    settings.TIME_ZONE = "America/New_York"


@pytest.fixture
def flaky_mail(settings):
    """The mail server, switchable: flaky_mail.down = True makes every send raise."""
    settings.EMAIL_BACKEND = "tests.communication.mail_backends.FlakyBackend"
    FlakyBackend.down = FlakyBackend.fail_on_close = False
    FlakyBackend.attempts = 0
    yield FlakyBackend
    FlakyBackend.down = FlakyBackend.fail_on_close = False
