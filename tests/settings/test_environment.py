"""Settings come from the environment; with DEBUG off, secrets have no fallback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_debug_off_without_secrets_stops_naming_them(tmp_path):
    result = _load_settings("shop.settings.base", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Missing required environment variables: SECRET_KEY, ALLOWED_HOSTS" in result.stderr


def test_debug_on_needs_no_server(tmp_path):
    result = _load_settings("shop.settings.base", DEBUG="1", DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "filesystem://"]


def test_production_reads_database_and_redis_from_the_environment(tmp_path):
    result = _load_settings(
        "shop.settings.production",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="shop.example",
        DATABASE_URL="postgres://u:p@db.example:5432/shop",
        REDIS_URL="redis://cache.example:6379/0",
        EMAIL_URL="smtp://mail.example:587",
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql", "redis://cache.example:6379/0"]


def test_production_refuses_debug(tmp_path):
    result = _load_settings("shop.settings.production", DEBUG="1", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "refuses to run with DEBUG=1" in result.stderr


def test_production_stops_naming_the_services_it_is_missing(tmp_path):
    result = _load_settings("shop.settings.production", SECRET_KEY="s" * 50, ALLOWED_HOSTS="shop.example",
                            DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Missing required environment variables for production: DATABASE_URL, REDIS_URL, EMAIL_URL" in result.stderr
