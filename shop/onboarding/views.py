"""The unsubscribe link in every onboarding email: a confirmation page and RFC 8058 one-click."""

import logging

from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from shop.onboarding import services
from shop.onboarding.tokens import unsubscribe_token_read

logger = logging.getLogger(__name__)


# CSRF protection would stop mail clients' one-click POST (RFC 8058), which carries
# no cookie or form token; the signed token in the URL is the authorisation instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        unsubscribe_request = unsubscribe_token_read(token=token)
    except signing.BadSignature:
        logger.info("Unsubscribe with an invalid or expired token")
        return render(request, "onboarding/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        # A GET never changes anything: link scanners in mail systems follow links.
        return render(request, "onboarding/unsubscribe_confirm.html",
                      {"email": unsubscribe_request.email, "token": token})
    services.onboarding_unsubscribe(email=unsubscribe_request.email, order_id=unsubscribe_request.order_id)
    return render(request, "onboarding/unsubscribe_done.html", {"email": unsubscribe_request.email})
