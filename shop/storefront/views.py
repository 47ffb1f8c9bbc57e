"""Home page and the shop's own error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .selectors import home_sections


def home(request):
    return render(request, "storefront/home.html", home_sections())


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: context processors may need the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
