"""sorl-thumbnail's index: process memory first, then the shared cache, then the database; never wrong."""

import re

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from sorl.thumbnail.default import kvstore
from sorl.thumbnail.models import KVStore as KVStoreRow

from shop.storefront.thumbnail_index import MEMORY_CACHE

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_url(catalogue, settings):
    settings.SHOP_PAGE_CACHE_SECONDS = 0  # render the page every time
    return Product.objects.get(upc="MAT-CLASSIC").get_absolute_url()


def render(url) -> tuple[list[str], int]:
    """The page's picture attributes (src, srcset) and its query count."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    pictures = re.findall(r'(?:src|srcset)="(/media/[^"]+)"', response.content.decode())
    assert pictures
    return pictures, len(queries)


def test_a_process_answers_from_memory_then_the_shared_cache_then_the_database(product_url):
    first, _ = render(product_url)
    warm, warm_queries = render(product_url)
    assert warm == first

    # A warm process asks neither Redis nor the database: the index emptied from both,
    # same pictures, no query more (no thumbnail looked up or made again).
    rows = KVStoreRow.objects.all()
    cache.delete_many(list(rows.values_list("key", flat=True)))
    rows.delete()
    from_memory, memory_queries = render(product_url)
    assert from_memory == first and memory_queries == warm_queries
    caches[MEMORY_CACHE].clear()
    render(product_url)  # the thumbnails' files exist: the index is written again
    warm, warm_queries = render(product_url)

    caches[MEMORY_CACHE].clear()  # a new process (after a deploy): the shared cache answers
    cold, cold_queries = render(product_url)
    assert cold == first and cold_queries == warm_queries

    caches[MEMORY_CACHE].clear()
    cache.clear()  # Redis lost its data: the database table answers, nothing is made again
    rebuilt, rebuilt_queries = render(product_url)
    assert rebuilt == first
    assert rebuilt_queries > warm_queries
    assert render(product_url)[1] == warm_queries  # and both tiers are filled again


def test_a_missing_entry_is_not_remembered_in_memory(catalogue):
    assert kvstore._get_raw("sorl-thumbnail||image||no-such-key") is None
    assert caches[MEMORY_CACHE].get("sorl-thumbnail||image||no-such-key") is None
