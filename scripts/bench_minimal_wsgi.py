"""The yardstick for scripts/bench_pages.py: one bare Django view, served by the same gunicorn."""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-minimal-view",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def minimal(request):
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [path("", minimal)]
application = get_wsgi_application()
