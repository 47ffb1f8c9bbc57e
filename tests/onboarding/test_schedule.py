"""The schedule: send times in the shop's time zone, rows created only for paid orders."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from shop.onboarding.models import OnboardingEmail, Unsubscribe
from shop.onboarding.schedule import onboarding_send_time
from tests.onboarding.factories import CLASSIC_BLUE, order_pay, order_place

NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")


def test_day_zero_goes_out_shortly_after_payment(settings):
    settings.ONBOARDING_FIRST_DELAY_MINUTES = 10
    paid_at = datetime(2026, 6, 1, 23, 50, tzinfo=UTC)
    assert onboarding_send_time(paid_at=paid_at, day=0) == paid_at + timedelta(minutes=10)


def test_later_days_go_out_at_seven_in_the_evening_shop_time():
    # 01:30 UTC on 2 June is still 1 June (21:30) in New York: day 2 is 3 June.
    paid_at = datetime(2026, 6, 2, 1, 30, tzinfo=UTC)
    send_at = onboarding_send_time(paid_at=paid_at, day=2)
    assert send_at.astimezone(NEW_YORK) == datetime(2026, 6, 3, 19, 0, tzinfo=NEW_YORK)
    assert send_at.astimezone(UTC) == datetime(2026, 6, 3, 23, 0, tzinfo=UTC)  # EDT, UTC-4


def test_a_dst_change_in_between_keeps_the_local_hour():
    # Paid on 28 Oct 2026 (EDT, UTC-4); day 10 is 7 Nov, after the clocks went back (EST, UTC-5).
    paid_at = datetime(2026, 10, 28, 16, 0, tzinfo=UTC)
    send_at = onboarding_send_time(paid_at=paid_at, day=10)
    assert send_at.astimezone(NEW_YORK).hour == 19
    assert send_at.astimezone(UTC) == datetime(2026, 11, 8, 0, 0, tzinfo=UTC)
    # And in spring: paid 5 Mar 2026 (EST), day 5 = 10 Mar (EDT since 8 Mar).
    spring = onboarding_send_time(paid_at=datetime(2026, 3, 5, 15, 0, tzinfo=UTC), day=5)
    assert spring.astimezone(UTC) == datetime(2026, 3, 10, 23, 0, tzinfo=UTC)


def test_send_time_follows_the_configured_zone_and_hour(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.ONBOARDING_SEND_TIME = "20:30"
    send_at = onboarding_send_time(paid_at=datetime(2026, 1, 10, 12, 0, tzinfo=UTC), day=2)
    assert send_at.astimezone(UTC) == datetime(2026, 1, 12, 19, 30, tzinfo=UTC)


@freeze_time("2026-10-28 16:00:00")
def test_a_paid_order_schedules_the_whole_sequence(catalogue, django_capture_on_commit_callbacks):
    order = order_pay(order_place(upcs=[CLASSIC_BLUE]), django_capture_on_commit_callbacks)

    rows = list(OnboardingEmail.objects.filter(order=order).order_by("send_at"))
    assert [(row.step, row.status) for row in rows] == [
        ("welcome", "scheduled"), ("start_slowly", "scheduled"), ("positions", "scheduled"),
        ("build_up", "scheduled"), ("routine", "scheduled"),
    ]
    local = [row.send_at.astimezone(NEW_YORK) for row in rows]
    assert rows[0].send_at == datetime(2026, 10, 28, 16, 10, tzinfo=UTC)
    assert [(t.month, t.day, t.hour) for t in local[1:]] == [(10, 30, 19), (11, 2, 19), (11, 7, 19), (11, 18, 19)]
    assert {row.email for row in rows} == {"ada@example.com"}
    assert rows[1].message_id == f"<onboarding.{order.number}.start_slowly@shop.example>"


def test_an_unpaid_order_schedules_nothing(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_place(upcs=[CLASSIC_BLUE])
    assert OnboardingEmail.objects.count() == 0


def test_order_paid_twice_still_schedules_each_step_once(catalogue, django_capture_on_commit_callbacks):
    order = order_place(upcs=[CLASSIC_BLUE])
    order_pay(order, django_capture_on_commit_callbacks)
    order_pay(order, django_capture_on_commit_callbacks)
    assert OnboardingEmail.objects.filter(order=order).count() == 5


def test_an_unsubscribed_address_gets_no_sequence_on_a_new_order(catalogue, django_capture_on_commit_callbacks):
    Unsubscribe.objects.create(email="ada@example.com")
    order = order_pay(order_place(upcs=[CLASSIC_BLUE], email="Ada@Example.com"),
                      django_capture_on_commit_callbacks)
    statuses = set(OnboardingEmail.objects.filter(order=order).values_list("status", flat=True))
    assert statuses == {"cancelled"}


@pytest.mark.parametrize("registered", [False, True])
def test_the_customer_address_is_taken_from_the_user_or_the_guest(
    registered, catalogue, django_capture_on_commit_callbacks
):
    order = order_pay(order_place(upcs=[CLASSIC_BLUE], email="grace@example.com", registered=registered),
                      django_capture_on_commit_callbacks)
    assert set(OnboardingEmail.objects.filter(order=order).values_list("email", flat=True)) == {"grace@example.com"}


def test_the_schedule_commits_or_rolls_back_with_the_payment(catalogue):
    from django.db import transaction

    from shop.signals import order_paid

    order = order_place(upcs=[CLASSIC_BLUE])
    with pytest.raises(RuntimeError), transaction.atomic():
        order_paid.send(sender=None, order=order)
        assert OnboardingEmail.objects.filter(order=order).count() == 5
        raise RuntimeError("the payment's transaction fails after the signal")
    assert OnboardingEmail.objects.count() == 0  # nothing outlives a failed payment

    order_paid.send(sender=None, order=order)
    assert OnboardingEmail.objects.filter(order=order).count() == 5
