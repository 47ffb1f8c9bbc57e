"""The only module that talks to Stripe: small typed results for the rest of the shop.

Every call goes through one StripeClient pinned to settings.STRIPE_API_VERSION and,
offline, pointed at localstripe (settings.STRIPE_API_BASE). Money crosses this
boundary as integer minor units, converted in `to_minor_units`/`from_minor_units`.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings

# ISO currencies Stripe counts in whole units (no cents).
ZERO_DECIMAL_CURRENCIES = frozenset(
    "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split()
)


class StripeFailure(Exception):
    """Stripe could not be reached or refused the request (our side, or theirs)."""


class PaymentDeclined(Exception):
    """The card was declined or authentication failed: the shopper can act on `message`."""

    def __init__(self, message, code=""):
        super().__init__(message)
        self.message = message
        self.code = code


class SignatureInvalid(Exception):
    """A webhook body whose Stripe-Signature does not verify with our endpoint secret."""


@dataclass(frozen=True)
class PaymentIntentInfo:
    id: str
    status: str
    amount: int
    amount_received: int
    currency: str
    client_secret: str
    metadata: dict = field(default_factory=dict)
    latest_charge_id: str = ""
    error_code: str = ""
    error_message: str = ""

    @property
    def succeeded(self):
        return self.status == "succeeded"


@dataclass(frozen=True)
class RefundInfo:
    id: str
    status: str
    amount: int
    currency: str
    payment_intent_id: str


@dataclass(frozen=True)
class EventInfo:
    id: str
    type: str
    data_object: dict


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Decimal shop money → Stripe's integer amount (cents, or whole yen)."""
    exponent = Decimal("1") if currency.lower() in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return int((amount.quantize(exponent, rounding=ROUND_HALF_UP) / exponent).to_integral_value())


def from_minor_units(amount: int, currency: str) -> Decimal:
    if currency.lower() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount)
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def is_localstripe() -> bool:
    return bool(settings.STRIPE_API_BASE)


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=settings.STRIPE_API_VERSION,
        base_addresses=base,
        max_network_retries=2,
    )


def id_of(value) -> str:
    # Real Stripe returns ids for related objects; localstripe expands some of them.
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get("id", "") if isinstance(value, dict) else getattr(value, "id", "")


def _payment_intent_info(obj) -> PaymentIntentInfo:
    data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    error = data.get("last_payment_error") or {}
    return PaymentIntentInfo(
        id=data["id"],
        status=data["status"],
        amount=int(data["amount"]),
        amount_received=int(data.get("amount_received") or data["amount"]),
        currency=data["currency"],
        client_secret=data.get("client_secret") or "",
        metadata=dict(data.get("metadata") or {}),
        latest_charge_id=id_of(data.get("latest_charge")),
        error_code=error.get("decline_code") or error.get("code") or "",
        error_message=error.get("message") or "",
    )


def _refund_info(obj) -> RefundInfo:
    data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    return RefundInfo(
        id=data["id"],
        status=data.get("status") or "",
        amount=int(data["amount"]),
        currency=data["currency"],
        payment_intent_id=id_of(data.get("payment_intent")),
    )


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except stripe.CardError as error:
        raise PaymentDeclined(error.user_message or str(error), error.code or "") from error
    except stripe.StripeError as error:
        raise StripeFailure(f"{type(error).__name__}: {error.user_message or error}") from error


def payment_intent_create(*, amount: int, currency: str, metadata: dict, idempotency_key: str) -> PaymentIntentInfo:
    params = {"amount": amount, "currency": currency.lower(), "metadata": metadata}
    if not is_localstripe():
        # Cards and the wallets enabled in the Stripe dashboard, shown by the Payment Element
        # (localstripe rejects this parameter).
        params["automatic_payment_methods"] = {"enabled": True}
    intent = _call(_client().v1.payment_intents.create, params=params,
                   options={"idempotency_key": idempotency_key})
    return _payment_intent_info(intent)


def payment_intent_retrieve(payment_intent_id: str) -> PaymentIntentInfo:
    return _payment_intent_info(_call(_client().v1.payment_intents.retrieve, payment_intent_id))


def payment_intent_update_amount(payment_intent_id: str, *, amount: int, currency: str) -> PaymentIntentInfo:
    intent = _call(_client().v1.payment_intents.update, payment_intent_id,
                   params={"amount": amount, "currency": currency.lower()})
    return _payment_intent_info(intent)


def payment_intent_confirm_with_card(payment_intent_id: str, *, card_id: str) -> PaymentIntentInfo:
    """Attach a tokenised card and confirm server-side (the offline card-token flow).

    A decline comes back as the PaymentIntent in `requires_payment_method` with its
    error, not as an exception, so both callers read one shape.
    """
    client = _client()
    _call(client.v1.payment_intents.update, payment_intent_id, params={"payment_method": card_id})
    try:
        return _payment_intent_info(_call(client.v1.payment_intents.confirm, payment_intent_id))
    except PaymentDeclined:
        return payment_intent_retrieve(payment_intent_id)


def payment_intent_cancel(payment_intent_id: str) -> PaymentIntentInfo:
    return _payment_intent_info(_call(_client().v1.payment_intents.cancel, payment_intent_id))


def refund_create(*, payment_intent_id: str, amount: int, idempotency_key: str, metadata: dict) -> RefundInfo:
    params = {"payment_intent": payment_intent_id, "amount": amount, "metadata": metadata}
    refund = _call(_client().v1.refunds.create, params=params,
                   options={"idempotency_key": idempotency_key})
    return _refund_info(refund)


def refund_retrieve(refund_id: str) -> RefundInfo:
    return _refund_info(_call(_client().v1.refunds.retrieve, refund_id))


def webhook_event_construct(*, payload: bytes, signature: str) -> EventInfo:
    """Verify the Stripe-Signature header against the raw body and parse the event."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise SignatureInvalid(str(error)) from error
    except (AttributeError, TypeError) as error:  # signed, but not a JSON object (fuzzing found it)
        raise SignatureInvalid(f"not an event: {error}") from error
    try:
        data = event.to_dict()
        info = EventInfo(id=data["id"], type=data["type"], data_object=data["data"]["object"])
    except (KeyError, TypeError, AttributeError) as error:
        raise SignatureInvalid(f"not an event: missing {error}") from error
    if not isinstance(info.id, str) or not isinstance(info.type, str) or not isinstance(info.data_object, dict):
        raise SignatureInvalid("not an event: id, type or data.object has the wrong type")
    if not isinstance(info.data_object.get("id"), str):
        raise SignatureInvalid("not an event: data.object has no id")
    return info


def refunds_for_payment_intent(payment_intent_id: str) -> list[RefundInfo]:
    page = _call(_client().v1.refunds.list, params={"payment_intent": payment_intent_id, "limit": 100})
    return [_refund_info(refund) for refund in page.data]
