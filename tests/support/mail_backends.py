"""A mail backend for tests that can be switched "down", like an unreachable mail server."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Delivers to django.core.mail.outbox, except while `down`: then it raises like SMTP does."""

    down = False
    fail_on_close = False
    attempts = 0

    def close(self):
        if FlakyBackend.fail_on_close:
            raise smtplib.SMTPServerDisconnected("Connection lost at QUIT (test)")

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed (test: server down)")
        return super().send_messages(messages)
