"""Uploaded images (product pictures) served by the web process when they live on local disk."""

from django.conf import settings
from django.db import transaction
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_MAX_AGE = 60 * 60 * 24  # uploaded names can be replaced, so a day rather than forever


@require_safe
@transaction.non_atomic_requests
def media_serve(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response
