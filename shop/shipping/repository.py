"""Shipping methods offered at checkout: the rate rows staff edit in Oscar's dashboard.

Standard and express are OrderAndItemCharges rows (price per order, optional free
shipping threshold), created by the setup command; cheapest first, so standard is
the default shown on the basket page.
"""

from oscar.apps.shipping import repository
from oscar.core.loading import get_model

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        return list(OrderAndItemCharges.objects.order_by("price_per_order", "code"))
