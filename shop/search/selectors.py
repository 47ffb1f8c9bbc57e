"""Product listings read straight from the database.

Every web machine sees the same catalogue because there is no per-machine search
index: browsing filters and paginates the product table, and search uses
PostgreSQL full-text search in production (a plain case-insensitive match on
SQLite, the embedded default). At a few hundred products this is faster than
keeping a separate index in step.
"""

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
# Best sellers first (priority), then by name; the id keeps pages stable.
LISTING_ORDER = ("-priority", "title", "pk")


def product_listing(*, category=None) -> QuerySet:
    """Public parent and standalone products, with what a product card shows prefetched."""
    public_children = Product.objects.public().prefetch_related("stockrecords")
    products = (
        Product.objects.browsable()
        .select_related("product_class")
        .prefetch_related(
            Prefetch("children", queryset=public_children, to_attr="_prefetched_public_children"),
            "stockrecords",
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
