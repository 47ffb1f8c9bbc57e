"""Each onboarding email as the customer reads it: subject, text and HTML, and headers."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from shop.onboarding import selectors
from shop.onboarding.models import OnboardingEmail
from shop.onboarding.tokens import unsubscribe_token_make

TEMPLATE_DIR = "emails/onboarding"


def shop_base_url() -> str:
    """The shop's absolute https address, for links that leave the site (emails)."""
    if settings.SHOP_BASE_URL:
        return settings.SHOP_BASE_URL.rstrip("/")
    return f"https://{Site.objects.get_current().domain}"


def onboarding_message_id(*, order_number: str, step: str) -> str:
    """The same Message-ID on every copy of one step for one order, so copies can be told apart."""
    domain = settings.ONBOARDING_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<onboarding.{order_number}.{step}@{domain}>"


def onboarding_context(*, order, step: str, email: str) -> dict:
    base = shop_base_url()
    token = unsubscribe_token_make(email=email, order_id=order.pk)
    article_url = base + settings.ONBOARDING_ARTICLE_PATH
    return {
        "step": step,
        "first_name": selectors.onboarding_customer_first_name(order=order),
        "order_number": order.number,
        "purchase": selectors.onboarding_purchase_for_order(order=order),
        "shop_name": settings.OSCAR_SHOP_NAME,
        "shop_url": base + "/",
        "article_url": article_url,
        "comments_url": article_url + "#comments",
        "unsubscribe_url": base + reverse("onboarding:unsubscribe", args=[token]),
    }


def onboarding_message_build(*, order, step: str, email: str, message_id: str = "") -> EmailMultiAlternatives:
    """The email for one step of one order, personalised from what was bought."""
    context = onboarding_context(order=order, step=step, email=email)
    subject = " ".join(render_to_string(f"{TEMPLATE_DIR}/{step}_subject.txt", context).split())
    text = render_to_string(f"{TEMPLATE_DIR}/{step}_body.txt", context)
    html = render_to_string(f"{TEMPLATE_DIR}/{step}_body.html", context)
    message = EmailMultiAlternatives(
        subject, text, from_email=settings.ONBOARDING_FROM_EMAIL, to=[email],
        headers={
            "Message-ID": message_id or onboarding_message_id(order_number=order.number, step=step),
            # RFC 8058 one-click unsubscribe: mail clients POST to the link.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def onboarding_message_for_row(row: OnboardingEmail) -> EmailMultiAlternatives:
    # The Message-ID stored when the row was scheduled: every copy carries the same one.
    return onboarding_message_build(order=row.order, step=row.step, email=row.email, message_id=row.message_id)
