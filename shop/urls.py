"""URL routes: the shop's home page, Oscar's apps, the article app and admin."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from shop import health
from shop.storefront import views as storefront_views

urlpatterns = [
    path("", storefront_views.home, name="home-page"),
    # Search engines index the catalogue and the article, not baskets, checkout or accounts.
    path("robots.txt", TemplateView.as_view(template_name="storefront/robots.txt", content_type="text/plain"),
         name="robots-txt"),
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("payments/", include("shop.payments.urls")),
    # The article pages (articles/…) and reader comments (comments/…).
    path("", include("content.urls")),
    # --- onboarding emails: the unsubscribe link, staff pages in the dashboard ---
    path("onboarding/", include("shop.onboarding.urls")),
    path("dashboard/onboarding/", include(apps.get_app_config("onboarding_dashboard").urls[0:2])),
    # --- end onboarding ---
    path("", include(apps.get_app_config("oscar").urls[0])),
]

handler404 = "shop.storefront.views.page_not_found"
handler500 = "shop.storefront.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
elif settings.SERVE_MEDIA:
    # --- production media on local disk (issue 6): whitenoise serves only collected
    # static files, so the web process serves uploaded product images itself. One
    # machine only; several web machines use a bucket (MEDIA_S3_BUCKET) instead.
    from django.urls import re_path

    from shop.media import media_serve

    urlpatterns = [re_path(r"^media/(?P<path>.+)$", media_serve), *urlpatterns]
