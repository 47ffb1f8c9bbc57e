#!/usr/bin/env python
"""Benchmark: 10,000 due onboarding emails sent by a real Celery worker to a local SMTP sink.

Starts its own redis-server, SMTP sink (aiosmtpd) and Celery worker on free loopback
ports, with a fresh SQLite database in a temporary folder (or --database-url), creates
2,000 paid orders x 5 steps all due now, sends N dispatch tasks at the same time and
reports emails per second and counts proving none was sent twice or skipped.

    .venv/bin/python scripts/bench_onboarding.py [--emails 10000] [--concurrency 2] [--dispatches 2]
"""

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--emails", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--dispatches", type=int, default=2, help="dispatch tasks sent at the same time")
    parser.add_argument("--database-url", default="", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-onboarding-"))
    database = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "shop.settings.base", "SECRET_KEY": "bench-secret-key",
        "ALLOWED_HOSTS": "localhost", "DATABASE_URL": database, "DATA_DIR": str(workdir), "LOG_LEVEL": "WARNING",
    })
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from tests.onboarding.harness import (
        RedisServer, SmtpSink, celery_client, celery_env, celery_worker, redis_server_path, wait_until,
    )

    if redis_server_path() is None:
        print("redis-server is not installed", file=sys.stderr)
        return 2
    print(f"database: {database}\nworkdir: {workdir}")
    call_command("migrate", verbosity=0)
    expected = _create_due_emails(args.emails)
    print(f"created {len(expected)} due onboarding emails")

    from shop.onboarding.models import OnboardingEmail

    redis = RedisServer(workdir=workdir).start()
    worker = None
    try:
        with SmtpSink() as sink:
            # A long lease and no beat: every send below is the first and only dispatch's.
            env = celery_env(database=database, redis_url=redis.url, smtp_port=sink.port, workdir=workdir,
                             lease_seconds=3600)
            worker = celery_worker(env=env, workdir=workdir, concurrency=args.concurrency).start()
            client = celery_client(redis.url)
            # The clock starts when the worker answers, so its start-up is not counted.
            wait_until(lambda: client.control.ping(timeout=0.5), timeout=120, what="the worker to start")
            started = time.monotonic()
            for _ in range(args.dispatches):
                client.send_task("shop.onboarding.tasks.onboarding_dispatch_due")
            client.close()
            wait_until(lambda: len(sink.message_ids()) >= len(expected), timeout=args.timeout, interval=0.5,
                       what="every email to reach the sink")
            elapsed = time.monotonic() - started
            wait_until(lambda: not OnboardingEmail.objects.exclude(status="sent").exists(), timeout=60,
                       what="every row to be marked sent")
            wait_until(lambda: redis.queue_length() == 0, timeout=120, what="the queue to drain")
            copies = sink.message_ids()
    finally:
        if worker:
            worker.stop()
        redis.stop()

    received = sum(copies.values())
    duplicates = sum(n - 1 for n in copies.values() if n > 1)
    missing = len(expected - set(copies))
    unexpected = len(set(copies) - expected)
    statuses = dict(OnboardingEmail.objects.values_list("status").annotate(n=Count("id")))
    print(f"emails due: {len(expected)}  received: {received}  distinct Message-IDs: {len(copies)}")
    print(f"sent twice: {duplicates}  skipped: {missing}  unexpected: {unexpected}  row statuses: {statuses}")
    print(f"time (first dispatch to last email): {elapsed:.1f} s  ->  {len(expected) / elapsed:.0f} emails/s "
          f"(worker concurrency {args.concurrency}, {args.dispatches} dispatches at once)")
    return 0 if duplicates == missing == unexpected == 0 else 1


def _create_due_emails(count: int) -> set[str]:
    """Paid orders (one mat line each) with all five steps due now; the Message-IDs to expect."""
    from django.contrib.sites.models import Site
    from django.utils import timezone
    from oscar.core.loading import get_model

    from shop.onboarding.content import onboarding_message_id
    from shop.onboarding.models import OnboardingEmail
    from shop.onboarding.schedule import onboarding_steps

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    steps = [code for code, _ in onboarding_steps()]
    now = timezone.now()
    site = Site.objects.get_current()
    order_count = -(-count // len(steps))
    orders = Order.objects.bulk_create([
        Order(number=str(900000 + i), site=site, currency="USD", total_incl_tax=Decimal("39.00"),
              total_excl_tax=Decimal("39.00"), date_placed=now, guest_email=f"bench{i}@example.com",
              status="Paid")
        for i in range(order_count)
    ], batch_size=500)
    orders = list(Order.objects.filter(number__gte="900000").order_by("number"))
    Line.objects.bulk_create([
        Line(order=order, partner_sku="MAT-CLASSIC-OCEAN-BLUE", upc="MAT-CLASSIC-OCEAN-BLUE",
             title="Classic Acupressure Mat – Ocean Blue", quantity=1, line_price_incl_tax=Decimal("39.00"),
             line_price_excl_tax=Decimal("39.00"), line_price_before_discounts_incl_tax=Decimal("39.00"),
             line_price_before_discounts_excl_tax=Decimal("39.00"), num_allocated=0)
        for order in orders
    ], batch_size=500)
    rows = [
        OnboardingEmail(order=order, step=step, email=order.guest_email, send_at=now,
                        message_id=onboarding_message_id(order_number=order.number, step=step))
        for order in orders for step in steps
    ][:count]
    OnboardingEmail.objects.bulk_create(rows, batch_size=500)
    return {row.message_id for row in rows}


if __name__ == "__main__":
    sys.exit(main())
