"""Settings for the test suite: base settings with fast hashing and local-only services."""

import os

# Tests run with DEBUG off (as production does) but need no secrets from the environment.
os.environ.setdefault("SECRET_KEY", "test-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Stripe: the suite talks to a localstripe process it starts (tests/support/localstripe.py
# points STRIPE_API_BASE at it); the webhook secret signs the test's own fixtures too.
os.environ.setdefault("STRIPE_SECRET_KEY", "sk_test_suite")
os.environ.setdefault("STRIPE_PUBLISHABLE_KEY", "pk_test_suite")
os.environ.setdefault("STRIPE_WEBHOOK_SECRET", "whsec_test_suite")
os.environ.setdefault("STRIPE_API_BASE", "http://127.0.0.1:9")

from .base import *  # noqa: E402,F401,F403
from .base import DATA_DIR, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
SHOP_THUMBNAILS_IN_BACKGROUND = False  # tests/storefront/test_tasks.py turns it on
CELERY_TASK_EAGER_PROPAGATES = True
# Plain static storage: tests must not depend on a collectstatic manifest.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = DATA_DIR / "test-media"
# Live-server threads must not keep connections open past a test (PostgreSQL then
# refuses to drop the test database).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Static files straight from the source folders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A file, not memory, for the SQLite test database: the onboarding integration test's
# Celery worker and beat (other processes) must see the same database as the test.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}  # noqa: F405
