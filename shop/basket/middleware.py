"""Oscar's basket middleware: a basket with lines is found together with its lines, in one query."""

from django.core.signing import BadSignature, Signer
from oscar.apps.basket import middleware

from .selectors import basket_known_empty, basket_of_lines, open_basket_lines


class BasketMiddleware(middleware.BasketMiddleware):
    def get_basket(self, request):
        # A signed-in shopper with no cookie basket to merge: their open basket and its
        # lines in one query. Otherwise (no lines, several open baskets, a merge) Oscar's way.
        if (
            request._basket_cache is not None
            or not request.user.is_authenticated
            or self.get_cookie_key(request) in request.COOKIES
        ):
            return super().get_basket(request)
        lines = open_basket_lines(owner=request.user)
        basket = basket_of_lines(lines)
        if basket is not None:
            basket.owner = request.user
            request._basket_cache = basket
            return basket
        basket = super().get_basket(request)
        if not lines:
            basket_known_empty(basket)
        return basket

    def get_cookie_basket(self, cookie_key, request, manager):
        try:
            basket_id = Signer().unsign(request.COOKIES[cookie_key]) if cookie_key in request.COOKIES else None
        except BadSignature:
            basket_id = None
        if basket_id is None:
            return super().get_cookie_basket(cookie_key, request, manager)
        lines = open_basket_lines(basket_id=basket_id)
        basket = basket_of_lines(lines)
        if basket is None:
            basket = super().get_cookie_basket(cookie_key, request, manager)
            if basket is not None:
                basket_known_empty(basket)
        return basket
