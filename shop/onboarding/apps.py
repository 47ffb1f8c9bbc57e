"""The onboarding app: connects the shop's payment signals to the email schedule."""

from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "shop.onboarding"
    label = "onboarding"
    verbose_name = "Onboarding emails"

    def ready(self):
        from shop.onboarding import receivers  # noqa: F401  connects the signal receivers
