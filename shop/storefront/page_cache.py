"""Whole anonymous pages from the Django cache, answered before any other middleware runs.

A page is shared only between requests that cannot see anything personal: a GET with
no session, basket, messages or CSRF cookie. Such a request's page is stored only when
its view set no cookie, and it is rendered without a CSRF token (static/js/form-token.js
adds one when a form is sent), so the stored HTML holds nothing of anyone.

The middleware is the outermost one, so a hit skips the security, CSP and WhiteNoise
work: a page is stored with the headers those added, which are the same for every copy
(no per-response nonces, shop/security.py). It is stored gzipped (safe: a shared page
carries no secret for BREACH to find) and sent as is to every browser that accepts gzip.

Each entry records two version tokens: the shop's (bumped when a product, its stock or
price, a category, a picture or an offer changes) and the article pages' own
(content/page_cache.py: edits, comments, paid orders). A hit needs both to be current,
read in the same round trip as the entry, so a change makes every stored page stale at
once; entries also expire after PAGE_CACHE_SECONDS, so offers that start or end with
the clock show up within that time.
"""

import gzip
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from content.page_cache import VERSION_KEY as ARTICLE_VERSION_KEY
from content.page_cache import article_pages_version
from shop.cache_versions import version_token, version_token_renew

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
    return version_token(VERSION_KEY)


def storefront_pages_invalidate(**kwargs) -> None:
    """Every stored page (and cached menu, offers, range answers) is stale."""
    version_token_renew(VERSION_KEY)


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


def _may_be_shared(request) -> bool:
    return (
        settings.SHOP_PAGE_CACHE_SECONDS > 0
        and request_is_anonymous_get(request)
        # Static files and pictures are WhiteNoise's and the web server's.
        and not request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        # Plain HTTP gets SecurityMiddleware's redirect, not a page.
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    )


def _page_key(request) -> str:
    # The scheme too: SecurityMiddleware's HSTS header is only on pages stored over HTTPS.
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"storefront:page:{address}"


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


def _entry(versions: tuple, response) -> tuple:
    """What is stored: (versions, status, headers, gzipped body). mtime=0 keeps copies identical."""
    patch_vary_headers(response, ("Accept-Encoding",))
    headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
    return versions, response.status_code, headers, gzip.compress(response.content, mtime=0)


def _response(entry: tuple, request, *, hit: bool) -> HttpResponse:
    _versions, status, headers, body = entry
    gzipped = bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))
    content = body if gzipped else gzip.decompress(body)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(content))
    response[HIT_HEADER] = "hit" if hit else "miss"
    return response


class AnonymousPageCacheMiddleware:
    """First in MIDDLEWARE: a hit costs one cache round trip and no SQL at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_shared(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, ARTICLE_VERSION_KEY, key])
        versions = (found.get(VERSION_KEY), found.get(ARTICLE_VERSION_KEY))
        entry = found.get(key)
        if entry is not None and None not in versions and entry[0] == versions:
            return _response(entry, request, hit=True)
        if not _is_shared_view(request):
            return self.get_response(request)
        if None in versions:
            versions = (storefront_pages_version(), article_pages_version())
        setattr(request, SHARED_FLAG, True)
        response = self.get_response(request)
        if not _is_storable(request, response):
            return response
        entry = _entry(versions, response)
        cache.set(key, entry, settings.SHOP_PAGE_CACHE_SECONDS)
        return _response(entry, request, hit=False)


def page_is_shared(request) -> bool:
    """For templates: the page may be shown to other anonymous shoppers (no CSRF token in it)."""
    return getattr(request, SHARED_FLAG, False)
