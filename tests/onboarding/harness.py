"""Real processes for the integration test and the benchmark: Redis, Celery worker/beat, an SMTP sink.

Everything listens on 127.0.0.1 on a free port picked by the OS, runs in its own
process group and is stopped by its own process id.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Poll a real process's state until `condition()` is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class SmtpSink:
    """An SMTP server that keeps what it accepted and counts copies by Message-ID."""

    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.port = free_port()
        self.messages: list[bytes] = []
        self._lock = threading.Lock()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow mail server: sends are in flight longer
        with self._lock:
            self.messages.append(envelope.content)
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter:
        with self._lock:
            contents = list(self.messages)
        return Counter(message_from_bytes(content)["Message-ID"] for content in contents)

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        """The mail server goes down: connections to its port are refused."""
        self._controller.stop()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def redis_server_path() -> str | None:
    return shutil.which("redis-server")


class Process:
    """A child process in its own process group, so it and its children stop together."""

    def __init__(self, args, *, env, log_path: Path):
        self.args, self.env, self.log_path = args, env, log_path
        self.popen = None

    def start(self):
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(self.args, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        log.close()
        return self

    def kill(self, sig=signal.SIGKILL):
        """Stop the process group (the process and its pool children) this object started."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=30)

    def stop(self):
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class RedisServer(Process):
    def __init__(self, *, workdir: Path):
        self.port = free_port()
        super().__init__(
            [redis_server_path(), "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(workdir)],
            env=dict(os.environ), log_path=workdir / "redis.log",
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        super().start()
        import redis

        client = redis.Redis(port=self.port)
        wait_until(lambda: _pings(client), timeout=20, what="redis-server to answer PING")
        client.close()
        return self

    def queue_length(self, queue: str = "celery") -> int:
        import redis

        client = redis.Redis(port=self.port)
        try:
            return client.llen(queue)
        finally:
            client.close()


def _pings(client) -> bool:
    try:
        return client.ping()
    except Exception:
        return False


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for another process to open the database this process uses."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**{
        key: settings_dict.get(key) or default
        for key, default in {"USER": "", "PASSWORD": "", "HOST": "127.0.0.1", "PORT": "5432", "NAME": ""}.items()
    })


def celery_env(*, database: str, redis_url: str, smtp_port: int, workdir: Path, lease_seconds: int = 5,
               dispatch_every: float = 1.0) -> dict:
    """Environment for worker and beat: production settings module, local services, short leases."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "shop.settings.base",
        "SECRET_KEY": "integration-test-secret-key",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database,
        "CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "10",
        "EMAIL_SEND_LEASE_SECONDS": str(lease_seconds),
        "EMAIL_RETRY_BASE_SECONDS": "1",
        "EMAIL_DISPATCH_EVERY_SECONDS": str(dispatch_every),
        "SHOP_BASE_URL": "https://shop.example",
        "ONBOARDING_FROM_EMAIL": "hello@shop.example",
        "DATA_DIR": str(workdir),
        "LOG_LEVEL": "WARNING",
    })
    return env


def celery_worker(*, env: dict, workdir: Path, concurrency: int = 2, name: str = "worker") -> Process:
    return Process(
        [sys.executable, "-m", "celery", "-A", "shop", "worker", "--loglevel=WARNING", "--pool=prefork",
         f"--concurrency={concurrency}", f"--hostname={name}@%h", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        env=env, log_path=workdir / f"{name}.log",
    )


def celery_beat(*, env: dict, workdir: Path) -> Process:
    return Process(
        [sys.executable, "-m", "celery", "-A", "shop", "beat", "--loglevel=WARNING",
         "--schedule", str(workdir / "celerybeat-schedule")],
        env=env, log_path=workdir / "beat.log",
    )


def celery_client(redis_url: str):
    """A Celery app that only sends tasks to the broker (the test process is not a worker)."""
    from celery import Celery

    return Celery("integration-client", broker=redis_url)
