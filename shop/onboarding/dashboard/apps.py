"""The onboarding dashboard as an Oscar dashboard app (staff only, in the dashboard's navigation)."""

from django.urls import path
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class OnboardingDashboardConfig(OscarDashboardConfig):
    label = "onboarding_dashboard"
    name = "shop.onboarding.dashboard"
    verbose_name = "Onboarding emails dashboard"

    default_permissions = ["is_staff"]

    def ready(self):
        # The same permissions as Oscar's order pages: staff who may see (or change) orders.
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map = {
            "onboarding-failed-list": DashboardPermission.staff + DashboardPermission.get("order", "view_order"),
            "onboarding-preview": DashboardPermission.staff + DashboardPermission.get("order", "view_order"),
            "onboarding-resend": DashboardPermission.staff
            + DashboardPermission.get("order", "view_order", "change_order"),
        }

    def get_urls(self):
        from shop.onboarding.dashboard import views

        urls = [
            path("failed/", views.FailedEmailListView.as_view(), name="onboarding-failed-list"),
            path("orders/<str:number>/preview/<str:step>/", views.EmailPreviewView.as_view(),
                 name="onboarding-preview"),
            path("emails/<int:pk>/resend/", views.EmailResendView.as_view(), name="onboarding-resend"),
        ]
        return self.post_process_urls(urls)
