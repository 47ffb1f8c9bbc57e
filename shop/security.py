"""Security headers the settings can't express alone: the shop's CSP and Permissions-Policy.

The Content-Security-Policy (django-csp) allows the shop's own origin, plus Stripe.js
from settings.STRIPE_JS_URL and Stripe's frames and API, and nothing else external.
No per-response nonces: storefront pages are served from a shared page cache, so the
header must be the same for every copy. Oscar's dashboard writes inline script, so
/dashboard/ alone also allows 'unsafe-inline' script (staff only, behind login).
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def stripe_sources() -> dict[str, list[str]]:
    """Stripe's origins, read per request (tests point STRIPE_JS_URL at localstripe)."""
    js = _origin(settings.STRIPE_JS_URL)
    api = _origin(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else "https://api.stripe.com"
    frames = [js, "https://hooks.stripe.com"] if js == "https://js.stripe.com" else [js]
    return {"script-src": [js], "connect-src": [api, js], "frame-src": frames}


class ShopCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        update = {directive: sorted(set(filter(None, sources)))
                  for directive, sources in stripe_sources().items()}
        if request.path_info.startswith(tuple(settings.CSP_INLINE_SCRIPT_PATHS)):
            update["script-src"] = [*update["script-src"], "'unsafe-inline'"]
        parts.update = {**update, **(parts.update or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Switches off browser features the shop never uses (camera, geolocation …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=({' '.join(allow)})"
                                for feature, allow in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
