"""Reader comments: email confirmation, moderation of first comments, replies, plain text."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django_comments_xtd.models import XtdComment

from content.comment_text import comment_html
from tests.content.conftest import CONFIRM_LINK, stored_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_user(
        username="mod", email="moderator@stillpoint.example", password="x" * 12, is_staff=True
    )


def test_an_anonymous_comment_is_stored_only_after_its_email_is_confirmed(client, article, post_comment):
    response = post_comment(article)
    assert response.status_code == 302
    assert XtdComment.objects.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.com"]
    assert CONFIRM_LINK.search(mail.outbox[0].body)
    page = client.get(response["Location"]).content.decode()
    assert "We have emailed you a link" in page
    assert "Twenty minutes a day" not in page


def test_a_first_time_comment_is_held_after_confirmation_and_moderators_are_emailed(
    client, article, post_comment, confirm_from_email, moderator
):
    post_comment(article)
    response = confirm_from_email()
    comment = XtdComment.objects.get()
    assert comment.is_public is False
    assert comment.user_email == "ana@example.com"
    page = response.content.decode()
    assert "Your comment is awaiting moderation" in page
    assert "Only you can see this comment" in page  # its author sees it, marked as waiting
    assert "Twenty minutes a day helped my lower back." in page
    staff_mail = [m for m in mail.outbox if m.to == ["moderator@stillpoint.example"]]
    assert len(staff_mail) == 1
    assert f"/admin/django_comments_xtd/xtdcomment/{comment.pk}/change/" in staff_mail[0].body
    # Nobody else sees a held comment.
    other_reader = client_class_page(article)
    assert "Twenty minutes a day" not in other_reader
    assert "0 comments" in other_reader


def client_class_page(article):
    from django.test import Client

    return Client().get(article.get_absolute_url()).content.decode()


def test_following_the_link_twice_stores_the_comment_once(client, article, post_comment, confirm_from_email):
    post_comment(article)
    confirm_from_email()
    confirm_from_email()
    assert XtdComment.objects.count() == 1


def test_a_returning_commenter_is_published_at_once(client, article, post_comment, confirm_from_email):
    stored_comment(article, email="Ana@Example.com", text="My first comment, approved.")
    post_comment(article, comment="Back again: the pillow helps too.")
    response = confirm_from_email()
    comment = XtdComment.objects.get(comment="Back again: the pillow helps too.")
    assert comment.is_public is True
    page = response.content.decode()
    assert "Your comment is published" in page
    assert f'id="c{comment.pk}"' in page
    assert "2 comments" in page


def test_an_altered_confirmation_link_is_refused(client, article, post_comment):
    post_comment(article)
    path = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
    response = client.get(path.replace("/confirm/", "/confirm/x"))
    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()
    assert XtdComment.objects.count() == 0


def test_a_signed_in_customer_skips_the_email_confirmation(client, article, post_comment):
    user = get_user_model().objects.create_user(username="cus", email="cus@example.com", password="x" * 12)
    client.force_login(user)
    response = post_comment(article, email="someone-else@example.com", name="Cus")
    comment = XtdComment.objects.get()
    assert comment.user == user
    assert comment.user_email == "cus@example.com"  # the account's address, not the posted one
    assert comment.is_public is False  # still a first comment
    assert not [m for m in mail.outbox if m.to == ["cus@example.com"]]
    assert "awaiting moderation" in client.get(response["Location"]).content.decode()


def test_replies_are_one_level_deep(client, article, post_comment, confirm_from_email):
    parent = stored_comment(article, email="first@example.com", text="Question: how long per day?")
    stored_comment(article, email="ana@example.com", text="Earlier approved comment.")
    post_comment(article, reply_to=str(parent.pk), comment="About 20 minutes.")
    confirm_from_email()
    reply = XtdComment.objects.get(comment="About 20 minutes.")
    assert (reply.parent_id, reply.level, reply.is_public) == (parent.pk, 1, True)

    response = post_comment(article, reply_to=str(reply.pk), comment="A reply to a reply.", email="bo@example.com")
    assert response.status_code == 400
    assert "Replies go one level deep" in response.content.decode()
    assert len(mail.outbox) == 1  # only the first post's confirmation: the refused one sent nothing


def test_page_shows_replies_under_their_comment_with_a_reply_link(client, article):
    parent = stored_comment(article, email="first@example.com", text="Question: how long per day?")
    stored_comment(article, email="second@example.com", text="About 20 minutes.", reply_to=parent)
    page = client.get(article.get_absolute_url()).content.decode()
    thread = page.split(f'id="c{parent.pk}"')[1].split('class="comment-thread"')[0]
    assert "About 20 minutes." in thread
    assert f'href="/comments/reply/{parent.pk}/" data-reply-to="{parent.pk}"' in thread
    assert "2 comments" in page
    reply_page = client.get(f"/comments/reply/{parent.pk}/").content.decode()
    assert 'name="reply_to" value="%d"' % parent.pk in reply_page


def test_followers_are_emailed_about_a_new_published_comment(client, article, post_comment, confirm_from_email):
    stored_comment(article, email="follower@example.com", text="Following.", followup=True)
    stored_comment(article, email="ana@example.com", text="Approved before.")
    post_comment(article, comment="New thoughts.")
    confirm_from_email()
    follower_mail = [m for m in mail.outbox if m.to == ["follower@example.com"]]
    assert len(follower_mail) == 1
    assert "New thoughts." in follower_mail[0].body
    mute = re.search(r"https?://[^/\s]+(/comments/mute/\S+/)", follower_mail[0].body).group(1)
    assert client.get(mute).status_code == 200
    assert not XtdComment.objects.filter(user_email="follower@example.com", followup=True).exists()


XSS_COMMENTS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '"><svg onload=alert(1)>',
    "<b>unclosed <i>markup",
    "http://example.com/\"onmouseover=\"alert(1)",
    "https://example.com/<script>alert(1)</script>",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def assert_not_executable(fragment):
    """Only <p>, <br> and http(s) links with rel; no other element or attribute survives."""
    parser = _Elements()
    parser.feed(fragment)
    for tag, attrs in parser.elements:
        assert tag in ("p", "br", "a"), (tag, fragment)
        if tag == "a":
            assert set(attrs) == {"href", "rel"}, fragment
            assert attrs["href"].startswith(("http://", "https://")), fragment
            assert attrs["rel"] == "nofollow ugc noopener"


@pytest.mark.parametrize("text", XSS_COMMENTS)
def test_comment_text_is_plain_text_and_nothing_executable(client, article, text):
    comment = stored_comment(article, email="x@example.com", text=text)
    page = client.get(article.get_absolute_url()).content.decode()
    body = page.split(f'id="c{comment.pk}"')[1].split('<div class="comment-body">')[1].split("</div>")[0]
    assert_not_executable(body)
    visible = re.sub(r"<[^>]+>", "", body)
    assert html.unescape(visible).replace("\n", "") .strip() == text.strip()


def test_a_name_with_markup_is_shown_as_text(client, article):
    comment = stored_comment(article, email="x@example.com", name='<img src=x onerror="alert(1)">')
    page = client.get(article.get_absolute_url()).content.decode()
    author = page.split(f'id="c{comment.pk}"')[1].split('<span class="comment-author">')[1].split("</span>")[0]
    assert author == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert 'Reply to &lt;img src=x onerror=&quot;alert(1)&quot;&gt;' in page


def test_web_addresses_become_nofollow_ugc_links():
    html = comment_html("See https://example.com/mats, and www.example.org.\n\nThanks")
    assert '<a href="https://example.com/mats" rel="nofollow ugc noopener">https://example.com/mats</a>,' in html
    assert '<a href="https://www.example.org" rel="nofollow ugc noopener">www.example.org</a>.' in html
    assert html.count("<p>") == 2


def test_the_commenter_email_is_never_shown(client, article):
    stored_comment(article, email="secret-address@example.com", name="Shown Name")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Shown Name" in page
    assert "secret-address" not in page
