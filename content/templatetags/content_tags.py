"""Template helpers for articles: comment text as safe HTML."""

from django import template

from content.comment_text import comment_html

register = template.Library()


@register.filter
def comment_text(text):
    """A reader's plain-text comment: escaped, paragraphs kept, web addresses as nofollow links."""
    return comment_html(text or "")


@register.simple_tag(takes_context=True)
def card_variants(context, product):
    """A parent product's public children, each with whether it can be bought now.

    Built from the prefetched children and stock (Oscar's basket form queries each
    child again); the basket:add view still checks the choice with Oscar's own form.
    """
    strategy = context["request"].strategy
    variants = []
    for child in product.get_public_children():
        label = child.title.removeprefix(product.title).strip(" –-") or child.get_title()
        variants.append({"child": child, "label": label,
                         "available": strategy.fetch_for_product(child).availability.is_available_to_buy})
    return variants


@register.filter
def lookup(mapping, key):
    return mapping.get(key)
