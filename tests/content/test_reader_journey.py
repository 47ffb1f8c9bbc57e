"""A reader's journey in headless Chromium: article, product, comment, confirmation, moderation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from tests.content.conftest import CONFIRM_LINK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "moderate-me-please"


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@stillpoint.example", password=STAFF_PASSWORD
    )


def test_reader_comments_and_staff_approve(page, live_server, article, staff_member, settings):
    # Playwright types in milliseconds; the too-fast check has its own tests.
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/")
    # The home page's article teaser (the footer links to the article too).
    page.locator("#teaser-title").get_by_role("link", name=article.title).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator("h1.article-title").inner_text() == article.title
    assert page.locator("#who-can-benefit-most").is_visible()

    # A product card leads to the live product page, and back.
    page.locator(".article-product").filter(has_text="Neck Pillow").get_by_role(
        "link", name="Acupressure Neck Pillow Attachment", exact=True
    ).click()
    page.wait_for_url("**/catalogue/**")
    assert "Acupressure Neck Pillow Attachment" in page.locator("h1").inner_text()
    page.go_back()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    # The comment form, filled in and sent.
    form = page.locator("#comment-form")
    form.get_by_label("Name", exact=True).fill("Ana Reader")
    form.get_by_label("Email", exact=True).fill("ana@example.com")
    form.get_by_label("Comment", exact=True).fill("The pillow attachment finally reached my stiff neck.")
    form.get_by_role("button", name="Send comment").click()
    expect(page.locator("#messages")).to_contain_text("We have emailed you a link")
    assert XtdComment.objects.count() == 0

    # The link in the email confirms it; a first comment waits for a moderator.
    confirmation = [m for m in mail.outbox if m.to == ["ana@example.com"]][-1]
    page.goto(live_server.url + CONFIRM_LINK.search(confirmation.body).group(1))
    assert "Your comment is awaiting moderation" in page.locator("#messages").inner_text()
    held = page.locator(".comment-held")
    assert "Awaiting moderation" in held.inner_text()
    assert "stiff neck" in held.inner_text()
    comment = XtdComment.objects.get()
    assert comment.is_public is False
    assert [m for m in mail.outbox if m.to == ["editor@stillpoint.example"]], "staff were told"

    # A staff member approves it in the admin.
    page.goto(live_server.url + "/admin/login/?next=/admin/django_comments_xtd/xtdcomment/%3Fmoderation%3Dwaiting")
    page.fill("#id_username", "editor")
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    page.wait_for_url("**/xtdcomment/?moderation=waiting")
    page.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    page.select_option('select[name="action"]', "approve")
    page.locator('button[name="index"]').click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment(s) approved and published.")

    # Any reader now sees it, with a reply form under it.
    page.context.clear_cookies()
    page.goto(live_server.url + article.get_absolute_url())
    published = page.locator(f"#c{comment.pk}")
    assert "stiff neck" in published.inner_text()
    assert "1 comment" in page.locator(".article-comment-count").inner_text()
    thread = page.locator(".comment-thread").filter(has=published)
    thread.get_by_role("link", name="Reply to Ana Reader").click()
    reply_form = thread.locator("form#reply-form")
    expect(reply_form).to_be_visible()
    assert reply_form.locator('input[name="reply_to"]').input_value() == str(comment.pk)
    assert reply_form.get_by_label("Comment", exact=True).is_visible()
    outside = [url for url in requests if not url.startswith((live_server.url, "data:"))]
    assert outside == []
