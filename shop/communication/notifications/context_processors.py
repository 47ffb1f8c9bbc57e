"""The unread-notifications count for the header, without a query of its own."""

# The fork's module stands in for Oscar's: import the original by its full path.
from oscar.apps.communication.notifications.context_processors import notifications as oscar_notifications

# Oscar's notification pages mark messages read while the page is built: count afresh there.
NOTIFICATION_URL_PREFIX = "notifications-"


def notifications(request):
    """`num_unread_notifications` as loaded with the user (shop.accounts.auth_backends)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = getattr(user, "num_unread_notifications", None)
    match = getattr(request, "resolver_match", None)
    on_notification_page = match is not None and (match.url_name or "").startswith(NOTIFICATION_URL_PREFIX)
    if count is None or on_notification_page:
        return oscar_notifications(request)
    return {"num_unread_notifications": count}
