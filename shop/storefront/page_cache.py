"""Whole anonymous pages from the Django cache, answered before sessions, CSRF and the basket run.

A page is shared only between requests that cannot see anything personal: a GET with
no session, basket, messages or CSRF cookie. Such a request's page is stored only when
its view set no cookie, and it is rendered without a CSRF token (static/js/form-token.js
adds one when a form is sent), so the stored HTML holds nothing of anyone.

Every key carries two version tokens: the shop's (bumped when a product, its stock or
price, a category, a picture or an offer changes) and the article pages' own
(content/page_cache.py: edits, comments, paid orders). Changing either makes every
stored page stale at once; entries also expire after PAGE_CACHE_SECONDS, so offers
that start or end with the clock show up within that time.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from content.page_cache import VERSION_KEY as ARTICLE_VERSION_KEY
from content.page_cache import article_pages_version

VERSION_KEY = "storefront:pages:version"
# The pages worth sharing: what an anonymous shopper browses.
SHARED_VIEWS = {
    "home-page",
    "catalogue:index",
    "catalogue:category",
    "catalogue:detail",
    "content:article-detail",
}
# The request attribute that tells templates (and this middleware) a page may be shared.
SHARED_FLAG = "storefront_shared_page"
HIT_HEADER = "X-Page-Cache"


def storefront_pages_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def storefront_pages_invalidate(**kwargs) -> None:
    """Every stored page is stale; again after commit, as a request may have re-stored one meanwhile."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def _personal_cookies() -> tuple:
    return (
        settings.SESSION_COOKIE_NAME,
        settings.OSCAR_BASKET_COOKIE_OPEN,
        CookieStorage.cookie_name,
        # Without JavaScript a form needs the token in the page: a shopper who has the
        # cookie (given by the "form expired" page) gets freshly rendered pages.
        settings.CSRF_COOKIE_NAME,
    )


def request_is_anonymous_get(request) -> bool:
    cookies = request.COOKIES
    return request.method == "GET" and not any(name in cookies for name in _personal_cookies())


def _page_key(request) -> str | None:
    versions = cache.get_many([VERSION_KEY, ARTICLE_VERSION_KEY])
    if len(versions) < 2:
        versions = {VERSION_KEY: storefront_pages_version(), ARTICLE_VERSION_KEY: article_pages_version()}
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"storefront:page:{versions[VERSION_KEY]}:{versions[ARTICLE_VERSION_KEY]}:{address}"


def _is_shared_view(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in SHARED_VIEWS


def _is_storable(request, response) -> bool:
    return (
        getattr(request, SHARED_FLAG, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Near the top of MIDDLEWARE: a hit costs two cache reads and no SQL at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SHOP_PAGE_CACHE_SECONDS <= 0 or not request_is_anonymous_get(request):
            return self.get_response(request)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        if not _is_shared_view(request):
            return self.get_response(request)
        setattr(request, SHARED_FLAG, True)
        response = self.get_response(request)
        if _is_storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            cache.set(key, (response.status_code, headers, response.content), settings.SHOP_PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response


def page_is_shared(request) -> bool:
    """For templates: the page may be shown to other anonymous shoppers (no CSRF token in it)."""
    return getattr(request, SHARED_FLAG, False)
