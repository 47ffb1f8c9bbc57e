"""`{% picture %}`: a product or article picture as one responsive `<img>` (shop/storefront/pictures.py).

    {% picture image.original "card" alt=title loading=lazy|yesno:"lazy,high" %}
    {% picture_for variant.image.original "product" as variant_picture %}  {# .src, .srcset #}
"""

from django import template

from shop.storefront import pictures

register = template.Library()


@register.simple_tag
def picture(source, layout, *, alt, loading="lazy", **attrs):
    return pictures.picture_html(source=source, layout=layout, alt=alt, loading=loading, **attrs)


@register.simple_tag
def picture_for(source, layout):
    return pictures.picture_for(source=source, layout=layout)
