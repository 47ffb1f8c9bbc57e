"""Helpers for storefront tests: products of the seeded catalogue by UPC."""

import pytest
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


@pytest.fixture
def product_by_upc(catalogue):
    return lambda upc: Product.objects.get(upc=upc)


@pytest.fixture
def category_by_slug(catalogue):
    return lambda slug: Category.objects.get(slug=slug, depth=1)
