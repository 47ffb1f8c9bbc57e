"""The article page's cached parts (body, comments) and the one switch that invalidates them.

Every cache key carries a version token; changing the token (an article or card
edited, a comment published, changed or removed, an order paid, which can earn a
badge) makes every cached part stale at once without having to know its keys.
"""

from django.core.cache import cache

from content import selectors
from content.article_body import article_body_parts, article_body_render
from content.models import Article
from shop.cache_versions import version_token, version_token_renew

VERSION_KEY = "content:article-pages:version"
TIMEOUT = 60 * 60 * 24


def article_pages_version() -> str:
    return version_token(VERSION_KEY)


def article_pages_invalidate(**kwargs) -> None:
    """Every cached part is stale (now, and again after commit: shop.cache_versions)."""
    version_token_renew(VERSION_KEY)


def article_body_cached(*, article: Article) -> dict:
    """{"parts": [BodyPart…], "toc": [TocEntry…]} for the article, rendered once per version."""
    key = f"content:article-body:{article.pk}:{article.updated_at.timestamp()}:{article_pages_version()}"
    body = cache.get(key)
    if body is None:
        rendered = article_body_render(article.body)
        placements = selectors.article_card_placements(article=article)
        body = {"parts": article_body_parts(rendered.html, placements), "toc": rendered.toc}
        cache.set(key, body, TIMEOUT)
    return body


def article_comments_cached(*, article: Article, page_number, render) -> dict:
    """{"count": n, "html": …} for one page of comments; `render(comment_page)` draws it."""
    key = f"content:article-comments:{article.pk}:{page_number}:{article_pages_version()}"
    fragment = cache.get(key)
    if fragment is None:
        comment_page = selectors.article_comment_page(article=article, page_number=page_number)
        fragment = {"count": comment_page.count, "html": render(comment_page)}
        cache.set(key, fragment, TIMEOUT)
    return fragment
