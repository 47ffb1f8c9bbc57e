"""Fixtures shared by the whole suite: the seeded catalogue, a browser, services."""

import shutil

import pytest
from django.conf import settings as django_settings

from shop import signals
from tests.support.mail_backends import FlakyBackend
from tests.support.browser import allow_orm_in_browser_tests, launch_chromium
from tests.support.services import chromium_path, require_service

# The real localstripe process (fixtures `localstripe_server`, `localstripe`).
pytest_plugins = ["tests.support.localstripe"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    # Product pictures written by tests go to a throwaway folder.
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    # Whole pages are cached (shop/storefront/page_cache.py): none may outlive its test's data.
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def catalogue(db):
    """The shop's starting catalogue, as `make run` loads it."""
    from shop.catalogue_setup import catalogue_setup

    catalogue_setup()


@pytest.fixture
def flaky_mail(settings):
    """The mail server, switchable: flaky_mail.down = True makes every send raise."""
    settings.EMAIL_BACKEND = "tests.support.mail_backends.FlakyBackend"
    FlakyBackend.down = FlakyBackend.fail_on_close = False
    FlakyBackend.attempts = 0
    yield FlakyBackend
    FlakyBackend.down = FlakyBackend.fail_on_close = False


@pytest.fixture
def paid_signals():
    received = []

    def receiver(sender, order, **kwargs):
        received.append(order.number)

    signals.order_paid.connect(receiver)
    yield received
    signals.order_paid.disconnect(receiver)


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server):
    yield live_server
    # A request thread of the live server can still hold a connection when the
    # session ends; PostgreSQL then refuses to drop the test database.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def page(live_server):
    """A Playwright page in headless Chromium; `live_server.url` serves the shop."""
    path = chromium_path()
    require_service(path is not None, "Chromium (/usr/bin/chromium)")
    allow_orm_in_browser_tests()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch_chromium(playwright, path)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


@pytest.fixture(autouse=True, scope="session")
def _cleanup_media(tmp_path_factory):
    yield
    shutil.rmtree(tmp_path_factory.getbasetemp() / "media", ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` (row locks, concurrency) run only in the PostgreSQL pass."""
    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres") is None]
    deselected = [item for item in items if item.get_closest_marker("postgres") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
