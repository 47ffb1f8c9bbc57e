"""Sending: due rows go out once, retries back off on mail-service errors, then fail."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from shop.onboarding import services, tasks
from shop.onboarding.models import OnboardingEmail
from tests.onboarding.factories import CLASSIC_BLUE, order_pay, order_place

PAID_AT = "2026-06-01 14:00:00"


@pytest.fixture
def paid_order(catalogue, django_capture_on_commit_callbacks):
    with freeze_time(PAID_AT):
        return order_pay(order_place(upcs=[CLASSIC_BLUE]), django_capture_on_commit_callbacks)


def _welcome(order):
    return OnboardingEmail.objects.get(order=order, step="welcome")


def _sent_ids():
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


def test_nothing_is_sent_before_it_is_due(paid_order):
    with freeze_time("2026-06-01 14:09:00"):
        assert tasks.onboarding_dispatch_due() == 0
    assert mail.outbox == []


def test_a_due_email_is_sent_once_and_marked(paid_order, flaky_mail):
    with freeze_time("2026-06-01 14:10:00"):
        assert tasks.onboarding_dispatch_due() == 1
        assert tasks.onboarding_dispatch_due() == 0  # already sent
    row = _welcome(paid_order)
    assert (row.status, row.attempts, row.sent_at.isoformat()) == ("sent", 1, "2026-06-01T14:10:00+00:00")
    assert _sent_ids() == [row.message_id]
    assert mail.outbox[0].to == ["ada@example.com"]
    # Only the welcome was due; the others wait for their day.
    assert OnboardingEmail.objects.filter(order=paid_order, status="scheduled").count() == 4


def test_the_whole_sequence_arrives_over_three_weeks(paid_order, flaky_mail):
    for day in (0, 2, 5, 10, 21):
        with freeze_time(f"2026-06-{1 + day:02d} 23:30:00"):  # 19:30 in New York
            tasks.onboarding_dispatch_due()
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Welcome, Ada", "Start slowly", "Find the right position for your back",
        "Ready for more? Build up to 20–30 minutes", "Make it a routine, and tell us how it's going",
    ]
    assert len(set(_sent_ids())) == 5


def test_a_second_send_of_the_same_row_does_nothing(paid_order, flaky_mail):
    row = _welcome(paid_order)
    with freeze_time("2026-06-01 14:10:00"):
        assert services.onboarding_email_deliver(onboarding_email_id=row.pk) == "sent"
        assert services.onboarding_email_deliver(onboarding_email_id=row.pk) == "skipped"
        tasks.onboarding_email_send(row.pk)
    assert len(mail.outbox) == 1


def test_two_dispatches_share_the_due_rows_between_them(paid_order, flaky_mail):
    with freeze_time("2026-06-01 14:10:00"):
        first = services.onboarding_due_dispatch()
        second = services.onboarding_due_dispatch()  # the rows are leased to the first
        assert (len(first), second) == (1, [])
        for pk in first + first:  # the same id handed out twice still sends once
            tasks.onboarding_email_send(pk)
    assert len(mail.outbox) == 1


def test_a_row_whose_worker_died_is_taken_over_when_the_lease_runs_out(paid_order, flaky_mail, settings):
    settings.EMAIL_SEND_LEASE_SECONDS = 300
    row = _welcome(paid_order)
    with freeze_time("2026-06-01 14:10:00"):
        # A worker claimed it and was killed before sending.
        OnboardingEmail.objects.filter(pk=row.pk).update(
            status="sending", attempts=1, lease_until=timezone.now() + timedelta(seconds=300))
        assert tasks.onboarding_dispatch_due() == 0
    with freeze_time("2026-06-01 14:15:01"):
        assert tasks.onboarding_dispatch_due() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


def test_a_mail_service_error_is_retried_with_backoff_then_succeeds(paid_order, flaky_mail, settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    flaky_mail.down = True
    with freeze_time("2026-06-01 14:10:00"):
        tasks.onboarding_dispatch_due()
    row = _welcome(paid_order)
    assert (row.status, row.attempts) == ("scheduled", 1)
    assert "SMTPServerDisconnected" in row.last_error
    assert row.send_at.isoformat() == "2026-06-01T14:11:00+00:00"  # 60 s
    with freeze_time("2026-06-01 14:11:00"):
        tasks.onboarding_dispatch_due()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.send_at.isoformat()) == ("scheduled", 2, "2026-06-01T14:13:00+00:00")
    flaky_mail.down = False
    with freeze_time("2026-06-01 14:12:59"):
        assert tasks.onboarding_dispatch_due() == 0  # not yet: backoff
    with freeze_time("2026-06-01 14:13:00"):
        tasks.onboarding_dispatch_due()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")
    assert _sent_ids() == [row.message_id]
    assert flaky_mail.attempts == 3


def test_exhausted_retries_mark_the_row_failed_and_log_its_ids(paid_order, flaky_mail, settings, caplog):
    settings.EMAIL_SEND_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    flaky_mail.down = True
    row = _welcome(paid_order)
    for moment in ("14:10:00", "14:11:00", "14:13:00", "14:17:00", "15:00:00"):
        with freeze_time(f"2026-06-01 {moment}"), caplog.at_level(logging.WARNING):
            tasks.onboarding_dispatch_due()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)
    assert "SMTPServerDisconnected" in row.last_error
    assert flaky_mail.attempts == 3
    assert mail.outbox == []
    assert f"OnboardingEmail {row.pk} failed after 3 tries" in caplog.text
    assert f"order {paid_order.number} (id {paid_order.pk}), step welcome, to ada@example.com" in caplog.text


def test_a_broken_template_fails_the_row_at_once(paid_order, flaky_mail, caplog):
    OnboardingEmail.objects.filter(order=paid_order, step="welcome").update(step="no_such_step")
    with freeze_time("2026-06-01 14:10:00"):
        tasks.onboarding_dispatch_due()
    row = OnboardingEmail.objects.get(order=paid_order, step="no_such_step")
    assert (row.status, row.attempts) == ("failed", 1)
    assert "TemplateDoesNotExist" in row.last_error


def test_an_error_after_the_server_accepted_the_email_does_not_send_it_again(paid_order, flaky_mail):
    flaky_mail.fail_on_close = True  # accepted, then the connection breaks at QUIT
    with freeze_time("2026-06-01 14:10:00"):
        tasks.onboarding_dispatch_due()
    with freeze_time("2026-06-01 15:00:00"):
        tasks.onboarding_dispatch_due()
    row = _welcome(paid_order)
    assert (row.status, row.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1
