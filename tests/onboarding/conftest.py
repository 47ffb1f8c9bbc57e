"""Fixtures for the onboarding tests: settings with a known base URL and a clean outbox."""

import pytest


@pytest.fixture(autouse=True)
def _onboarding_settings(settings):
    settings.SHOP_BASE_URL = "https://shop.example"
    settings.ONBOARDING_FROM_EMAIL = "hello@shop.example"
    settings.TIME_ZONE = "America/New_York"
