"""PostgreSQL: dispatches and claims running at the same moment in separate connections."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from shop.communication import delivery
from shop.onboarding import services
from shop.onboarding.models import OnboardingEmail
from shop.signals import order_paid
from tests.onboarding.factories import CLASSIC_BLUE, order_place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _due_rows(count):
    for index in range(count):
        order_paid.send(sender=None, order=order_place(upcs=[CLASSIC_BLUE], email=f"pg{index}@example.com"))
    OnboardingEmail.objects.update(send_at=timezone.now())
    return set(OnboardingEmail.objects.values_list("pk", flat=True))


def _at_once(function, times=4):
    barrier, results = threading.Barrier(times), []

    def run():
        barrier.wait()
        try:
            results.append(function())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_dispatches_at_the_same_moment_hand_out_each_row_once(catalogue):
    expected = _due_rows(4)
    batches = _at_once(lambda: services.onboarding_due_dispatch(limit=100))
    handed_out = [pk for batch in batches for pk in batch]
    assert sorted(handed_out) == sorted(expected)  # every due row, none twice


def test_claims_at_the_same_moment_let_exactly_one_worker_send(catalogue):
    row_id = min(_due_rows(1))
    attempts = _at_once(lambda: delivery.row_claim(model=OnboardingEmail, pk=row_id, now=timezone.now()))
    assert sorted(attempts, key=str) == [1, None, None, None]
