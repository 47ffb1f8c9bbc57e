"""Oscar's communication admin, plus the queue of outgoing emails."""

from django.contrib import admin
from oscar.apps.communication.admin import *  # noqa: F401,F403  Oscar's fork convention

from shop.communication import services
from shop.communication.models import QueuedEmail


@admin.register(QueuedEmail)
class QueuedEmailAdmin(admin.ModelAdmin):
    list_display = ("id", "to", "subject", "status", "attempts", "send_at", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject", "message_id")
    actions = ["send_again"]

    @admin.action(description="Send again (failed emails only)")
    def send_again(self, request, queryset):
        count = services.queued_emails_retry(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} failed email(s) will be sent again now.")
