"""SQL queries per storefront page: a small fixed number, whatever the catalogue's size.

Each page is rendered once to warm sorl-thumbnail's key-value store (its first render
writes thumbnails), then measured. Measured on SQLite with the seeded catalogue and an
empty basket: home 17, catalogue 9, category 10, mat page 13 (pillow page 10, a colour's
own URL 14, basket 4, search 9) queries; exactly the same after 200 more products.
With sorl's cache cold (its rows still in the database): home 21, mat page 26.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

# What was measured: a page that needs one more query must say so here.
MAX_QUERIES = {"home": 17, "catalogue": 9, "category": 10, "mat": 13}


def add_products(count: int) -> None:
    """Standalone mats with stock, no images: cheap, but listed on every page measured."""
    mats = Category.objects.get(slug="mats", depth=1)
    product_class = ProductClass.objects.get(slug="acupressure-mat")
    partner = Partner.objects.get()
    products = Product.objects.bulk_create(
        Product(upc=f"EXTRA-{n}", title=f"Extra mat {n:03d}", slug=f"extra-mat-{n}",
                structure=Product.STANDALONE, product_class=product_class, is_public=True, priority=45)
        for n in range(count)
    )
    StockRecord.objects.bulk_create(
        StockRecord(product=p, partner=partner, partner_sku=p.upc, price=Decimal("29.00"),
                    price_currency="USD", num_in_stock=5)
        for p in products
    )
    ProductCategory.objects.bulk_create(ProductCategory(product=p, category=mats) for p in products)


def queries_for(client, url) -> int:
    client.get(url)  # warm the thumbnail store
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def page_urls():
    return {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "category": Category.objects.get(slug="mats", depth=1).get_absolute_url(),
        "mat": Product.objects.get(upc="MAT-CLASSIC").get_absolute_url(),
    }


def test_page_queries_are_few_and_do_not_grow_with_the_catalogue(client, catalogue):
    urls = page_urls()
    before = {page: queries_for(client, url) for page, url in urls.items()}
    for page, count in before.items():
        assert count <= MAX_QUERIES[page], f"{page}: {count} queries"

    add_products(200)
    after = {page: queries_for(client, url) for page, url in urls.items()}

    assert after == before
    # The new products are really on the pages measured.
    assert b"Extra mat 000" in client.get(urls["catalogue"]).content
    assert b"Extra mat 000" in client.get(urls["home"]).content


def test_product_page_queries_do_not_depend_on_number_of_colours(client, catalogue):
    """The Classic mat has 4 colours, the Full-Length 2: same page cost."""
    classic = Product.objects.get(upc="MAT-CLASSIC").get_absolute_url()
    full_length = Product.objects.get(upc="MAT-FULL").get_absolute_url()
    assert queries_for(client, classic) == queries_for(client, full_length)
