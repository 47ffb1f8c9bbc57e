"""Fixtures for the article app: the owner's article on the seeded catalogue, comment helpers."""

import re
import time
from decimal import Decimal
from itertools import count

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from oscar.core.loading import get_model

from content.forms import ArticleCommentForm
from content.models import Article

Order = get_model("order", "Order")

ARTICLE_SLUG = "benefits-of-acupressure-mats-for-back-pain"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/comments/confirm/[^/\s]+/)")
_order_numbers = count(500001)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and cached pages must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(catalogue):
    from content.services import article_setup

    article_setup()
    return Article.objects.get(slug=ARTICLE_SLUG)


@pytest.fixture
def article_url(article):
    return article.get_absolute_url()


def comment_data(article, *, seconds_ago=60, **fields) -> dict:
    """A comment form post as the page would send it, opened `seconds_ago`."""
    timestamp = int(time.time()) - seconds_ago
    data = {
        "content_type": "content.article",
        "object_pk": str(article.pk),
        "timestamp": str(timestamp),
        "security_hash": ArticleCommentForm(article).initial_security_hash(timestamp),
        "reply_to": "0",
        "name": "Ana Reader",
        "email": "ana@example.com",
        "comment": "Twenty minutes a day helped my lower back.",
        "honeypot": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def post_comment(client, django_capture_on_commit_callbacks):
    """POST a comment (running what is queued after commit, as a real request would)."""

    def post(article, *, client=client, ip="203.0.113.7", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{article.get_absolute_url()}comments/", comment_data(article, **fields), REMOTE_ADDR=ip
            )

    return post


@pytest.fixture
def confirm_from_email(client, django_capture_on_commit_callbacks):
    """Follow the confirmation link of the last email sent; returns the response."""

    def confirm(*, client=client):
        path = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(path, follow=True)

    return confirm


def stored_comment(article, *, email, text="A kind word.", public=True, reply_to=None, **extra) -> XtdComment:
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(Article),
        object_pk=str(article.pk),
        site_id=1,
        user_name=extra.pop("name", email.split("@")[0]),
        user_email=email,
        comment=text,
        submit_date=timezone.now(),
        is_public=public,
        parent_id=reply_to.pk if reply_to else 0,
        **extra,
    )
    comment.save()
    return comment


def paid_order(*, email="", user=None, status="Paid") -> object:
    return Order.objects.create(
        number=str(next(_order_numbers)),
        site_id=1,
        guest_email=email,
        user=user,
        status=status,
        currency="USD",
        total_incl_tax=Decimal("39.00"),
        total_excl_tax=Decimal("39.00"),
        date_placed=timezone.now(),
    )
