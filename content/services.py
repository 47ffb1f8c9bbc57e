"""Writes for the article app: loading the owner's article, posting and moderating comments."""

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd import signed
from django_comments_xtd.models import TmpXtdComment, XtdComment
from oscar.core.loading import get_model

from content import notifications, selectors
from content.article_body import front_matter_split
from content.models import Article, ArticleProduct

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
OWNER_ARTICLE = ARTICLES_DIR / "benefits-of-acupressure-mats-for-back-pain.md"
OWNER_ARTICLE_AUTHOR = "The Stillpoint team"
# The summary and search description are the owner's own closing sentence of the introduction.
OWNER_ARTICLE_SUMMARY = (
    "In this article, we’ll explore the benefits of acupressure mats for back pain, how they work, "
    "and why they may be the home remedy you’ve been searching for."
)
# Where the live product cards sit in the owner's article: (heading anchor, product UPC).
OWNER_ARTICLE_CARDS = [
    ("top-benefits-of-acupressure-mats-for-back-pain", "MAT-CLASSIC"),
    ("find-the-right-position", "PILLOW-NECK"),
]

STATUS_CONFIRMATION_SENT = "confirmation_sent"
STATUS_PUBLISHED = "published"
STATUS_HELD = "held"


@dataclass
class CommentOutcome:
    status: str
    comment: XtdComment | None = None
    hold_reason: str | None = None


# --- The owner's article -------------------------------------------------------------


@transaction.atomic
def article_setup() -> list[str]:
    """Create the owner's article (and its product cards) if missing; never change an existing one."""
    meta, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    if Article.objects.filter(slug=meta["slug"]).exists():
        return []
    chrome = meta.get("page_chrome", {})
    article = Article.objects.create(
        title=meta["title"],
        slug=meta["slug"],
        summary=OWNER_ARTICLE_SUMMARY,
        body=body,
        author_name=OWNER_ARTICLE_AUTHOR,
        author_link_text=chrome.get("author_link_text", ""),
        call_to_action_text=chrome.get("call_to_action", ""),
        comments_heading=chrome.get("comments_heading", "Leave a comment"),
        seo_description=OWNER_ARTICLE_SUMMARY[:160],
        published_at=timezone.now(),
    )
    created = [f"article: {article.title}"]
    for order, (anchor, upc) in enumerate(OWNER_ARTICLE_CARDS):
        product = Product.objects.filter(upc=upc).first()
        if product is None:
            logger.warning("Article card skipped: no product with UPC %s", upc)
            continue
        ArticleProduct.objects.create(article=article, product=product, after_heading=anchor, display_order=order)
        created.append(f"article card: {upc} after #{anchor}")
    return created


# --- Posting and confirming comments ---------------------------------------------------


# Comment emails are queued in the same transaction as the comment (content/notifications.py)
# and sent by a Celery worker after commit: none is lost when the broker or mail server is down.
@transaction.atomic
def comment_post(*, article: Article, form, user, ip_address: str | None, base_url: str) -> CommentOutcome:
    """A validated comment: signed-in readers' is stored now, others get a confirmation email.

    Until the emailed link is followed nothing is stored: the comment travels inside the
    signed link (django-comments-xtd's design), so unconfirmed spam never reaches the database.
    """
    tmp_comment = form.get_comment_object(site_id=settings.SITE_ID)
    tmp_comment.ip_address = ip_address
    if user.is_authenticated:
        tmp_comment.user = user
        return _comment_store(tmp_comment=tmp_comment, base_url=base_url)
    key = signed.dumps(tmp_comment, compress=True, extra_key=settings.COMMENTS_XTD_SALT).decode()
    notifications.comment_confirmation_email_send(key=key, base_url=base_url)
    return CommentOutcome(status=STATUS_CONFIRMATION_SENT)


@transaction.atomic
def comment_confirm(*, key: str, base_url: str) -> CommentOutcome:
    """Store the comment inside a confirmation link; following the link twice stores it once."""
    tmp_comment = selectors.comment_from_link(key=key)
    existing = XtdComment.norel_objects.filter(
        user_email=tmp_comment.user_email,
        submit_date=tmp_comment.submit_date,
        content_type=tmp_comment.content_type,
        object_pk=tmp_comment.object_pk,
    ).first()
    if existing is not None:
        return CommentOutcome(status=STATUS_PUBLISHED if existing.is_public else STATUS_HELD, comment=existing)
    return _comment_store(tmp_comment=tmp_comment, base_url=base_url)


def _comment_store(*, tmp_comment: TmpXtdComment, base_url: str) -> CommentOutcome:
    hold_reason = selectors.comment_hold_reason(email=tmp_comment.user_email, text=tmp_comment.comment)
    tmp_comment.is_public = hold_reason is None
    fields = {k: v for k, v in tmp_comment.items() if k not in ("content_object", "xtd_comment")}
    comment = XtdComment(**fields)
    comment.save()
    if comment.is_public:
        notifications.comment_email_followers(comment=comment, base_url=base_url)
        return CommentOutcome(status=STATUS_PUBLISHED, comment=comment)
    _moderators_notify(comment=comment, base_url=base_url)
    return CommentOutcome(status=STATUS_HELD, comment=comment, hold_reason=hold_reason)


def _moderators_notify(*, comment: XtdComment, base_url: str) -> None:
    if not notifications.held_comment_email_moderators(comment=comment, base_url=base_url):
        logger.warning("Comment %s waits for moderation but no staff member has an email address", comment.pk)


# --- Moderation --------------------------------------------------------------------------


@transaction.atomic
def comment_approve(*, comment: XtdComment, moderator, base_url: str) -> None:
    was_public = comment.is_public and not comment.is_removed
    comment.is_public, comment.is_removed = True, False
    comment.save(update_fields=["is_public", "is_removed"])
    CommentFlag.objects.get_or_create(comment=comment, user=moderator, flag=CommentFlag.MODERATOR_APPROVAL)
    if not was_public:
        notifications.comment_email_followers(comment=comment, base_url=base_url)


@transaction.atomic
def comment_reject(*, comment: XtdComment, moderator) -> None:
    """Hide a comment (held or published) for good; the row stays for the record."""
    comment.is_public, comment.is_removed = False, True
    comment.save(update_fields=["is_public", "is_removed"])
    CommentFlag.objects.get_or_create(comment=comment, user=moderator, flag=CommentFlag.MODERATOR_DELETION)


@transaction.atomic
def comment_mark_spam(*, comment: XtdComment, moderator) -> None:
    """Reject as spam: the sender's later comments are then always held."""
    comment_reject(comment=comment, moderator=moderator)
    CommentFlag.objects.get_or_create(comment=comment, user=moderator, flag=selectors.SPAM_FLAG)

