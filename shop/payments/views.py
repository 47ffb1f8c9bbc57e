"""The Stripe webhook endpoint: a thin HTTP shell around webhooks.webhook_receive."""

import logging

from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.payments import stripe_api, webhooks

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
@transaction.non_atomic_requests  # webhook_receive owns its transaction: the event id and its effects commit together
def stripe_webhook(request):
    try:
        result = webhooks.webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except stripe_api.SignatureInvalid as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("Invalid signature")
    except Exception:
        # The shop could not do its part (Stripe unreachable, database down…): 500, Stripe retries.
        logger.exception("Stripe webhook failed; Stripe will retry")
        return HttpResponse("Webhook not processed", status=500)
    return HttpResponse(result.outcome)
