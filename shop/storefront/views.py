"""Home page and the shop's own error pages."""

from django.shortcuts import render

from .selectors import home_sections


def home(request):
    return render(request, "storefront/home.html", home_sections())


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors' database work: the database may be the problem.
    return render(request, "500.html", status=500)
