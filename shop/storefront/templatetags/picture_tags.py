"""`{% picture %}`: a product or article picture as one responsive `<img>` (shop/storefront/pictures.py).

    {% picture image.original "card" alt=title loading=lazy|yesno:"lazy,high" %}
    {% picture_for variant.image.original "product" as variant_picture %}  {# .src, .srcset #}
"""

from django import template

from shop.storefront import pictures

register = template.Library()


def _picture(context, source, layout):
    # A product page shows each colour's picture twice (gallery link, colour radio): ask
    # sorl-thumbnail's store once per render.
    seen = context.render_context.setdefault("pictures", {})
    key = (getattr(source, "name", source), layout)
    if key not in seen:
        seen[key] = pictures.picture_for(source=source, layout=layout)
    return seen[key]


@register.simple_tag(takes_context=True)
def picture(context, source, layout, *, alt, loading="lazy", **attrs):
    return pictures.picture_html(picture=_picture(context, source, layout), alt=alt, loading=loading, **attrs)


@register.simple_tag(takes_context=True)
def picture_for(context, source, layout):
    return _picture(context, source, layout)
