"""Template tags for the storefront: stock wording and the product page's data.

Oscar's own views render the product and basket pages, so the shop's reads reach
those templates through these tags rather than through a view of its own.
"""

from django import template

from shop.storefront import selectors

register = template.Library()


@register.filter
def stock_status(purchase_info):
    """A product's stock as a shopper reads it, from Oscar's purchase info."""
    return selectors.stock_status(availability=purchase_info.availability)


@register.simple_tag
def product_page(request, product):
    return selectors.product_page(request=request, product=product)
