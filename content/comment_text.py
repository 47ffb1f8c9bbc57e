"""Reader comments are plain text: escaped, paragraphs kept, web addresses made into links."""

import re

from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

# http(s) addresses and bare www. ones; other schemes (javascript:, data:) stay text.
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
LINK_REL = "nofollow ugc noopener"


def comment_link_count(text: str) -> int:
    return len(_LINK.findall(text))


def comment_html(text: str) -> SafeString:
    pieces, position = [], 0
    for match in _LINK.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(url)
        href = url if url.lower().startswith("http") else f"https://{url}"
        pieces.append(escape(text[position:start]))
        pieces.append(format_html('<a href="{}" rel="{}">{}</a>', href, LINK_REL, url))
        position = end
    pieces.append(escape(text[position:]))
    # linebreaks() with autoescape off: every piece above is escaped already.
    return mark_safe(linebreaks("".join(pieces), autoescape=False))
