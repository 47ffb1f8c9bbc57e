"""Spam and abuse: each refused post gets a message and a 4xx, and nothing is stored or shown."""

import pytest
from django.core import mail
from django.test import Client
from django_comments_xtd.models import XtdComment
from freezegun import freeze_time

from tests.content.conftest import comment_data, stored_comment

pytestmark = pytest.mark.django_db

SPAM_TEXT = "Cheap pills, visit now"


def assert_refused(response, status, message):
    assert response.status_code == status
    page = response.content.decode()
    assert message in page
    assert XtdComment.objects.count() == 0
    assert mail.outbox == []
    # The refused text may sit in the form for correcting, but never as a published comment.
    assert SPAM_TEXT not in page.split('id="comment-list-title"')[1]


def test_a_filled_honeypot_is_refused(article, post_comment):
    response = post_comment(article, honeypot="http://spam.example", comment=SPAM_TEXT)
    assert_refused(response, 400, "a field that must stay empty was filled in")


def test_posting_within_seconds_of_opening_the_page_is_refused(article, post_comment):
    response = post_comment(article, seconds_ago=1, comment=SPAM_TEXT)
    assert_refused(response, 400, "came within a few seconds of opening the page")


def test_the_same_form_sent_again_a_little_later_is_accepted(
    client, article, settings, django_capture_on_commit_callbacks
):
    url = f"{article.get_absolute_url()}comments/"
    with freeze_time() as frozen, django_capture_on_commit_callbacks(execute=True):
        data = comment_data(article, seconds_ago=0)
        assert client.post(url, data).status_code == 400
        frozen.tick(settings.COMMENTS_MIN_FORM_SECONDS + 1)
        assert client.post(url, data).status_code == 302
    assert len(mail.outbox) == 1


def test_an_expired_or_forged_form_is_refused(article, post_comment):
    response = post_comment(article, seconds_ago=3 * 60 * 60, comment=SPAM_TEXT)
    assert_refused(response, 400, "This comment form has expired")
    response = post_comment(article, security_hash="0" * 40, comment=SPAM_TEXT)
    assert_refused(response, 400, "This comment form has expired")


def test_a_comment_over_the_maximum_length_is_refused(article, post_comment, settings):
    response = post_comment(article, comment=SPAM_TEXT + "x" * settings.COMMENT_MAX_LENGTH)
    assert_refused(response, 400, "Your comment was not sent: please correct the fields marked below.")
    assert f"at most {settings.COMMENT_MAX_LENGTH} characters" in response.content.decode()


def test_missing_email_is_refused_with_the_field_marked(article, post_comment):
    response = post_comment(article, email="", comment=SPAM_TEXT)
    assert_refused(response, 400, "This field is required.")


def test_too_many_posts_from_one_ip_address_are_refused(article, post_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 3
    for n in range(3):
        assert post_comment(article, email=f"reader{n}@example.com").status_code == 302
    mail.outbox.clear()
    response = post_comment(article, email="reader9@example.com", comment=SPAM_TEXT)
    assert_refused(response, 429, "You have sent several comments in a short time")
    # Another address on another IP is not affected; the window passes.
    assert post_comment(article, email="other@example.com", ip="198.51.100.2").status_code == 302


def test_too_many_posts_from_one_email_address_are_refused(article, post_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for n in range(2):
        assert post_comment(article, ip=f"198.51.100.{n}").status_code == 302
    mail.outbox.clear()
    response = post_comment(article, ip="198.51.100.77", comment=SPAM_TEXT)
    assert_refused(response, 429, "You have sent several comments in a short time")


def test_the_rate_limit_window_passes(article, post_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    with freeze_time() as frozen:
        assert post_comment(article).status_code == 302
        assert post_comment(article).status_code == 429
        frozen.tick(settings.COMMENTS_RATE_WINDOW_SECONDS)
        assert post_comment(article).status_code == 302


def test_a_post_without_the_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{article.get_absolute_url()}comments/", comment_data(article))
    assert response.status_code == 403
    assert mail.outbox == []


def test_too_many_links_hold_even_a_returning_commenter(article, post_comment, confirm_from_email, settings):
    stored_comment(article, email="ana@example.com", text="Approved before.")
    links = " ".join(f"https://shop{n}.example/" for n in range(settings.COMMENTS_MAX_LINKS + 1))
    post_comment(article, comment=f"Look: {links}")
    response = confirm_from_email()
    held = XtdComment.objects.get(comment__startswith="Look:")
    assert held.is_public is False
    page = response.content.decode()
    assert "awaiting moderation" in page and "several links" in page
    assert "shop0.example" not in Client().get(article.get_absolute_url()).content.decode()


def test_a_senders_later_comments_are_held_once_one_was_marked_spam(article, post_comment, confirm_from_email, admin_user):
    from content.services import comment_mark_spam

    stored_comment(article, email="ana@example.com", text="Approved before.")
    spam = stored_comment(article, email="ana@example.com", text="Spam.")
    comment_mark_spam(comment=spam, moderator=admin_user)
    post_comment(article, comment="Another one.")
    confirm_from_email()
    assert XtdComment.objects.get(comment="Another one.").is_public is False
