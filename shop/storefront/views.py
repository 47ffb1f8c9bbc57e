"""Home page and the shop's own error pages."""

from django.http import HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from .selectors import home_sections


def home(request):
    return render(request, "storefront/home.html", home_sections())


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: context processors may need the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form sent without its token (a shared page, JavaScript off): send it again from a fresh page.

    get_token() gives the browser the CSRF cookie, and with that cookie the page cache
    renders the page afresh, token included, so the second try works.
    """
    get_token(request)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    return render(request, "403_csrf.html", {"back_url": back}, status=403)
