"""The shop's settings: the one place that reads the environment.

Every value a deployment changes comes from an environment variable (all of them
are listed in README.md). With DEBUG=1 the defaults need no server at all:
SQLite, local-memory cache, a filesystem Celery broker and an email outbox folder.
With DEBUG off, secrets and hosts have no fallback and start-up stops naming them.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from oscar.defaults import *  # noqa: F401,F403  Oscar's documented way to get its defaults

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Local state (database, uploads, outbox, broker queue) lives in one ignored folder.
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / ".local")))

_missing = []


def _required(name, dev_default, cast=str):
    """A value production must set; DEBUG=1 gets a harmless local default."""
    if name in env.ENVIRON:
        return env.get_value(name, cast=cast)
    if DEBUG:
        return dev_default
    _missing.append(name)
    return dev_default


SECRET_KEY = _required("SECRET_KEY", "dev-only-insecure-key-never-used-with-debug-off")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"], cast=list)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variables: "
        + ", ".join(_missing)
        + ". Set them, or set DEBUG=1 for local development."
    )

# --- Shop identity ---------------------------------------------------------
OSCAR_SHOP_NAME = env.str("SHOP_NAME", default="Stillpoint")
OSCAR_SHOP_TAGLINE = env.str("SHOP_TAGLINE", default="Acupressure mats for everyday back care")
OSCAR_DEFAULT_CURRENCY = env.str("SHOP_CURRENCY", default="USD")
OSCAR_CURRENCY_FORMAT = {
    OSCAR_DEFAULT_CURRENCY: {"format": "¤#,##0.00", "format_type": "standard"},
}
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="orders@stillpoint.localhost")
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Free standard shipping from this basket total (shop currency).
SHOP_FREE_SHIPPING_THRESHOLD = env.str("FREE_SHIPPING_THRESHOLD", default="75.00")

# --- Django ------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "shop.communication.apps.CommunicationConfig",
    "oscar.apps.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",  # forked: basket and offers in few queries (README "Speed")
    "oscar.apps.payment.apps.PaymentConfig",
    "shop.offer.apps.OfferConfig",  # forked: cached site offers and range membership
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "shop.apps.ShopConfig",
    "shop.storefront.apps.StorefrontConfig",
    "shop.payments.apps.PaymentsConfig",
    # Reader comments: django_comments_xtd must come before django_comments.
    "django_comments_xtd",
    "django_comments",
    "content.apps.ContentConfig",
    "shop.onboarding.apps.OnboardingConfig",
    "shop.onboarding.dashboard.apps.OnboardingDashboardConfig",
    "csp",  # Content-Security-Policy (issue 6)
]

SITE_ID = 1

MIDDLEWARE = [
    # Anonymous pages from the cache before any other work; a stored page keeps the
    # headers the middleware below added to it (shop/storefront/page_cache.py).
    "shop.storefront.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Headers on every response (issue 6, shop/security.py).
    "shop.security.ShopCSPMiddleware",
    "shop.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",  # Oscar's, loading a basket with its lines at once
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                # The count comes with the user (shop.accounts.auth_backends): no query of its own.
                "shop.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.storefront.context_processors.storefront",
            ],
        },
    },
]

# Oscar's and Django's backends, loading the user with the header's facts (shop/accounts/).
AUTHENTICATION_BACKENDS = (
    "shop.accounts.auth_backends.EmailBackend",
    "shop.accounts.auth_backends.UsernameBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 9}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --- Database ------------------------------------------------------------------
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker share one SQLite file: without WAL,
    # IMMEDIATE transactions and a busy timeout they fail with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Cache and Celery: Redis when REDIS_URL is set, nothing to run otherwise --------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Production (issue 6): a cache that misses instead of failing while Redis is down,
    # with short timeouts so a dead Redis costs a page milliseconds, not seconds.
    CACHES = {"default": {
        "BACKEND": "shop.cache.RedisCacheTolerant",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }}
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
    # Publishing a task while Redis is down fails after about a second (not Celery's
    # default retries); callers log it and the database-kept dispatch sends later.
    CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # kombu's filesystem transport: a queue in a folder, shared by the web process,
    # the worker and beat on one machine. The folders are created by shop/celery.py.
    _broker_dir = DATA_DIR / "broker"
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = None  # set below, from TIME_ZONE
CELERY_BEAT_SCHEDULE = {}

# --- Payments: Stripe (see shop/payments and README "Payments") ------------------
# With real keys the shop talks to api.stripe.com and the browser uses the Payment
# Element. With no STRIPE_SECRET_KEY and DEBUG=1 it talks to localstripe (a fake
# Stripe server that `make run` starts on 127.0.0.1) and the browser uses the card
# form localstripe's Stripe.js stand-in supports.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
if STRIPE_SECRET_KEY:
    STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET")
    STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # empty: api.stripe.com
elif DEBUG:
    STRIPE_SECRET_KEY = "sk_test_localstripe"
    STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="whsec_localstripe")
    STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:8420")
else:
    raise ImproperlyConfigured(
        "Missing required environment variables: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, "
        "STRIPE_WEBHOOK_SECRET. Set them, or set DEBUG=1 to use localstripe."
    )
STRIPE_API_VERSION = env.str("STRIPE_API_VERSION", default="2026-10-28.endive")
# Offline (localstripe): its Stripe.js stand-in, and the card-token payment form.
STRIPE_JS_URL = env.str(
    "STRIPE_JS_URL",
    default=f"{STRIPE_API_BASE}/js.stripe.com/v3/" if STRIPE_API_BASE else "https://js.stripe.com/v3/",
)
STRIPE_PAYMENT_FORM = "card_token" if STRIPE_API_BASE else "payment_element"
# A pending (unpaid) order is cancelled, its stock released, after this many minutes.
SHOP_PENDING_ORDER_MINUTES = env.int("PENDING_ORDER_MINUTES", default=60)
OSCAR_INITIAL_ORDER_STATUS = "Pending payment"
OSCAR_INITIAL_LINE_STATUS = "Pending payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending payment": ("Paid", "Payment review", "Cancelled"),
    "Payment review": ("Paid", "Cancelled"),
    "Paid": ("Shipped", "Refunded", "Cancelled"),
    "Shipped": ("Refunded",),
    "Refunded": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {"Paid": "Paid", "Shipped": "Shipped", "Cancelled": "Cancelled", "Refunded": "Refunded"}
CELERY_BEAT_SCHEDULE["payments-cancel-expired-pending-orders"] = {
    "task": "shop.payments.tasks.pending_orders_expire",
    "schedule": 300.0,
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Email ---------------------------------------------------------------------
# Default: every email is written to a file in .local/outbox, readable by a person.
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "outbox")

# --- Article comments (content/, django-comments-xtd) ---------------------------
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 1  # replies one level deep
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_THREADED_EMAILS = False  # the shop sends comment mail from Celery tasks
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_SALT = b"stillpoint-comments"  # with SECRET_KEY, signs the confirmation links
COMMENT_MAX_LENGTH = 3000
COMMENTS_PER_PAGE = 20  # top-level comments per page; replies go with their parent
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)  # more links: held for moderation
COMMENTS_MIN_FORM_SECONDS = env.int("COMMENTS_MIN_FORM_SECONDS", default=3)  # faster: a bot
# At most this many comments per IP address and per email address in the window.
COMMENTS_RATE_LIMIT = env.int("COMMENTS_RATE_LIMIT", default=5)
COMMENTS_RATE_WINDOW_SECONDS = env.int("COMMENTS_RATE_WINDOW_SECONDS", default=600)
# Order statuses that make a commenter a "verified buyer" (see content/selectors.py).
COMMENTS_BUYER_ORDER_STATUSES = env.list("COMMENTS_BUYER_ORDER_STATUSES", default=["Paid"])
from content.dashboard import DASHBOARD_MENU as _ARTICLES_MENU  # noqa: E402  (no models imported)

OSCAR_DASHBOARD_NAVIGATION = [*OSCAR_DASHBOARD_NAVIGATION, _ARTICLES_MENU]  # noqa: F405

# --- Search: the catalogue reads the database (see shop/search) -----------------
# Oscar's search app still imports Haystack; the simple engine keeps it idle.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- I18N / time ---------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # WhiteNoise's hashed, gzipped files, the shop's own CSS/JS minified first.
            else "shop.static_assets.MinifiedCompressedManifestStaticFilesStorage"
        )
    },
}
THUMBNAIL_DEBUG = False
THUMBNAIL_PRESERVE_FORMAT = True
# sorl-thumbnail's index of made thumbnails: each process's memory in front of the
# shared cache and the database table (shop/storefront/thumbnail_index.py).
CACHES["thumbnails"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "thumbnails", "OPTIONS": {"MAX_ENTRIES": 20000}}
THUMBNAIL_KVSTORE = "shop.storefront.thumbnail_index.KVStore"
# The worker makes an uploaded product picture's thumbnails for every layout
# (shop.storefront.tasks), so no shopper waits seconds for them. Off in the test settings:
# every test that commits the catalogue would spend ~8 s on it.
SHOP_THUMBNAILS_IN_BACKGROUND = True
# Speed (issue 7): drawn product pictures as lossless WebP (shop/storefront/thumbnail_engine.py).
THUMBNAIL_ENGINE = "shop.storefront.thumbnail_engine.Engine"

# --- Production (issue 6): what shop.settings.production demands, and its options ------
# Read here like every other variable; shop/settings/production.py stops start-up
# naming any of these that is missing (DEBUG=1 and the test settings need none).
PRODUCTION_REQUIRED = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL")
PRODUCTION_MISSING = [name for name in PRODUCTION_REQUIRED if not env.str(name, default="")]
PRODUCTION_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
PRODUCTION_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
# Optional error reporting: Sentry is enabled only when its DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
# Product and article images: local disk (MEDIA_ROOT) unless a bucket is named.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
MEDIA_S3_ENDPOINT_URL = env.str("MEDIA_S3_ENDPOINT_URL", default="")  # S3-compatible services
MEDIA_S3_REGION = env.str("MEDIA_S3_REGION", default="")
MEDIA_S3_CUSTOM_DOMAIN = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="")  # a CDN in front of the bucket
# With media on local disk, the web process serves /media/ itself (see shop/urls.py).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not MEDIA_S3_BUCKET)
# Headers on every page (shop/security.py adds Stripe's origins from the settings above).
# Styles may be inline: Oscar's templates use style attributes; script may not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([f"https://{MEDIA_S3_CUSTOM_DOMAIN}"] if MEDIA_S3_CUSTOM_DOMAIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
CSP_INLINE_SCRIPT_PATHS = ["/dashboard/"]
if MEDIA_S3_BUCKET:
    # Several web machines share one bucket (django-storages; install the `s3` extra).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
        "region_name": MEDIA_S3_REGION or None,
        "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
        "default_acl": None,
        "querystring_auth": False,  # product images are public; their URLs are cacheable
        "file_overwrite": False,
    }}
PERMISSIONS_POLICY = {
    "camera": [], "microphone": [], "geolocation": [], "usb": [], "magnetometer": [], "gyroscope": [],
    "accelerometer": [],
    "payment": ["self", '"https://js.stripe.com"'],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# --- end production ---

# --- Logging -------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "sorl.thumbnail": {"level": "WARNING"},
    },
}

# --- Onboarding emails (shop/onboarding) and Oscar's emails through Celery ------------
# The "start slowly" sequence after a paid order: (step code, days after payment).
# Day 0 goes out ONBOARDING_FIRST_DELAY_MINUTES after payment, the others at
# ONBOARDING_SEND_TIME in the shop's TIME_ZONE (evenings suit "before bed").
ONBOARDING_STEPS = [
    ("welcome", 0),
    ("start_slowly", 2),
    ("positions", 5),
    ("build_up", 10),
    ("routine", 21),
]
ONBOARDING_SEND_TIME = env.str("ONBOARDING_SEND_TIME", default="19:00")
ONBOARDING_FIRST_DELAY_MINUTES = env.int("ONBOARDING_FIRST_DELAY_MINUTES", default=10)
# Its own sender, apart from order receipts (DEFAULT_FROM_EMAIL).
ONBOARDING_FROM_EMAIL = env.str("ONBOARDING_FROM_EMAIL", default="hello@stillpoint.localhost")
# Absolute links in emails (unsubscribe, article); empty: https://<Site domain>.
SHOP_BASE_URL = env.str("SHOP_BASE_URL", default="")
ONBOARDING_ARTICLE_PATH = "/articles/benefits-of-acupressure-mats-for-back-pain/"
ONBOARDING_UNSUBSCRIBE_MAX_AGE_DAYS = 365
# Sending: tries per email (then "failed"), first retry delay (doubles each try), and
# the lease a claimed or dispatched row holds before another worker may take it over.
# 10 tries at 1, 2, 4 … 256 minutes apart ride out about 8.5 hours of mail-server outage.
EMAIL_SEND_MAX_ATTEMPTS = env.int("EMAIL_SEND_MAX_ATTEMPTS", default=10)
EMAIL_RETRY_BASE_SECONDS = env.int("EMAIL_RETRY_BASE_SECONDS", default=60)
EMAIL_SEND_LEASE_SECONDS = env.int("EMAIL_SEND_LEASE_SECONDS", default=300)
EMAIL_DISPATCH_EVERY_SECONDS = env.float("EMAIL_DISPATCH_EVERY_SECONDS", default=60.0)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # SMTP timeout, well under the lease
CELERY_BEAT_SCHEDULE["onboarding-dispatch-due"] = {
    "task": "shop.onboarding.tasks.onboarding_dispatch_due",
    "schedule": EMAIL_DISPATCH_EVERY_SECONDS,
}
CELERY_BEAT_SCHEDULE["communication-dispatch-due"] = {
    "task": "shop.communication.tasks.queued_email_dispatch_due",
    "schedule": EMAIL_DISPATCH_EVERY_SECONDS,
}
OSCAR_DASHBOARD_NAVIGATION = [
    {**section, "children": [*section["children"], {
        "label": "Failed onboarding emails",
        "url_name": "onboarding_dashboard:onboarding-failed-list",
    }]} if any(c.get("url_name") == "dashboard:order-list" for c in section.get("children", [])) else section
    for section in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405  from oscar.defaults
]

# --- Speed: whole anonymous pages from the cache (shop/storefront/page_cache.py) ------
SHOP_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # 0: off
CSRF_FAILURE_VIEW = "shop.storefront.views.csrf_failure"
# --- end speed ---
