"""Template helpers for articles: comment text as safe HTML, the home page's article link."""

from django import template

from content.comment_text import comment_html
from content.selectors import featured_article

register = template.Library()


@register.filter
def comment_text(text):
    """A reader's plain-text comment: escaped, paragraphs kept, web addresses as nofollow links."""
    return comment_html(text or "")


@register.simple_tag
def home_article():
    return featured_article()


@register.filter
def lookup(mapping, key):
    return mapping.get(key)
