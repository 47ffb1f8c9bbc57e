"""The "Verified buyer" badge, the page's query count with many comments, and its cache."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.selectors import comment_is_from_buyer, emails_with_paid_orders
from shop.signals import order_paid
from tests.content.conftest import paid_order, stored_comment

pytestmark = pytest.mark.django_db


def _comment_html(page, comment):
    return page.split(f'id="c{comment.pk}"')[1].split("</article>")[0]


def test_the_badge_shows_only_for_buyers_with_a_paid_order(client, article):
    guest_buyer = stored_comment(article, email="Guest@Example.com")
    account_buyer = stored_comment(article, email="member@example.com")
    pending = stored_comment(article, email="pending@example.com")
    reader = stored_comment(article, email="reader@example.com")
    paid_order(email="guest@example.com")
    user = get_user_model().objects.create_user(username="m", email="Member@example.com", password="x" * 12)
    paid_order(user=user)
    paid_order(email="pending@example.com", status="Pending payment")

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Verified buyer" in _comment_html(page, guest_buyer)
    assert "Verified buyer" in _comment_html(page, account_buyer)
    assert "Verified buyer" not in _comment_html(page, pending)
    assert "Verified buyer" not in _comment_html(page, reader)
    assert page.count("Verified buyer") == 2
    # Nothing about the order itself is on the page.
    assert "500001" not in page and "39.00" not in page.split('id="comments"')[1]


def test_the_paid_statuses_come_from_one_setting(article, settings):
    comment = stored_comment(article, email="shipped@example.com")
    paid_order(email="shipped@example.com", status="Shipped")
    assert comment_is_from_buyer(comment=comment) is False
    settings.COMMENTS_BUYER_ORDER_STATUSES = ["Paid", "Shipped"]
    assert comment_is_from_buyer(comment=comment) is True
    assert emails_with_paid_orders(emails=["SHIPPED@example.com", "nobody@example.com"]) == {"shipped@example.com"}


def test_a_payment_shows_the_badge_on_the_cached_page(client, article):
    comment = stored_comment(article, email="later@example.com")
    assert "Verified buyer" not in _comment_html(client.get(article.get_absolute_url()).content.decode(), comment)
    order = paid_order(email="later@example.com")
    order_paid.send(sender=None, order=order)
    assert "Verified buyer" in _comment_html(client.get(article.get_absolute_url()).content.decode(), comment)


def _page_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _add_comments(article, n, start=0):
    for i in range(start, start + n):
        parent = stored_comment(article, email=f"reader{i}@example.com", text=f"Comment number {i}")
        if i % 3 == 0:
            stored_comment(article, email=f"replier{i}@example.com", text=f"Reply {i}", reply_to=parent)
    for i in range(start, start + n, 7):
        paid_order(email=f"reader{i}@example.com")


def test_the_page_query_count_is_the_same_with_5_and_500_comments(client, article):
    url = article.get_absolute_url()
    client.get(url)  # session and basket cookies, as a returning reader has
    _add_comments(article, 5)
    with_5, page = _page_queries(client, url)
    assert "7 comments" in page
    _add_comments(article, 495, start=5)
    with_500, page = _page_queries(client, url)
    assert "667 comments" in page  # 500 comments and 167 replies
    assert "Page 1 of 25" in page
    assert with_500 == with_5
    # Cached: a second view does not read the comments again.
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached) < with_500
    print(f"article page queries: {with_5} (5 comments), {with_500} (500), {len(cached)} (cached)")


def test_the_cache_is_refreshed_when_a_comment_is_published_or_the_article_edited(client, article):
    url = article.get_absolute_url()
    held = stored_comment(article, email="held@example.com", text="Waiting for approval", public=False)
    assert "Waiting for approval" not in client.get(url).content.decode()
    held.is_public = True
    held.save()
    assert "Waiting for approval" in client.get(url).content.decode()
    article.body += "\n\n## A new closing section\n"
    article.save()
    assert 'id="a-new-closing-section"' in client.get(url).content.decode()


def test_comment_pages(client, article, settings):
    settings.COMMENTS_PER_PAGE = 2
    for i in range(5):
        stored_comment(article, email=f"r{i}@example.com", text=f"Comment number {i}")
    url = article.get_absolute_url()
    first = client.get(url).content.decode()
    assert "Comment number 0" in first and "Comment number 2" not in first
    last = client.get(url + "?comments=3").content.decode()
    assert "Comment number 4" in last and "Comment number 0" not in last
    assert client.get(url + "?comments=nonsense").status_code == 200
