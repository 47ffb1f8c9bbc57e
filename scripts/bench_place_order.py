#!/usr/bin/env python
"""Benchmark the checkout's server side: time and SQL queries to place an order and get it paid.

Runs the real views through Django's test client on a throwaway database (SQLite by
default, or BENCH_DATABASE_URL) against a localstripe it starts on a free port. Time
spent waiting for Stripe is measured separately and left out of the server time.

    .venv/bin/python scripts/bench_place_order.py [--orders 20]
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-place-order-")
os.makedirs(os.path.join(TMP, "staticfiles"))
os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings.test"
os.environ["DATA_DIR"] = TMP
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ["STRIPE_API_BASE"] = "http://127.0.0.1:9"  # replaced below, once localstripe runs
os.environ.setdefault("LOG_LEVEL", "WARNING")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_localstripe():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")}
    process = subprocess.Popen([sys.executable, "-m", "shop.payments.localstripe_server", "--port", str(port)],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("localstripe did not start")


class StripeClock:
    """Wraps the one function every Stripe call goes through, to subtract Stripe's latency."""

    def __init__(self, stripe_api):
        self.seconds = 0.0
        self.calls = 0
        original = stripe_api._call

        def timed(fn, *args, **kwargs):
            started = time.perf_counter()
            try:
                return original(fn, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        stripe_api._call = timed

    def reset(self):
        self.seconds, self.calls = 0.0, 0


def measure(stripe_clock, request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stripe_clock.reset()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = request()
        elapsed = time.perf_counter() - started
    return response, (elapsed - stripe_clock.seconds) * 1000, len(queries), stripe_clock.calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=20)
    args = parser.parse_args()

    process, url = start_localstripe()
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        from shop.catalogue_setup import catalogue_setup
        from shop.payments import stripe_api
        from tests.support.checkout import basket_add, checkout_to_review, place_order
        from tests.support.localstripe import LocalStripe

        setup_test_environment()
        settings.STRIPE_API_BASE = url
        call_command("migrate", verbosity=0)
        catalogue_setup()
        localstripe = LocalStripe(url=url, secret_key=settings.STRIPE_SECRET_KEY)
        clock = StripeClock(stripe_api)
        rows = {"place order (review → pending order)": [], "payment page (creates the PaymentIntent)": [],
                "payment return (marks the order paid)": []}
        for n in range(args.orders):
            client = Client()
            basket_add(client, "MAT-CLASSIC-OCEAN-BLUE")
            basket_add(client, "PILLOW-NECK")
            checkout_to_review(client, email=f"bench{n}@example.com")
            response, ms, queries, calls = measure(clock, lambda: place_order(client))
            assert response.status_code == 302 and response.url == reverse("checkout:pay"), response
            rows["place order (review → pending order)"].append((ms, queries, calls))
            response, ms, queries, calls = measure(clock, lambda: client.get(reverse("checkout:pay")))
            assert response.status_code == 200
            rows["payment page (creates the PaymentIntent)"].append((ms, queries, calls))
            client.post(reverse("checkout:pay-card"), {"card_id": localstripe.card("4242424242424242")})
            response, ms, queries, calls = measure(clock, lambda: client.get(reverse("checkout:pay-return")))
            assert response.url == reverse("checkout:thank-you"), response
            rows["payment return (marks the order paid)"].append((ms, queries, calls))

        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"{args.orders} orders (mat + pillow, guest, standard shipping) on {engine}; "
              "server time excludes time waiting for Stripe")
        print(f"{'step':44} {'median ms':>10} {'p90 ms':>8} {'SQL queries':>12} {'Stripe calls':>13}")
        for step, samples in rows.items():
            times = sorted(ms for ms, _, _ in samples)
            p90 = times[max(0, int(len(times) * 0.9) - 1)]
            queries = sorted({q for _, q, _ in samples})
            calls = sorted({c for _, _, c in samples})
            print(f"{step:44} {statistics.median(times):10.1f} {p90:8.1f} "
                  f"{'/'.join(map(str, queries)):>12} {'/'.join(map(str, calls)):>13}")
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
