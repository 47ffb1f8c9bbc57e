"""A production-like stack on loopback for the smoke test and the fault drills.

Its own PostgreSQL cluster (Debian's binaries, a throwaway data folder, so stopping
it never touches the shared server), redis-server, localstripe, an SMTP sink, and
the compose commands run as separate processes with shop.settings.production:
the migrate job, gunicorn, a Celery worker and beat. Each process runs in its own
process group and is stopped by its own id.
"""

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from tests.onboarding.harness import REPO, Process, RedisServer, SmtpSink, free_port, redis_server_path, wait_until

BIN = Path(sys.executable).parent
STRIPE_WEBHOOK_SECRET = "whsec_smoke"


def postgres_bin_dir() -> Path | None:
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: int(p.parent.name)) if root.exists() else []
    return versions[-1] if versions else None


def compose_commands() -> dict[str, list[str]]:
    """The `command:` of each service in docker-compose.yml (the test runs exactly these)."""
    commands, service = {}, None
    for line in (REPO / "docker-compose.yml").read_text().splitlines():
        if match := re.match(r"^  ([a-z][\w-]*):\s*$", line):
            service = match.group(1)
        elif (match := re.match(r"^    command: (.+)$", line)) and service:
            commands[service] = shlex.split(match.group(1))
    return commands


class PostgresCluster:
    """A throwaway PostgreSQL cluster; run as the `postgres` user when we are root."""

    def __init__(self):
        self.bin = postgres_bin_dir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="shop-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"

    def _run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "shop", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self):
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, "start")
        return self

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def url(self, name: str = "shop") -> str:
        return f"postgres://shop@127.0.0.1:{self.port}/{name}"

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Stack:
    """Every process of the deployment, started in the order a deploy starts them."""

    def __init__(self, *, workdir: Path):
        self.workdir = workdir
        self.postgres = PostgresCluster()
        self.redis = RedisServer(workdir=workdir)
        self.sink = SmtpSink()
        self.web_port, self.stripe_port = free_port(), free_port()
        self.base_url = f"http://127.0.0.1:{self.web_port}"
        self.processes: dict[str, Process] = {}
        self.commands = compose_commands()

    def env(self) -> dict:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("DJANGO_", "PYTEST", "STRIPE_", "DATABASE_", "REDIS_", "EMAIL_"))}
        env.update({
            "DJANGO_SETTINGS_MODULE": "shop.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{self.web_port}",
            "DATABASE_URL": self.postgres.url(),
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.sink.port}",
            "EMAIL_TIMEOUT": "5",
            "STRIPE_SECRET_KEY": "sk_test_smoke",
            "STRIPE_PUBLISHABLE_KEY": "pk_test_smoke",
            "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
            "STRIPE_API_BASE": f"http://127.0.0.1:{self.stripe_port}",
            "DATA_DIR": str(self.workdir),
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "SHOP_BASE_URL": "https://shop.example",
            "ONBOARDING_FROM_EMAIL": "hello@shop.example",
            "DEFAULT_FROM_EMAIL": "orders@shop.example",
            # Seconds instead of minutes, so the drills see retries happen.
            "ONBOARDING_FIRST_DELAY_MINUTES": "0",
            "EMAIL_DISPATCH_EVERY_SECONDS": "1",
            "EMAIL_RETRY_BASE_SECONDS": "1",
            "EMAIL_SEND_LEASE_SECONDS": "15",
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
        })
        return env

    def _command(self, service: str) -> list[str]:
        args = list(self.commands[service])
        loopback = {"0.0.0.0:8000": f"127.0.0.1:{self.web_port}", "0.0.0.0": "127.0.0.1",
                    "8420": str(self.stripe_port),
                    "http://web:8000/payments/stripe/webhook/": f"{self.base_url}/payments/stripe/webhook/"}
        args = [loopback.get(a, a) for a in args]
        args = [str(self.workdir / "celerybeat-schedule") if a == "/tmp/celerybeat-schedule" else a for a in args]
        program = sys.executable if args[0] == "python" else str(BIN / args[0])
        return [program, *args[1:]]

    def run_once(self, env, service_or_args, what: str):
        args = self._command(service_or_args) if isinstance(service_or_args, str) else service_or_args
        result = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        return result

    def start_process(self, name: str, args: list[str], env: dict) -> Process:
        process = Process(args, env=env, log_path=self.workdir / f"{name}.log").start()
        self.processes[name] = process
        return process

    def start(self):
        self.postgres.init().start()
        self.postgres.create_database("shop")
        self.redis.start()
        self.sink.start()
        env = self.env()
        self.run_once(env, "migrate", "the migrate job")
        self.run_once(env, [sys.executable, "manage.py", "setup_shop"], "setup_shop")
        self.run_once(env, [sys.executable, "manage.py", "collectstatic", "--noinput"], "collectstatic")
        # localstripe idles when it sees a Stripe secret key: it gets only the webhook secret.
        stripe_env = {k: v for k, v in env.items() if not k.startswith("STRIPE_")}
        stripe_env["STRIPE_WEBHOOK_SECRET"] = STRIPE_WEBHOOK_SECRET
        self.start_process("localstripe", self._command("localstripe"), stripe_env)
        self.start_process("web", self._command("web"), env)
        self.start_process("worker", self._command("worker"), env)
        self.start_process("beat", self._command("beat"), env)
        wait_until(self._web_answers, timeout=60, what="gunicorn to answer /health/live/")
        return self

    def _web_answers(self):
        try:
            return requests.get(f"{self.base_url}/health/live/", timeout=10,
                                headers={"X-Forwarded-Proto": "https"}).status_code == 200
        except (requests.ConnectionError, requests.Timeout):
            return False

    def logs(self) -> str:
        parts = [f"--- {name} ---\n{process.log()[-3000:]}" for name, process in self.processes.items()]
        return "\n".join(parts)

    def stop(self):
        for process in reversed(list(self.processes.values())):
            process.stop()
        for stop in (self.sink.stop, self.redis.stop, self.postgres.remove):
            try:
                stop()
            except Exception:  # keep stopping the rest
                pass

    def sql(self, query: str, *params):
        import psycopg

        with psycopg.connect(self.postgres.url(), connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()


def stack_available() -> tuple[bool, str]:
    if redis_server_path() is None:
        return False, "redis-server"
    if postgres_bin_dir() is None:
        return False, "PostgreSQL server binaries (/usr/lib/postgresql/*/bin)"
    return True, ""


class Shopper:
    """A browser's part of the HTTP conversation, behind a TLS-terminating load balancer.

    Cookies are kept by hand: the shop marks them Secure, and the load balancer's
    X-Forwarded-Proto header is what makes plain HTTP here count as HTTPS.
    """

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.https_origin = "https://" + urlsplit(base_url).netloc
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()

    def request(self, method: str, path: str, *, data=None, follow=True):
        url = urljoin(self.base_url, path)
        for _ in range(10):
            headers = {"X-Forwarded-Proto": "https", "Referer": self.https_origin + "/"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if method == "POST":
                headers["Origin"] = self.https_origin
                data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
            response = self.http.request(method, url, data=data, headers=headers, allow_redirects=False, timeout=30)
            for header in response.raw.headers.getlist("Set-Cookie"):
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if not (follow and response.is_redirect):
                return response
            location = response.headers["Location"]
            url = urljoin(self.base_url, urlsplit(location)._replace(scheme="", netloc="").geturl())
            method, data = "GET", None
        raise AssertionError(f"too many redirects at {url}")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


PRODUCT_UPC = "MAT-CLASSIC-OCEAN-BLUE"
GOOD_CARD = "4242424242424242"


def checkout_to_payment(stack: Stack, *, email: str) -> tuple[Shopper, str]:
    """A guest puts a mat in the basket and places the order; returns it on the payment page."""
    from tests.support.checkout import ADDRESS

    shopper = Shopper(stack.base_url)
    assert shopper.get("/accounts/login/").status_code == 200  # sets the CSRF cookie, as any page with a form
    [(product_id,)] = stack.sql("SELECT id FROM catalogue_product WHERE upc = %s", PRODUCT_UPC)
    response = shopper.post(f"/basket/add/{product_id}/", {"quantity": 1}, follow=False)
    assert response.status_code == 302, response.text[:2000]
    response = shopper.post("/checkout/", {"username": email, "options": "anonymous"})
    assert response.status_code == 200 and "shipping" in response.url, response.url
    response = shopper.post("/checkout/shipping-address/", ADDRESS)
    assert response.status_code == 200 and "shipping-method" in response.url or "preview" in response.url, response.url
    if "shipping-method" in response.url:
        response = shopper.post("/checkout/shipping-method/", {"method_code": "standard"})
    response = shopper.get("/checkout/payment-details/")
    assert response.status_code == 200 and response.url.endswith("/checkout/preview/"), response.url
    response = shopper.post("/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 200 and response.url.endswith("/checkout/pay/"), (response.url, response.text[:2000])
    number = re.search(r"Pay for order (\d+)", response.text).group(1)
    return shopper, number


def pay(stack: Stack, shopper: Shopper, *, card: str = GOOD_CARD) -> requests.Response:
    """What the payment page's JavaScript does with localstripe: tokenise, confirm, return."""
    token = requests.post(f"http://127.0.0.1:{stack.stripe_port}/v1/tokens", timeout=10, data={
        "card[number]": card, "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123",
        "key": "pk_test_smoke",
    }).json()
    confirmed = shopper.post("/checkout/pay/card/", {"card_id": token["card"]["id"]})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "succeeded", confirmed.json()
    return shopper.get("/checkout/pay/return/")


def order_status(stack: Stack, number: str) -> str:
    [(status,)] = stack.sql('SELECT status FROM order_order WHERE number = %s', number)
    return status


def emails_to(stack: Stack, address: str) -> list:
    from email import message_from_bytes

    with stack.sink._lock:
        contents = list(stack.sink.messages)
    messages = [message_from_bytes(content) for content in contents]
    return [m for m in messages if address in (m["To"] or "")]


def message_id_counts(stack: Stack, address: str) -> dict:
    from collections import Counter

    return Counter(m["Message-ID"] for m in emails_to(stack, address))


def payment_intent_of(stack: Stack, number: str) -> str:
    [(payment_intent_id,)] = stack.sql(
        "SELECT p.payment_intent_id FROM payments_orderpayment p JOIN order_order o ON o.id = p.order_id"
        " WHERE o.number = %s", number)
    return payment_intent_id


def localstripe_webhook_to(stack: Stack, url: str):
    """Where localstripe delivers its events (the shop's endpoint, or nowhere: port 9)."""
    requests.post(f"http://127.0.0.1:{stack.stripe_port}/_config/webhooks/shop", timeout=10,
                  data={"url": url, "secret": STRIPE_WEBHOOK_SECRET}).raise_for_status()
