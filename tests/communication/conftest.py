"""Fixtures for the communication tests: a mail server that can be switched off."""

import pytest

from tests.communication.mail_backends import FlakyBackend


@pytest.fixture
def flaky_mail(settings):
    """The mail server, switchable: flaky_mail.down = True makes every send raise."""
    settings.EMAIL_BACKEND = "tests.communication.mail_backends.FlakyBackend"
    FlakyBackend.down = FlakyBackend.fail_on_close = False
    FlakyBackend.attempts = 0
    yield FlakyBackend
    FlakyBackend.down = FlakyBackend.fail_on_close = False
