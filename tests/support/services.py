"""Tests that need a real service (Chromium, Redis, PostgreSQL…) ask for it here.

On a developer machine a missing service skips the test with the reason; with
SHOP_TEST_REQUIRE_SERVICES=1 (set by .ci/run) it fails instead, so CI never
passes by silently skipping.
"""

import os
import shutil

import pytest

REQUIRE_SERVICES = os.environ.get("SHOP_TEST_REQUIRE_SERVICES") == "1"


def require_service(available: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) when a service the test needs is missing."""
    if available:
        return
    message = f"{what} is not available"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (SHOP_TEST_REQUIRE_SERVICES=1: missing services fail the run)")
    pytest.skip(message)  # only without SHOP_TEST_REQUIRE_SERVICES: a developer machine, never CI


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if os.path.exists(path) else shutil.which("chromium")
