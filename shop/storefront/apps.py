"""The shop front: home page, error pages and the furniture every page shares."""

from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "shop.storefront"
    label = "storefront"
    verbose_name = "Storefront"

    def ready(self):
        from . import receivers

        receivers.connect()
