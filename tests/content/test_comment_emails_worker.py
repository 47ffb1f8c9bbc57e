"""Comment emails through a real Celery worker process (filesystem broker, PostgreSQL).

The rest of the suite runs tasks eagerly; this test checks that the tasks work as
a worker runs them: arguments that survive serialisation, a fresh database
connection, and a signed confirmation link read back in another process.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django_comments_xtd.models import XtdComment

from shop.celery import app as celery_app
from tests.content.conftest import comment_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]


def _broker_options(folder: Path) -> dict:
    # The same layout shop/settings/base.py gives the worker for DATA_DIR=tmp_path.
    folders = {"data_folder_in": "queue", "data_folder_out": "queue",
               "processed_folder": "processed", "control_folder": "control"}
    options = {}
    for option, name in folders.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        options[option] = str(folder / name)
    return {**options, "store_processed": False}


def _forget_broker_pool():
    # Even eager tasks take a producer from the app's pool, made with the broker settings of
    # the time; drop it so the next task connects with the current ones (kombu keys its
    # shared pools by connection settings, so the suite's own pool is found again after).
    celery_app._pool = None
    if "amqp" in celery_app.__dict__:
        celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path):
    """A `celery worker` sharing the test database, its emails written to tmp_path/outbox."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.base",
        "SECRET_KEY": settings.SECRET_KEY,  # the confirmation link is signed with it
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DATA_DIR": str(tmp_path),
        "CELERY_BROKER_URL": "filesystem://",
        "REDIS_URL": "",
    }
    env.pop("EMAIL_URL", None)
    env.pop("DEBUG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool=solo", "--loglevel=warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url", "broker_transport_options")}
    celery_app.conf.update(task_always_eager=False, broker_url="filesystem://",
                           broker_transport_options=_broker_options(tmp_path / "broker"))
    _forget_broker_pool()
    try:
        yield tmp_path / "outbox"
    finally:
        celery_app.conf.update(saved)
        _forget_broker_pool()
        process.terminate()
        output, _ = process.communicate(timeout=30)
        print(output)


def _wait_for_email(outbox: Path, recipient: str, timeout=60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.log")) if outbox.exists() else []:
            text = path.read_text()
            if f"To: {recipient}" in text:
                return text
        time.sleep(0.2)
    raise AssertionError(f"no email to {recipient} within {timeout}s")


def test_confirmation_and_moderator_emails_are_sent_by_the_worker(client, article, worker):
    get_user_model().objects.create_user(username="mod", email="mod@stillpoint.example", password="x" * 12,
                                         is_staff=True)
    response = client.post(f"{article.get_absolute_url()}comments/", comment_data(article))
    assert response.status_code == 302

    confirmation = _wait_for_email(worker, "ana@example.com")
    path = re.search(r"http://testserver(/comments/confirm/\S+/)", confirmation).group(1)
    assert client.get(path).status_code == 302
    assert XtdComment.objects.get().is_public is False

    waiting = _wait_for_email(worker, "mod@stillpoint.example")
    assert "is waiting for moderation" in waiting
    assert f"/admin/django_comments_xtd/xtdcomment/{XtdComment.objects.get().pk}/change/" in waiting
