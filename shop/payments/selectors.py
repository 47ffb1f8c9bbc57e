"""Payment reads: what to tell a shopper about a PaymentIntent that did not succeed."""

from shop.payments.stripe_api import PaymentIntentInfo

# Stripe's decline codes a shopper can act on, in plain words.
_DECLINE_MESSAGES = {
    "insufficient_funds": "Your card has insufficient funds. Please use another card.",
    "expired_card": "Your card has expired. Please use another card.",
    "incorrect_cvc": "The security code (CVC) is wrong. Please check it and try again.",
    "incorrect_number": "The card number is wrong. Please check it and try again.",
    "payment_intent_authentication_failure": (
        "Your bank could not confirm this payment (3-D Secure). No money was taken; "
        "please try again or use another card."
    ),
}


def payment_problem_for_shopper(*, intent: PaymentIntentInfo | None) -> str:
    """A sentence for the payment page, or "" when the last attempt did not fail."""
    if intent is None or not (intent.error_code or intent.error_message):
        return ""
    if intent.error_code in _DECLINE_MESSAGES:
        return _DECLINE_MESSAGES[intent.error_code]
    return (f"Your card was declined ({intent.error_message.rstrip('.')}). No money was taken; "
            "please try another card.")
