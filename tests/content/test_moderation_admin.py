"""Staff moderate comments in the admin: approve, reject, mark spam, edit a published one."""

import pytest
from django.core import mail
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from content.selectors import SPAM_FLAG
from tests.content.conftest import stored_comment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/django_comments_xtd/xtdcomment/"


def _action(admin_client, action, comment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return admin_client.post(CHANGELIST, {"action": action, "_selected_action": [comment.pk]}, follow=True)


def test_staff_see_the_waiting_comments(admin_client, article):
    stored_comment(article, email="held@example.com", text="Please approve me", public=False)
    stored_comment(article, email="pub@example.com", text="Already shown")
    page = admin_client.get(CHANGELIST + "?moderation=waiting").content.decode()
    assert "Please approve me" in page and "Already shown" not in page
    assert "waiting for approval" in page


def test_approving_publishes_the_comment_and_tells_followers(
    client, admin_client, article, django_capture_on_commit_callbacks
):
    stored_comment(article, email="follower@example.com", text="Following", followup=True)
    held = stored_comment(article, email="held@example.com", text="Please approve me", public=False)
    assert "Please approve me" not in client.get(article.get_absolute_url()).content.decode()
    response = _action(admin_client, "approve", held, django_capture_on_commit_callbacks)
    assert "1 comment(s) approved and published." in response.content.decode()
    held.refresh_from_db()
    assert held.is_public is True
    assert CommentFlag.objects.filter(comment=held, flag=CommentFlag.MODERATOR_APPROVAL).exists()
    assert "Please approve me" in client.get(article.get_absolute_url()).content.decode()
    assert [m.to for m in mail.outbox] == [["follower@example.com"]]


def test_rejecting_and_marking_spam_hide_the_comment(client, admin_client, article, django_capture_on_commit_callbacks):
    rejected = stored_comment(article, email="a@example.com", text="Medical claim to remove")
    spam = stored_comment(article, email="b@example.com", text="Buy pills", public=False)
    _action(admin_client, "reject", rejected, django_capture_on_commit_callbacks)
    _action(admin_client, "mark_spam", spam, django_capture_on_commit_callbacks)
    rejected.refresh_from_db()
    spam.refresh_from_db()
    assert (rejected.is_public, rejected.is_removed) == (False, True)
    assert (spam.is_public, spam.is_removed) == (False, True)
    assert CommentFlag.objects.filter(comment=spam, flag=SPAM_FLAG).exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Medical claim" not in page and "Buy pills" not in page
    assert "spam" in admin_client.get(CHANGELIST + "?moderation=removed").content.decode()


def test_staff_can_edit_a_published_comment(client, admin_client, article):
    comment = stored_comment(article, email="a@example.com", text="Stop taking your medication!")
    url = article.get_absolute_url()
    assert "Stop taking your medication!" in client.get(url).content.decode()
    form = admin_client.get(f"{CHANGELIST}{comment.pk}/change/")
    assert form.status_code == 200
    data = {
        "content_type": comment.content_type_id, "object_pk": comment.object_pk, "site": 1,
        "user_name": comment.user_name, "user_email": comment.user_email, "user_url": "",
        "comment": "[Edited by a moderator: please ask your doctor before changing medication.]",
        "submit_date_0": comment.submit_date.strftime("%Y-%m-%d"),
        "submit_date_1": comment.submit_date.strftime("%H:%M:%S"),
        "is_public": "on",
    }
    response = admin_client.post(f"{CHANGELIST}{comment.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(url).content.decode()
    assert "Stop taking your medication!" not in page
    assert "Edited by a moderator" in page


def test_staff_can_edit_articles_in_the_admin(admin_client, article):
    page = admin_client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert "Benefits of acupressure mats for back pain" in page
    assert "find-the-right-position" in page  # the card placements are editable inline
    assert XtdComment.objects.count() == 0


def test_the_dashboard_menu_leads_staff_to_articles_and_comments(admin_client, article):
    page = admin_client.get("/dashboard/").content.decode()
    assert 'href="/admin/content/article/"' in page
    assert 'href="/admin/django_comments_xtd/xtdcomment/"' in page
    assert "Reader comments" in page
