"""The checks a comment post must pass before anything is stored or emailed.

Each rejection carries what the reader is told and the HTTP status; nothing
rejected is kept. Counters live in the Django cache (Redis in production, so every
web process shares them).
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

SECURITY_FIELDS = ("timestamp", "security_hash", "content_type", "object_pk")


@dataclass
class Rejection:
    message: str
    status: int
    fresh_form: bool = False  # the posted form cannot be sent again as it is


def comment_post_rejection(*, form, ip_address: str | None) -> Rejection | None:
    """Why this post is refused, or None. Validates `form`; counts the post for rate limits."""
    form.is_valid()
    if "honeypot" in form.errors:
        return Rejection(
            "Your comment was not sent: a field that must stay empty was filled in, which is what "
            "spam robots do. If you are a person, please write your comment again.",
            400,
            fresh_form=True,
        )
    if any(name in form.errors for name in SECURITY_FIELDS):
        return Rejection(
            "This comment form has expired. Your text is below: please send it again.", 400, fresh_form=True
        )
    if form.errors:
        return Rejection("Your comment was not sent: please correct the fields marked below.", 400)
    if comment_posted_too_fast(form_timestamp=form.cleaned_data["timestamp"]):
        return Rejection(
            "Your comment was not sent because it came within a few seconds of opening the page, "
            "as spam robots do. Please read it over and send it again.",
            400,
        )
    if comment_rate_limited(ip_address=ip_address, email=form.cleaned_data["email"]):
        return Rejection(
            "You have sent several comments in a short time. Please wait a few minutes and send it again.",
            429,
        )
    return None


def comment_posted_too_fast(*, form_timestamp: int) -> bool:
    return time.time() - form_timestamp < settings.COMMENTS_MIN_FORM_SECONDS


def comment_rate_limited(*, ip_address: str | None, email: str) -> bool:
    """Count one post for this IP address and this email; True when either is over the limit."""
    window = settings.COMMENTS_RATE_WINDOW_SECONDS
    bucket = int(time.time() // window)
    over = False
    for who in (f"ip:{ip_address or 'unknown'}", f"email:{email.lower()}"):
        key = f"content:comment-rate:{who}:{bucket}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        over = over or count > settings.COMMENTS_RATE_LIMIT
    return over
