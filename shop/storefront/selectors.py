"""What the home page and the shared navigation show, read in few queries."""

from oscar.core.loading import get_model

from shop.search.selectors import product_listing

Category = get_model("catalogue", "Category")

MATS_CATEGORY = "mats"
PILLOWS_CATEGORY = "pillows"
BUNDLES_CATEGORY = "bundles"


def navigation_categories():
    """Top-level public categories for the header menu."""
    return list(Category.get_root_nodes().filter(is_public=True).order_by("path"))


def home_sections() -> dict:
    """Products for the home page: best-selling mats, the pillow attachment, bundles."""
    by_slug = {c.slug: c for c in Category.objects.filter(depth=1, is_public=True)}
    sections = {}
    for key, slug, limit in (
        ("mats", MATS_CATEGORY, 4),
        ("pillows", PILLOWS_CATEGORY, 2),
        ("bundles", BUNDLES_CATEGORY, 2),
    ):
        category = by_slug.get(slug)
        sections[key] = list(product_listing(category=category)[:limit]) if category else []
        sections[f"{key}_category"] = category
    return sections
