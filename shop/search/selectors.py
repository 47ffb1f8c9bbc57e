"""Product listings read straight from the database.

Every web machine sees the same catalogue because there is no per-machine search
index: browsing filters and paginates the product table, and search uses
PostgreSQL full-text search in production (a plain case-insensitive match on
SQLite, the embedded default). At a few hundred products this is faster than
keeping a separate index in step.
"""

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductQuerySet = get_class("catalogue.managers", "ProductQuerySet")
# Best sellers first (priority), then by name; the id keeps pages stable.
LISTING_ORDER = ("-priority", "title", "pk")


class ListingQuerySet(ProductQuerySet):
    """Loads the stock of the listed products and of their public variants in one query.

    Prefetching "stockrecords" on both would take two; the query budget (12 per page,
    signed in too) has no room for the second.
    """

    def _prefetch_related_objects(self):
        super()._prefetch_related_objects()
        products = list(self._result_cache)
        variants = [child for product in products for child in getattr(product, "_prefetched_public_children", ())]
        prefetch_related_objects(products + variants, "stockrecords")


def product_listing(*, category=None) -> QuerySet:
    """Public parent and standalone products, with what a product card shows prefetched."""
    products = (
        ListingQuerySet(Product).browsable()
        .select_related("product_class")
        .prefetch_related(
            Prefetch("children", queryset=Product.objects.public(), to_attr="_prefetched_public_children"),
            "images",
        )
        .order_by(*LISTING_ORDER)
    )
    if category is not None:
        categories = category.get_descendants_and_self()
        products = products.filter(categories__in=categories).distinct()
    return products


def product_search(*, query: str) -> QuerySet:
    """Products matching the shopper's words, best match first."""
    products = product_listing()
    query = query.strip()
    if not query:
        return products.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A") + SearchVector("description", weight="B")
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            products.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "title", "pk")
        )
    words = query.split()
    matches = Q()
    for word in words:
        matches &= Q(title__icontains=word) | Q(description__icontains=word)
    return products.filter(matches)
