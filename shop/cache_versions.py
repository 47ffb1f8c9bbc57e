"""Version tokens: one cache value whose renewal makes a whole family of cached entries stale at once.

Entries carry the token in their keys (or record it), so nobody has to know their keys
to invalidate them. Used by the storefront's page cache, offers and menu
(shop/storefront/page_cache.py) and the article's cached parts (content/page_cache.py).
"""

import uuid

from django.core.cache import cache
from django.db import transaction


def version_token(key: str) -> str:
    """The current token under `key`, made by whichever process asks first."""
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(key, token, timeout=None)
        token = cache.get(key, token)  # another process's, if it added first
    return token


def version_token_renew(key: str) -> None:
    """Every entry made under the old token is stale; again after commit, as a request may
    have stored one meanwhile from what it read before the commit."""
    cache.set(key, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout=None))
