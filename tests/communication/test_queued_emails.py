"""Oscar's own emails go through the queue: a mail server that is down breaks nothing, loses nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from freezegun import freeze_time
from oscar.core.loading import get_class

from shop.communication import tasks
from shop.communication.models import QueuedEmail
from tests.onboarding.factories import CLASSIC_BLUE, order_place

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")


def _register(client, capture, email="new@example.com"):
    # The request commits (ATOMIC_REQUESTS); the test's transaction stands in for it.
    with capture(execute=True):
        return client.post("/accounts/login/", {
            "registration-email": email,
            "registration-password1": "a-long-password-1",
            "registration-password2": "a-long-password-1",
            "registration-redirect_url": "",
            "registration_submit": "Register",
        })


def _later(minutes):
    return freeze_time(timezone.now() + timedelta(minutes=minutes))


def test_registration_succeeds_while_the_mail_server_is_down_and_the_email_follows(client, flaky_mail, db, django_capture_on_commit_callbacks):
    flaky_mail.down = True
    response = _register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # registered and logged in, no error page
    assert get_user_model().objects.filter(email="new@example.com").exists()
    queued = QueuedEmail.objects.get()
    assert (queued.status, queued.attempts, queued.to) == ("scheduled", 1, "new@example.com")
    assert "SMTPServerDisconnected" in queued.last_error
    assert mail.outbox == []

    flaky_mail.down = False
    with _later(2):
        assert tasks.queued_email_dispatch_due() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert "regist" in (mail.outbox[0].subject + mail.outbox[0].body).lower()
    assert mail.outbox[0].extra_headers["Message-ID"] == queued.message_id
    queued.refresh_from_db()
    assert queued.status == "sent"
    with _later(10):
        assert tasks.queued_email_dispatch_due() == 0
    assert len(mail.outbox) == 1


def test_with_the_mail_server_up_the_email_goes_out_right_after_commit(
    client, flaky_mail, db, django_capture_on_commit_callbacks
):
    _register(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert QueuedEmail.objects.get().status == "sent"


def test_a_password_reset_email_is_queued_and_sent(client, flaky_mail, db, django_capture_on_commit_callbacks):
    get_user_model().objects.create_user(username="ada", email="ada@example.com", password="a-long-password")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/password-reset/confirm/" in mail.outbox[0].body
    assert QueuedEmail.objects.get().status == "sent"


def test_the_order_confirmation_survives_a_mail_server_outage(
    catalogue, flaky_mail, django_capture_on_commit_callbacks, settings
):
    order = order_place(upcs=[CLASSIC_BLUE])
    view = OrderPlacementMixin()
    view.request = RequestFactory().get("/checkout/preview/")
    view.request.user = AnonymousUser()
    flaky_mail.down = True
    with django_capture_on_commit_callbacks(execute=True):
        view.send_order_placed_email(order)  # what Oscar calls after placing an order: no exception
    queued = QueuedEmail.objects.get()
    assert (queued.status, queued.to) == ("scheduled", "ada@example.com")

    flaky_mail.down = False
    with _later(2):
        tasks.queued_email_dispatch_due()
    assert len(mail.outbox) == 1
    assert str(order.number) in mail.outbox[0].subject + mail.outbox[0].body
    assert mail.outbox[0].from_email == settings.OSCAR_FROM_EMAIL


def test_a_rolled_back_request_sends_nothing(flaky_mail, db):
    from django.db import transaction

    from shop.communication.utils import Dispatcher

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Dispatcher().dispatch_direct_messages("x@example.com", {"subject": "Hi", "body": "Body", "html": ""})
            raise RuntimeError("the view failed")
    assert QueuedEmail.objects.count() == 0
    assert mail.outbox == []


def test_a_lost_task_is_picked_up_by_the_dispatch(flaky_mail, db, settings):
    # The row exists but its task never ran (broker down at commit, worker lost it).
    queued = QueuedEmail.objects.create(to="x@example.com", from_email="orders@example.com", subject="Hi",
                                        body_text="Body", body_html="<p>Body</p>", message_id="<q1@example.com>",
                                        send_at=timezone.now())
    assert tasks.queued_email_dispatch_due() == 1
    assert mail.outbox[0].alternatives[0][0] == "<p>Body</p>"
    queued.refresh_from_db()
    assert queued.status == "sent"


def test_attachments_travel_through_the_queue(flaky_mail, db, django_capture_on_commit_callbacks):
    from shop.communication.utils import Dispatcher

    with django_capture_on_commit_callbacks(execute=True):
        Dispatcher().dispatch_direct_messages(
            "x@example.com", {"subject": "Invoice", "body": "See attached", "html": ""},
            attachments=[["invoice.txt", "total: 10.00", "text/plain"]],
        )
    (filename, content, mimetype), = mail.outbox[0].attachments
    assert (filename, content, mimetype) == ("invoice.txt", "total: 10.00", "text/plain")


def test_a_failed_email_can_be_sent_again_from_the_admin(admin_client, flaky_mail, db,
                                                         django_capture_on_commit_callbacks):
    failed = QueuedEmail.objects.create(to="x@example.com", from_email="orders@example.com", subject="Hi",
                                        body_text="Body", message_id="<f1@example.com>", send_at=timezone.now(),
                                        status="failed", attempts=10, last_error="boom")
    sent = QueuedEmail.objects.create(to="y@example.com", from_email="orders@example.com", subject="Hi",
                                      body_text="Body", message_id="<s1@example.com>", send_at=timezone.now(),
                                      status="sent", attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/communication/queuedemail/", {
            "action": "send_again", "_selected_action": [failed.pk, sent.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 1)
    assert [m.to for m in mail.outbox] == [["x@example.com"]]  # the sent one is not sent again
