"""Reads for the article pages: articles, their public comments, buyers, moderation rules."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django_comments.models import CommentFlag
from django_comments_xtd import signed
from django_comments_xtd.models import TmpXtdComment, XtdComment
from oscar.core.loading import get_model

from content.comment_text import comment_link_count
from content.models import Article
from shop.search.selectors import product_listing

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")

SPAM_FLAG = "marked as spam"

# Why a comment waits for a moderator (None: it is published at once).
HOLD_FIRST_COMMENT = "first_comment"
HOLD_TOO_MANY_LINKS = "too_many_links"
HOLD_SPAM_HISTORY = "spam_history"


class CommentLinkInvalid(Exception):
    """A confirmation link that was altered, truncated or signed with another key."""


@dataclass
class CommentThread:
    comment: XtdComment
    is_buyer: bool
    replies: list["CommentThread"] = field(default_factory=list)


@dataclass
class CommentPage:
    count: int
    threads: list[CommentThread]
    page: Page


def article_list() -> QuerySet:
    return Article.objects.published()


def article_comments_public(*, article: Article) -> QuerySet:
    return XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_pk=str(article.pk),
        site_id=settings.SITE_ID,
        is_public=True,
        is_removed=False,
    )


def article_comment_page(*, article: Article, page_number) -> CommentPage:
    """One page of top-level comments with their replies, in a fixed number of queries."""
    comments = article_comments_public(article=article).defer("user_url", "ip_address")
    threads = comments.filter(level=0).order_by("thread_id")
    page = Paginator(threads, settings.COMMENTS_PER_PAGE).get_page(page_number)
    top_level = list(page.object_list)
    replies = list(
        comments.filter(thread_id__in=[c.thread_id for c in top_level], level__gt=0).order_by("thread_id", "order")
    )
    buyers = emails_with_paid_orders(emails={c.user_email for c in top_level + replies})
    by_thread = {c.thread_id: CommentThread(comment=c, is_buyer=c.user_email.lower() in buyers) for c in top_level}
    for reply in replies:
        by_thread[reply.thread_id].replies.append(
            CommentThread(comment=reply, is_buyer=reply.user_email.lower() in buyers)
        )
    return CommentPage(count=comments.count(), threads=list(by_thread.values()), page=page)


def comments_awaiting_moderation(*, article: Article, comment_ids: Iterable[int]) -> list[XtdComment]:
    """The held comments among `comment_ids` (the ones this reader wrote), for their author only."""
    ids = list(comment_ids)
    if not ids:
        return []
    return list(
        XtdComment.norel_objects.filter(
            pk__in=ids,
            content_type=ContentType.objects.get_for_model(Article),
            object_pk=str(article.pk),
            is_public=False,
            is_removed=False,
        ).order_by("submit_date")
    )


def emails_with_paid_orders(*, emails: Iterable[str]) -> set[str]:
    """Which of these email addresses (lower-cased) placed an order that was paid.

    "Paid" is the order statuses in settings.COMMENTS_BUYER_ORDER_STATUSES: the one
    place that says what makes a verified buyer. One query for any number of emails.
    """
    wanted = {email.lower() for email in emails if email}
    if not wanted:
        return set()
    rows = (
        Order.objects.filter(status__in=settings.COMMENTS_BUYER_ORDER_STATUSES)
        .annotate(guest=Lower("guest_email"), account=Lower("user__email"))
        .filter(Q(guest__in=wanted) | Q(account__in=wanted))
        .values_list("guest", "account")
    )
    return {email for pair in rows for email in pair if email in wanted}


def comment_is_from_buyer(*, comment: XtdComment) -> bool:
    return bool(emails_with_paid_orders(emails=[comment.user_email]))


def comment_hold_reason(*, email: str, text: str) -> str | None:
    """Why a new comment from `email` must wait for a moderator, or None to publish it."""
    if comment_link_count(text) > settings.COMMENTS_MAX_LINKS:
        return HOLD_TOO_MANY_LINKS
    if CommentFlag.objects.filter(flag=SPAM_FLAG, comment__user_email__iexact=email).exists():
        return HOLD_SPAM_HISTORY
    approved = XtdComment.norel_objects.filter(user_email__iexact=email, is_public=True, is_removed=False)
    if not approved.exists():
        return HOLD_FIRST_COMMENT
    return None


def article_products(*, article: Article) -> dict[int, Product]:
    """The live products behind an article's cards, keyed by id, prefetched as catalogue cards are."""
    ids = article.product_cards.values_list("product_id", flat=True)
    # The cards' add-to-basket forms ask each product whether it has options: Oscar's
    # Product.has_options reads these two annotations instead of a query per card.
    products = product_listing().filter(pk__in=ids).annotate(
        has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
    )
    return {product.pk: product for product in products}


def article_card_placements(*, article: Article) -> list[tuple[str, int]]:
    return list(article.product_cards.values_list("after_heading", "product_id"))


def comment_from_link(*, key: str) -> TmpXtdComment:
    """The not-yet-stored comment inside a signed confirmation link."""
    try:
        return signed.loads(key, extra_key=settings.COMMENTS_XTD_SALT)
    except Exception as error:  # bad signature, base64 or zlib data: all mean "not our link"
        raise CommentLinkInvalid(str(error)) from error
