"""Production settings: base settings, hardened, with every production service required.

Everything deployment-specific is still read in base.py; this module only demands
and hardens. Start-up stops naming what is missing.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import (
    DEBUG, PRODUCTION_HSTS_SECONDS, PRODUCTION_MISSING, PRODUCTION_SSL_REDIRECT, SENTRY_DSN,
    SENTRY_ENVIRONMENT, SENTRY_TRACES_SAMPLE_RATE,
)

if DEBUG:
    raise ImproperlyConfigured("shop.settings.production refuses to run with DEBUG=1.")
if PRODUCTION_MISSING:
    raise ImproperlyConfigured(
        "Missing required environment variables for production: " + ", ".join(PRODUCTION_MISSING)
        + ". See README \"Configuration\"."
    )

# HTTPS only: the load balancer terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION_SSL_REDIRECT
# Health checks come from inside (compose, the load balancer) over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = PRODUCTION_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Errors to Sentry only when a DSN is set; no personal data (emails, addresses) is sent.
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
                    send_default_pii=False)
