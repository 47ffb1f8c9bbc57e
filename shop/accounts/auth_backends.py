"""Oscar's and Django's sign-in backends, loading a session's user with the header's facts."""

from django.contrib.auth.backends import ModelBackend
from oscar.core.loading import get_class

from .selectors import signed_in_user

OscarEmailBackend = get_class("customer.auth_backends", "EmailBackend")


class SignedInHeaderMixin:
    """get_user() in one query that also answers the header's questions (shop.accounts.selectors).

    A user who holds no permission at all, the usual customer, gets ModelBackend's
    permission caches filled with empty sets, so `perms.partner.dashboard_access`
    (the header's Dashboard link) is answered without the two permission queries.
    Staff, partner users and superusers keep Django's own lookups.
    """

    def get_user(self, user_id):
        user = signed_in_user(user_id=user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        if not (user.is_superuser or user.holds_own_permissions or user.holds_group_permissions):
            # The cache attributes ModelBackend._get_permissions() and get_all_permissions() fill.
            user._user_perm_cache = set()
            user._group_perm_cache = set()
            user._perm_cache = set()
        return user


class EmailBackend(SignedInHeaderMixin, OscarEmailBackend):
    """Sign in with an email address (Oscar's login form)."""


class UsernameBackend(SignedInHeaderMixin, ModelBackend):
    """Sign in with a username (Django's admin login)."""
