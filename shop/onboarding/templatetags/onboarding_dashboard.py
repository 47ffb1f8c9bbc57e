"""Template tags for Oscar's dashboard order page: the order's onboarding emails."""

from django import template

from shop.onboarding import selectors
from shop.onboarding.schedule import onboarding_steps

register = template.Library()


@register.simple_tag
def onboarding_emails_for(order):
    return selectors.onboarding_emails_for_order(order=order)


@register.simple_tag
def onboarding_step_codes():
    return [code for code, _ in onboarding_steps()]
