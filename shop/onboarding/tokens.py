"""Signed unsubscribe links: the signature is the authorisation, no login needed."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "shop.onboarding.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeRequest:
    email: str
    order_id: int


def unsubscribe_token_make(*, email: str, order_id: int) -> str:
    return signing.dumps({"email": email, "order": order_id}, salt=SALT, compress=True)


def unsubscribe_token_read(*, token: str) -> UnsubscribeRequest:
    """The request a token carries; raises signing.BadSignature (incl. expired) when invalid."""
    payload = signing.loads(token, salt=SALT, max_age=settings.ONBOARDING_UNSUBSCRIBE_MAX_AGE_DAYS * 86400)
    try:
        return UnsubscribeRequest(email=str(payload["email"]), order_id=int(payload["order"]))
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Malformed unsubscribe token") from error
