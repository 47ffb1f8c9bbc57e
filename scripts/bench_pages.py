#!/usr/bin/env python
"""Benchmark the storefront pages under gunicorn with production settings, against a bare Django view.

Sets up a throwaway shop (SQLite file in a temporary DATA_DIR, or a throwaway
PostgreSQL database with --postgres: migrate, setup_shop, collectstatic), serves it
with gunicorn, and loads each page with wrk (Debian package `wrk`): requests/s, p50
and p99 latency, and SQL queries per page (counted in-process with Django's test
client). The same gunicorn settings serve scripts/bench_minimal_wsgi.py in the same
run; each run of a page follows a run of that bare view, and the page's throughput is
reported as the median of those paired fractions. Then 1,000 more products are added
and everything is measured again.

    .venv/bin/python scripts/bench_pages.py [--seconds 3] [--repeat 3] [--port 8500]
        [--postgres postgres://user:password@host:port]                        (or: make bench)
"""

import argparse
import contextlib
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TOKEN = "BenchToken0123456789abcdefghijkl"  # a 32-character CSRF secret, as form-token.js makes
GUNICORN = ["--workers", "2", "--worker-class", "sync", "--log-level", "warning"]
ARTICLE = "/articles/benefits-of-acupressure-mats-for-back-pain/"


def shop_env(data_dir: str, redis_url: str, database_url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "DATA_DIR": data_dir,
        "DATABASE_URL": database_url,
        # Production settings require Redis (cache, broker) and a mail service.
        "REDIS_URL": redis_url,
        "EMAIL_URL": "dummymail://",
        "SECRET_KEY": "bench-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "STRIPE_API_BASE": "http://127.0.0.1:9",
        "LOG_LEVEL": "WARNING",
    })
    env.pop("DEBUG", None)
    return env


def manage(env, *args, stdin=None):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, input=stdin,
                   text=True, stdout=subprocess.DEVNULL)


class Server:
    def __init__(self, app, port, env, cwd):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", *GUNICORN, "--bind", f"127.0.0.1:{port}", app], cwd=cwd, env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not start on {self.url}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def throwaway_database(data_dir: str, postgres: str | None):
    """A SQLite file in data_dir, or a new database on the PostgreSQL server at `postgres`
    (postgres://user:password@host:port, a role that may create databases), dropped after."""
    if not postgres:
        yield f"sqlite:///{data_dir}/db.sqlite3"
        return
    import psycopg

    name = f"bench_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{postgres}/{name}"
    finally:
        with psycopg.connect(f"{postgres}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def throwaway_shop(prefix: str, *, postgres: str | None = None):
    """The environment of a shop ready to serve with production settings: its own database
    (SQLite, or PostgreSQL if given) and redis-server, migrated, catalogue loaded, static
    files collected; removed after."""
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is not installed: apt-get install redis-server")
    data_dir = tempfile.mkdtemp(prefix=prefix)
    port = _free_port()
    redis = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        with throwaway_database(data_dir, postgres) as database_url:
            env = shop_env(data_dir, f"redis://127.0.0.1:{port}/0", database_url)
            manage(env, "migrate", "--noinput")
            manage(env, "setup_shop")
            manage(env, "collectstatic", "--noinput")
            yield env
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


def wrk(url, seconds, *, cookie=None, lua=None):
    # Every browser asks for gzip; the page cache answers with the page it stored gzipped.
    command = ["wrk", "--threads", "2", "--connections", "8", "--duration", f"{seconds}s", "--latency",
               "--header", "Accept-Encoding: gzip, deflate, br"]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    if lua:
        command += ["--script", lua]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rate": rate, "p50": _ms(percentiles["50"]), "p99": _ms(percentiles["99"]),
        "bad": int(non_2xx.group(1)) if non_2xx else 0, "errors": errors.group(1) if errors else "",
    }


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def basket_add_script(path, product_id):
    Path(path).write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "csrfmiddlewaretoken={TOKEN}&quantity=1"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "csrftoken={TOKEN}"\n'
        f'wrk.path = "/basket/add/{product_id}/"\n'
    )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def basket_cookie(base, product_id):
    """A shopper with one line in the basket: the cookie Oscar sets on the first add."""
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": TOKEN, "quantity": 1}).encode()
    request = urllib.request.Request(f"{base}/basket/add/{product_id}/", data=data,
                                     headers={"Cookie": f"csrftoken={TOKEN}"})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request)
    except urllib.error.HTTPError as redirect:
        cookies = redirect.headers.get_all("Set-Cookie") or []
    basket = next(c.split(";")[0] for c in cookies if c.startswith("oscar_open_basket="))
    return basket


PAGE_FACTS = r"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
Product = get_model("catalogue", "Product"); Category = get_model("catalogue", "Category")
mat = Product.objects.get(upc="MAT-CLASSIC")
pages = {"home": "/", "catalogue": "/catalogue/",
         "category": Category.objects.get(slug="mats", depth=1).get_absolute_url(),
         "product": mat.get_absolute_url(), "article": "%s"}
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for name, url in pages.items():
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    counts[name] = len(q)
with CaptureQueriesContext(connection) as q:
    client.post("/basket/add/%%d/" %% Product.objects.get(upc="PILLOW-NECK").pk, {"quantity": 1})
counts["basket add"] = len(q)
client.get("/basket/")
with CaptureQueriesContext(connection) as q:
    client.get("/basket/")
counts["basket view"] = len(q)
print("FACTS", json.dumps({"pages": pages, "queries": counts, "pillow": Product.objects.get(upc="PILLOW-NECK").pk}))
""" % ARTICLE

ADD_PRODUCTS = r"""
from decimal import Decimal
from oscar.core.loading import get_model
Category = get_model("catalogue", "Category"); Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory"); ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner"); StockRecord = get_model("partner", "StockRecord")
mats = Category.objects.get(slug="mats", depth=1)
products = Product.objects.bulk_create(
    Product(upc=f"EXTRA-{n}", title=f"Extra mat {n:04d}", slug=f"extra-mat-{n}", structure="standalone",
            product_class=ProductClass.objects.get(slug="acupressure-mat"), is_public=True, priority=45)
    for n in range(1000))
StockRecord.objects.bulk_create(StockRecord(product=p, partner=Partner.objects.get(), partner_sku=p.upc,
    price=Decimal("29.00"), price_currency="USD", num_in_stock=5) for p in products)
ProductCategory.objects.bulk_create(ProductCategory(product=p, category=mats) for p in products)
"""


def page_facts(env):
    # Queries of a rendered page: the page cache off, so the view itself is measured.
    output = subprocess.run([PYTHON, "manage.py", "shell"], cwd=ROOT, env={**env, "PAGE_CACHE_SECONDS": "0"},
                            input=PAGE_FACTS, capture_output=True, text=True, check=True).stdout
    import json

    return json.loads(output.split("FACTS ", 1)[1])


def paired(minimal_url, load, repeat):
    """Load a page `repeat` times, each run right after a run of the bare view.

    The fraction is the median of the pairs' ratios, so slow drifts of a shared machine's
    load hit both sides of each pair alike; the page's own numbers are its median run.
    """
    runs = []
    for _ in range(repeat):
        minimal = wrk(minimal_url, load["seconds"])
        result = wrk(load["url"], load["seconds"], cookie=load.get("cookie"), lua=load.get("lua"))
        runs.append((result["rate"] / minimal["rate"], result, minimal))
    runs.sort(key=lambda run: run[0])
    fraction, result, _ = runs[len(runs) // 2]
    return result, fraction, [minimal for _, _, minimal in runs]


def measure(env, minimal_url, port, seconds, repeat, lua_path):
    facts = page_facts(env)
    shop = Server("shop.wsgi:application", port, env, ROOT)
    loads = []
    try:
        pillow = facts["pillow"]
        for url in facts["pages"].values():  # warm-up: every worker stores its pages
            wrk(shop.url + url, 1)
        for name, url in facts["pages"].items():
            loads.append((name, "anonymous (page cache)", {"url": shop.url + url}, facts["queries"][name]))
        product = facts["pages"]["product"]
        loads.append(("product", "rendered (has a csrftoken cookie)",
                      {"url": shop.url + product, "cookie": f"csrftoken={TOKEN}"}, facts["queries"]["product"]))
        basket_add_script(lua_path, pillow)
        loads.append(("basket add", "POST, new visitor each time", {"url": shop.url + "/", "lua": lua_path},
                      facts["queries"]["basket add"]))
        loads.append(("basket view", "one line",
                      {"url": shop.url + "/basket/", "cookie": basket_cookie(shop.url, pillow)},
                      facts["queries"]["basket view"]))
        rows, minimal_runs = [], []
        for name, how, load, queries in loads:
            result, fraction, minimals = paired(minimal_url, {**load, "seconds": seconds}, repeat)
            rows.append((name, how, result, queries, fraction))
            minimal_runs += minimals
    finally:
        shop.stop()
    return rows, minimal_runs


def measure_round(env, minimal_env, port, seconds, repeat, lua):
    minimal_server = Server("bench_minimal_wsgi:application", port + 1, minimal_env, ROOT / "scripts")
    try:
        wrk(minimal_server.url + "/", 1)
        rows, minimal_runs = measure(env, minimal_server.url + "/", port, seconds, repeat, lua)
    finally:
        minimal_server.stop()
    minimal_runs.sort(key=lambda run: run["rate"])
    return minimal_runs[len(minimal_runs) // 2], rows


def table(rows, minimal):
    lines = ["| page | how | req/s | of minimal | p50 ms | p99 ms | p99/p50 | SQL | non-2xx/3xx |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|",
             f"| minimal Django view | bare | {minimal['rate']:.0f} | 100% | {minimal['p50']:.1f} | "
             f"{minimal['p99']:.1f} | {minimal['p99'] / minimal['p50']:.1f} | 0 | {minimal['bad']} |"]
    for name, how, result, queries, fraction in rows:
        lines.append(f"| {name} | {how} | {result['rate']:.0f} | {fraction:.0%} | {result['p50']:.1f} | "
                     f"{result['p99']:.1f} | {result['p99'] / result['p50']:.1f} | {queries} | {result['bad']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="load time per page")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page, each paired with a bare-view run")
    parser.add_argument("--port", type=int, default=8500, help="first of two free ports")
    parser.add_argument("--postgres", metavar="URL",
                        help="measure on PostgreSQL: postgres://user:password@host:port (a throwaway database is "
                             "created there and dropped after); default SQLite")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    with throwaway_shop("bench-pages-", postgres=args.postgres) as env:
        data_dir = env["DATA_DIR"]
        minimal_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
        lua = os.path.join(data_dir, "basket_add.lua")
        # The bare view is served all along and measured right before each run of a page:
        # on a shared machine the load drifts, and each run is compared with its own yardstick.
        minimal, seeded = measure_round(env, minimal_env, args.port, args.seconds, args.repeat, lua)
        subprocess.run([PYTHON, "manage.py", "shell"], cwd=ROOT, env=env, input=ADD_PRODUCTS, check=True,
                       capture_output=True, text=True)
        minimal_bigger, bigger = measure_round(env, minimal_env, args.port, args.seconds, args.repeat, lua)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"\n{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} CPUs "
          f"({cpu}) · Python {platform.python_version()} · gunicorn {' '.join(GUNICORN)} · "
          f"wrk 2 threads, 8 connections, Accept-Encoding gzip, {args.repeat} × {args.seconds} s per page, "
          f"each after a run of the bare view (median) · {'PostgreSQL' if args.postgres else 'SQLite'}")
    print("\n### Seeded catalogue\n")
    print(table(seeded, minimal))
    print("\n### With 1,000 extra products\n")
    print(table(bigger, minimal_bigger))
    print("\n### Change with 1,000 extra products (as a fraction of the bare view of each round)\n")
    for (name, how, _b, _q, before), (_n, _h, _a, _q2, after) in zip(seeded, bigger):
        print(f"- {name} ({how}): {after / before - 1:+.0%}")


if __name__ == "__main__":
    main()
