"""Catalogue, category and search pages, reading the database (see selectors.py).

These replace Oscar's Haystack-based views; Oscar's catalogue app loads them by
name through get_class("search.views", ...).
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from .selectors import product_listing, product_search

Category = get_model("catalogue", "Category")

MAX_QUERY_LENGTH = 200


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if "page" not in request.GET:
                raise
            messages.error(request, _("That page number does not exist; here is the first page."))
            return redirect(request.path)


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get_queryset(self):
        return product_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if request.path != expected_path:
            # Categories are found by id, so a renamed category's old URL still works.
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return product_listing(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class FacetedSearchView(ProductListView):
    """Oscar's name for its search page, kept so its URL config finds this view."""

    template_name = "oscar/search/results.html"

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
        user_search.send(sender=self, session=request.session, user=request.user, query=self.query)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return product_search(query=self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        return context
