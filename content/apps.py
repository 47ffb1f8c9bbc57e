"""The shop's editorial content: the benefits article and its reader comments."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Articles"

    def ready(self):
        from content import receivers  # noqa: F401  connects the cache invalidation
