"""Headless Chromium (Debian's) driven by Playwright, with no network but loopback."""

import os
import tempfile

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def launch_chromium(playwright, executable_path: str):
    """A persistent context in a fresh user-data dir (one browser, one profile, per test)."""
    user_data_dir = tempfile.mkdtemp(prefix="shop-chromium-")
    return playwright.chromium.launch_persistent_context(
        user_data_dir,
        executable_path=executable_path,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
    )


def allow_orm_in_browser_tests():
    # Playwright's sync API runs an event loop in the test thread; Django then refuses
    # ORM calls from it. Tests only, where the ORM use is synchronous on purpose.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
