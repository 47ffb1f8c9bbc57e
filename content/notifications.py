"""The emails around reader comments: confirm your comment, one waits for you, a new comment.

Each is queued as a `QueuedEmail` in the caller's transaction (shop.communication), so it is
stored with the comment or not at all, and a Celery worker sends it with retries, also
when the broker or the mail server was down at the time.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_comments_xtd import signed
from django_comments_xtd.models import XtdComment

from content.selectors import comment_from_link
from shop.communication.services import queued_email_create

ADMIN_COMMENTS = "admin:django_comments_xtd_xtdcomment"


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _queue(*, subject: str, message: str, recipient_list: list[str]) -> None:
    queued_email_create(
        message=EmailMessage(subject=subject, body=message, from_email=settings.COMMENTS_XTD_FROM_EMAIL, to=recipient_list)
    )


def comment_confirmation_email_send(*, key: str, base_url: str) -> None:
    comment = comment_from_link(key=key)
    context = {
        "comment": comment,
        "article": comment.content_object,
        "confirmation_url": _absolute(base_url, reverse("content:comment-confirm", kwargs={"key": key})),
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    _queue(
        subject=f"Please confirm your comment on “{comment.content_object}”",
        message=render_to_string("content/emails/comment_confirmation.txt", context),
        recipient_list=[comment.user_email],
    )


def held_comment_email_moderators(*, comment: XtdComment, base_url: str) -> int:
    """Tell every active staff member with an email address; returns how many were told."""
    recipients = list(
        get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if not recipients:
        return 0
    context = {
        "comment": comment,
        "article": comment.content_object,
        "review_url": _absolute(base_url, reverse(f"{ADMIN_COMMENTS}_change", args=[comment.pk])),
        "queue_url": _absolute(base_url, reverse(f"{ADMIN_COMMENTS}_changelist") + "?moderation=waiting"),
    }
    _queue(
        subject=f"A comment on “{comment.content_object}” is waiting for moderation",
        message=render_to_string("content/emails/held_comment.txt", context),
        recipient_list=recipients,
    )
    return len(recipients)


def comment_email_followers(*, comment: XtdComment, base_url: str) -> int:
    """Email the readers who asked to follow the article (not the author); returns how many."""
    followers = {}
    earlier = XtdComment.norel_objects.filter(
        content_type=comment.content_type, object_pk=comment.object_pk, is_public=True, is_removed=False, followup=True
    ).exclude(user_email__iexact=comment.user_email).order_by("submit_date")
    for earlier_comment in earlier:
        followers.setdefault(earlier_comment.user_email.lower(), earlier_comment)
    article = comment.content_object
    for email, their_comment in followers.items():
        key = signed.dumps(their_comment, compress=True, extra_key=settings.COMMENTS_XTD_SALT).decode()
        context = {
            "user_name": their_comment.user_name,
            "comment": comment,
            "article": article,
            "comment_url": _absolute(base_url, f"{article.get_absolute_url()}#c{comment.pk}"),
            "mute_url": _absolute(base_url, reverse("content:comment-mute", kwargs={"key": key})),
        }
        _queue(
            subject=f"New comment on “{article}”",
            message=render_to_string("content/emails/new_comment.txt", context),
            recipient_list=[email],
        )
    return len(followers)
