"""INTEGRATION, real processes: redis-server, a Celery worker and beat, and an SMTP sink (aiosmtpd).

The test process creates paid orders in the test database (a file, shared with the
worker); worker and beat run as separate processes with the shop's base settings,
Redis as broker and the sink as mail server. Emails are counted by Message-ID.
"""

import signal

import pytest
from django.db import connection
from django.utils import timezone

from shop.communication.models import QueuedEmail
from shop.onboarding.models import OnboardingEmail
from tests.onboarding.factories import CLASSIC_BLUE, PILLOW, order_place
from tests.onboarding.harness import (
    RedisServer, SmtpSink, celery_beat, celery_client, celery_env, celery_worker, database_url,
    redis_server_path, wait_until,
)
from tests.support.services import require_service
from shop.signals import order_paid

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _paid_orders(count, *, prefix):
    """Paid orders whose five emails are all due now."""
    orders = []
    for index in range(count):
        order = order_place(upcs=[CLASSIC_BLUE, PILLOW] if index % 2 else [CLASSIC_BLUE],
                            email=f"{prefix}{index}@example.com")
        order_paid.send(sender=None, order=order)  # autocommit: on_commit runs at once
        orders.append(order)
    rows = OnboardingEmail.objects.filter(order__in=orders)
    rows.update(send_at=timezone.now())
    return set(rows.values_list("message_id", flat=True))


def _all_sent(message_ids):
    return not OnboardingEmail.objects.filter(message_id__in=message_ids).exclude(status="sent").exists()


@pytest.fixture
def services(tmp_path, catalogue):
    require_service(redis_server_path() is not None, "redis-server")
    started = []
    try:
        redis = RedisServer(workdir=tmp_path).start()
        started.append(redis)
        with SmtpSink(delay=0.05) as sink:
            env = celery_env(database=database_url(connection.settings_dict), redis_url=redis.url,
                             smtp_port=sink.port, workdir=tmp_path)
            yield {"redis": redis, "sink": sink, "env": env, "tmp": tmp_path, "started": started}
            for process in reversed(started):
                process.stop()
    finally:
        for process in reversed(started):
            process.stop()


def _start(services, process):
    services["started"].append(process.start())
    return process


def _drained(services):
    return services["redis"].queue_length() == 0


def test_a_due_email_arrives_once_even_with_two_dispatches_at_the_same_time(services):
    sink, env, tmp = services["sink"], services["env"], services["tmp"]
    expected = _paid_orders(8, prefix="once")  # 40 due emails
    worker = _start(services, celery_worker(env=env, workdir=tmp, concurrency=2))
    client = celery_client(services["redis"].url)
    # Two dispatches at once (the pool runs both in parallel), then beat every second on top.
    for _ in range(2):
        client.send_task("shop.onboarding.tasks.onboarding_dispatch_due")
    beat = _start(services, celery_beat(env=env, workdir=tmp))
    try:
        wait_until(lambda: _all_sent(expected), timeout=120, what="every due email to be sent")
        wait_until(lambda: _drained(services), timeout=30, what="the queue to drain")
    except TimeoutError:
        pytest.fail("Not all sent.\nworker log:\n" + worker.log()[-3000:] + "\nbeat log:\n" + beat.log()[-2000:])
    finally:
        client.close()
    copies = sink.message_ids()
    assert set(copies) == expected
    assert max(copies.values()) == 1, {mid: n for mid, n in copies.items() if n > 1}
    assert set(OnboardingEmail.objects.filter(message_id__in=expected).values_list("attempts", flat=True)) == {1}


def test_a_worker_killed_mid_send_loses_nothing_and_repeats_only_in_flight_sends(services):
    sink, env, tmp = services["sink"], services["env"], services["tmp"]
    sink.delay = 0.2  # a slow mail server: sends are in flight when the worker dies
    expected = _paid_orders(12, prefix="kill")  # 60 due emails
    worker = _start(services, celery_worker(env=env, workdir=tmp, concurrency=2))
    _start(services, celery_beat(env=env, workdir=tmp))
    wait_until(lambda: len(sink.message_ids()) >= 5, timeout=120, what="the first emails to arrive")
    worker.kill(signal.SIGKILL)  # kill -9 the worker and its pool processes
    arrived_before_restart = set(sink.message_ids())
    assert len(arrived_before_restart) < len(expected), "the kill came too late to test anything"
    interrupted = OnboardingEmail.objects.filter(message_id__in=expected, status="sending").count()

    restarted = _start(services, celery_worker(env=env, workdir=tmp, concurrency=2, name="worker2"))
    try:
        wait_until(lambda: _all_sent(expected), timeout=180, what="every due email after the restart")
        wait_until(lambda: _drained(services), timeout=30, what="the queue to drain")
    except TimeoutError:
        pytest.fail("Not all sent after restart.\nworker log:\n" + restarted.log()[-3000:])
    copies = sink.message_ids()
    assert set(copies) == expected  # every due email arrived
    duplicated = {mid for mid, n in copies.items() if n > 1}
    # A second copy only for a send in flight when the worker died (at most one per pool
    # process): the sink had accepted it, the row was not yet marked sent.
    assert len(duplicated) <= 2, duplicated
    assert max(copies.values()) <= 2
    for row in OnboardingEmail.objects.filter(message_id__in=duplicated):
        assert row.attempts >= 2  # it was claimed, interrupted, and taken over after its lease
    assert interrupted <= 2


def test_oscar_emails_wait_out_a_mail_server_outage(services):
    sink, env, tmp = services["sink"], services["env"], services["tmp"]
    sink.stop()  # the mail server is down
    # What the Dispatcher stores for an order confirmation (its task may never have run).
    queued = QueuedEmail.objects.create(
        to="ada@example.com", from_email="orders@shop.example", subject="Confirmation of order 100001",
        body_text="Thank you", message_id="<order-100001@shop.example>", send_at=timezone.now())
    _start(services, celery_worker(env=env, workdir=tmp, concurrency=2))
    _start(services, celery_beat(env=env, workdir=tmp))
    wait_until(lambda: QueuedEmail.objects.filter(pk=queued.pk, attempts__gte=2).exists(), timeout=120,
               what="two failed tries while the mail server is down")
    queued.refresh_from_db()
    assert queued.status in ("scheduled", "sending") and "refused" in queued.last_error.lower()
    sink.start()  # back up: the next retry (1 s, 2 s, 4 s … apart here) delivers it
    wait_until(lambda: QueuedEmail.objects.filter(pk=queued.pk, status="sent").exists(), timeout=120,
               what="the email to go out once the mail server is back")
    assert sink.message_ids() == {"<order-100001@shop.example>": 1}
