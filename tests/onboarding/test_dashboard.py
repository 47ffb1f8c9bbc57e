"""Staff pages: an order's onboarding emails, previews, resending a failed one, the failed list."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from shop.onboarding.models import OnboardingEmail
from tests.onboarding.factories import BUNDLE, order_pay, order_place


@pytest.fixture
def paid_order(catalogue, django_capture_on_commit_callbacks):
    return order_pay(order_place(upcs=[BUNDLE]), django_capture_on_commit_callbacks)


@pytest.fixture
def staff_client(client, db):
    staff = get_user_model().objects.create_user(username="staff", email="staff@example.com",
                                                 password="a-long-password", is_staff=True)
    # What Oscar 4.2's order pages ask of staff.
    staff.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="order", codename__in=["view_order", "change_order"]))
    client.force_login(staff)
    return client


def test_the_order_page_lists_the_emails_and_their_status(paid_order, staff_client):
    OnboardingEmail.objects.filter(order=paid_order, step="welcome").update(
        status="failed", attempts=6, last_error="SMTPServerDisconnected: gone")
    page = staff_client.get(f"/dashboard/orders/{paid_order.number}/").content.decode()
    assert 'href="#onboarding"' in page and 'id="onboarding-emails"' in page
    table = page.split('id="onboarding-emails"')[1].split("</table>")[0]
    assert table.count("<tr>") == 6  # header + 5 steps
    assert "Failed" in table and "SMTPServerDisconnected: gone" in table and table.count("Scheduled") == 4
    assert f"/dashboard/onboarding/orders/{paid_order.number}/preview/routine/" in table
    assert table.count(">Resend</button>") == 1


def test_staff_can_preview_any_step_for_the_order(paid_order, staff_client):
    response = staff_client.get(f"/dashboard/onboarding/orders/{paid_order.number}/preview/positions/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Find the right position for your back and neck" in page
    assert "FOR YOUR NECK" in page  # the text part
    assert "List-Unsubscribe-Post" in page and "sandbox" in page
    assert mail.outbox == []  # a preview sends nothing
    assert staff_client.get(f"/dashboard/onboarding/orders/{paid_order.number}/preview/nope/").status_code == 404


def test_staff_can_resend_a_failed_email(paid_order, staff_client, django_capture_on_commit_callbacks):
    row = OnboardingEmail.objects.get(order=paid_order, step="welcome")
    OnboardingEmail.objects.filter(pk=row.pk).update(status="failed", attempts=6, last_error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/dashboard/onboarding/emails/{row.pk}/resend/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/dashboard/orders/{paid_order.number}/#onboarding")
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 1)
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [row.message_id]


def test_only_failed_emails_can_be_resent_and_only_by_post(paid_order, staff_client):
    row = OnboardingEmail.objects.get(order=paid_order, step="welcome")
    assert staff_client.get(f"/dashboard/onboarding/emails/{row.pk}/resend/").status_code == 405
    response = staff_client.post(f"/dashboard/onboarding/emails/{row.pk}/resend/", follow=True)
    assert "only failed emails can be resent" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "scheduled" and mail.outbox == []


def test_the_failed_list_shows_failures_across_orders_and_is_in_the_navigation(paid_order, staff_client):
    OnboardingEmail.objects.filter(order=paid_order, step="positions").update(status="failed", last_error="550 mailbox unavailable")
    page = staff_client.get("/dashboard/onboarding/failed/").content.decode()
    rows = page.split('id="failed-onboarding-emails"')[1].split("</table>")[0]
    assert str(paid_order.number) in rows and "positions" in rows and "550 mailbox unavailable" in rows
    assert "welcome" not in rows
    assert 'href="/dashboard/onboarding/failed/"' in staff_client.get("/dashboard/").content.decode()


@pytest.mark.parametrize("is_staff", [False, True])
def test_customers_and_staff_without_order_access_cannot_reach_the_pages(paid_order, client, db, is_staff):
    customer = get_user_model().objects.create_user(username="c", email="c@example.com",
                                                    password="a-long-password", is_staff=is_staff)
    client.force_login(customer)
    row = OnboardingEmail.objects.get(order=paid_order, step="welcome")
    OnboardingEmail.objects.filter(pk=row.pk).update(status="failed")
    for response in (
        client.get("/dashboard/onboarding/failed/"),
        client.get(f"/dashboard/onboarding/orders/{paid_order.number}/preview/welcome/"),
        client.post(f"/dashboard/onboarding/emails/{row.pk}/resend/"),
    ):
        assert response.status_code in (302, 403)
        assert "Failed onboarding emails" not in response.content.decode()
    row.refresh_from_db()
    assert row.status == "failed"
