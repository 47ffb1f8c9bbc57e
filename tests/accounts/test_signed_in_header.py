"""The signed-in header: account link, notifications badge, Dashboard link, log out.

The user is loaded with the header's facts (shop/accounts/): these tests check that
what each person sees stays right, and that a customer's header costs no query of its own.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

Notification = get_model("communication", "Notification")

pytestmark = pytest.mark.django_db

PASSWORD = "pw-123456789-long"
DASHBOARD_LINK = re.compile(r'<a href="/dashboard/">Dashboard</a>')


def header(response) -> str:
    html = response.content.decode()
    return html[html.index('<ul class="header-links">'):html.index("</ul>", html.index('<ul class="header-links">'))]


def account_link(response) -> str:
    return re.search(r'<a href="/accounts/">([^<]*)</a>', header(response)).group(1)


@pytest.fixture
def make_user(django_user_model):
    def make(username, **fields):
        return django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", password=PASSWORD, **fields)
    return make


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dashboard_access_permission():
    return Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")


def test_a_customer_sees_account_and_log_out_but_no_dashboard_link(make_user):
    response = signed_in(make_user("ana")).get("/")
    assert account_link(response) == "Account"
    assert 'href="/accounts/logout/"' in header(response)
    assert not DASHBOARD_LINK.search(header(response))
    assert "Sign in" not in header(response)


def test_staff_see_the_dashboard_link_and_can_open_it(make_user):
    client = signed_in(make_user("sam", is_staff=True))
    assert DASHBOARD_LINK.search(header(client.get("/")))
    assert client.get("/dashboard/").status_code == 200


def test_a_partner_user_sees_the_dashboard_link_as_before(make_user):
    # Oscar's dashboard links a partner's user by giving them this permission directly.
    partner_user = make_user("pat")
    partner_user.user_permissions.add(dashboard_access_permission())
    client = signed_in(partner_user)
    assert DASHBOARD_LINK.search(header(client.get("/")))
    assert client.get("/dashboard/").status_code == 200


def test_a_permission_through_a_group_shows_the_dashboard_link(make_user):
    group = Group.objects.create(name="Partners")
    group.permissions.add(dashboard_access_permission())
    member = make_user("gil")
    member.groups.add(group)
    assert DASHBOARD_LINK.search(header(signed_in(member).get("/")))


def test_a_permission_granted_while_signed_in_shows_on_the_next_page(make_user):
    user = make_user("ana")
    client = signed_in(user)
    assert not DASHBOARD_LINK.search(header(client.get("/")))
    user.user_permissions.add(dashboard_access_permission())
    assert DASHBOARD_LINK.search(header(client.get("/")))
    user.user_permissions.clear()
    assert not DASHBOARD_LINK.search(header(client.get("/")))


def test_a_customer_other_permissions_do_not_show_the_dashboard_link(make_user):
    user = make_user("ana")
    user.user_permissions.add(Permission.objects.get(codename="view_product"))
    client = signed_in(user)
    assert not DASHBOARD_LINK.search(header(client.get("/")))
    assert client.get("/dashboard/").status_code == 403


def test_unread_notifications_show_on_the_next_page_and_only_to_their_recipient(make_user):
    ana, ben = make_user("ana"), make_user("ben")
    ana_client, ben_client = signed_in(ana), signed_in(ben)
    assert account_link(ana_client.get("/")) == "Account"

    Notification.objects.create(recipient=ana, subject="Your order has shipped")
    assert account_link(ana_client.get("/")) == "Account (1)"
    Notification.objects.create(recipient=ana, subject="Your mat is back in stock")
    assert account_link(ana_client.get("/")) == "Account (2)"
    assert account_link(ben_client.get("/")) == "Account"


def test_reading_a_notification_lowers_the_count_on_that_very_page(make_user):
    ana = make_user("ana")
    first = Notification.objects.create(recipient=ana, subject="Your order has shipped")
    Notification.objects.create(recipient=ana, subject="Your mat is back in stock")
    client = signed_in(ana)
    assert account_link(client.get("/")) == "Account (2)"

    response = client.get(reverse("customer:notifications-detail", kwargs={"pk": first.pk}))
    assert account_link(response) == "Account (1)"
    assert account_link(client.get("/")) == "Account (1)"


def test_signing_in_with_the_login_form_uses_the_shop_backend(make_user):
    make_user("ana")
    client = Client()
    response = client.post(reverse("customer:login"), {
        "login-username": "ana@example.com", "login-password": PASSWORD, "login_submit": "1"})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "shop.accounts.auth_backends.EmailBackend"
    assert account_link(client.get("/")) == "Account"


def test_a_deactivated_user_is_signed_out(make_user):
    user = make_user("ana")
    client = signed_in(user)
    user.is_active = False
    user.save()
    assert "Sign in" in header(client.get("/"))


def test_a_customer_header_costs_no_permission_or_notification_query(make_user):
    client = signed_in(make_user("ana"))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    sql = [q["sql"] for q in queries.captured_queries]
    user_queries = [s for s in sql if 'FROM "auth_user" ' in s]
    assert len(user_queries) == 1
    # The count and the permission check are subqueries of that one user query.
    assert [s for s in sql if "communication_notification" in s] == user_queries
    assert not [s for s in sql if "auth_permission" in s]


def test_staff_sign_in_to_the_admin_with_their_username(make_user):
    make_user("sam", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "sam", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "shop.accounts.auth_backends.UsernameBackend"
    assert client.get("/admin/").status_code == 200
    assert DASHBOARD_LINK.search(header(client.get("/")))
