"""Reads about the signed-in customer, sized for the page header."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Notification = get_model("communication", "Notification")


def signed_in_user(*, user_id):
    """The user a session belongs to, or None, loaded in one query with the header's facts.

    Annotated with `num_unread_notifications` and `holds_permissions` (any permission
    of its own or through a group), so the header's badge and Dashboard link cost no
    further query. Both are read fresh on every request: nothing is cached between them.
    """
    User = get_user_model()
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), date_read=None)
        .order_by().values("recipient").annotate(count=Count("pk")).values("count")
    )
    own_permission = User.user_permissions.through.objects.filter(user=OuterRef("pk"))
    group_permission = Group.permissions.through.objects.filter(group__user=OuterRef("pk"))
    return (
        User._default_manager.filter(pk=user_id)
        .annotate(
            num_unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            holds_own_permissions=Exists(own_permission),
            holds_group_permissions=Exists(group_permission),
        )
        .first()
    )
