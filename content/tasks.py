"""Celery tasks for comment emails: they take ids (or the signed link), re-read, and send."""

import logging
import smtplib

from celery import shared_task
from django_comments_xtd.models import XtdComment

from content import notifications

logger = logging.getLogger(__name__)

# Mail servers fail for a while and come back: retry those, not bugs.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
RETRY = {"autoretry_for": MAIL_ERRORS, "retry_backoff": 30, "retry_kwargs": {"max_retries": 6}}


@shared_task(**RETRY)
def comment_confirmation_send(*, key: str, base_url: str) -> None:
    notifications.comment_confirmation_email_send(key=key, base_url=base_url)


@shared_task(**RETRY)
def held_comment_notify_moderators(*, comment_id: int, base_url: str) -> None:
    comment = XtdComment.norel_objects.filter(pk=comment_id, is_public=False, is_removed=False).first()
    if comment is None:
        return  # already moderated, or gone
    if not notifications.held_comment_email_moderators(comment=comment, base_url=base_url):
        logger.warning("Comment %s waits for moderation but no staff member has an email address", comment_id)


@shared_task(**RETRY)
def comment_followers_notify(*, comment_id: int, base_url: str) -> None:
    comment = XtdComment.norel_objects.filter(pk=comment_id, is_public=True, is_removed=False).first()
    if comment is not None:
        notifications.comment_email_followers(comment=comment, base_url=base_url)
