"""An article's Markdown turned into safe HTML, its table of contents, and card slots.

Markdown may contain raw HTML, so the rendered HTML always goes through nh3
(the Ammonia sanitiser): only the tags and attributes below survive, links keep
only http(s)/mailto/relative URLs, scripts and event handlers are dropped.
"""

import re
from dataclasses import dataclass, field

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "em", "strong", "b", "i", "code", "pre", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td",
}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    **{tag: {"id"} for tag in HEADINGS},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">')


@dataclass
class TocEntry:
    id: str
    title: str
    children: list["TocEntry"] = field(default_factory=list)


@dataclass
class RenderedBody:
    html: str
    toc: list[TocEntry]


@dataclass
class BodyPart:
    """A run of article HTML followed by the product cards placed after it."""

    html: str
    product_ids: list[int] = field(default_factory=list)


def front_matter_split(text: str) -> tuple[dict, str]:
    """The `---` front matter (flat keys and one nested level of quoted strings) and the body."""
    if not text.startswith("---\n"):
        return {}, text
    header, _, body = text[4:].partition("\n---\n")
    meta: dict = {}
    parent = None
    for line in header.splitlines():
        if not line.strip():
            continue
        key, _, value = line.strip().partition(":")
        value = _front_matter_value(value)
        if line.startswith((" ", "\t")) and parent is not None:
            meta[parent][key] = value
        elif value == "":
            parent = key
            meta[key] = {}
        else:
            parent = None
            meta[key] = value
    return meta, body.lstrip("\n")


def _front_matter_value(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith('"'):
        return raw[1:].split('"', 1)[0]
    return raw.split("  #", 1)[0].strip()


def article_body_render(text: str) -> RenderedBody:
    """Markdown → sanitised HTML, headings with stable ids, and the contents list."""
    converter = markdown.Markdown(extensions=["toc", "sane_lists", "tables"])
    html = converter.convert(text)
    safe_html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return RenderedBody(html=safe_html, toc=[_toc_entry(token) for token in converter.toc_tokens])


def _toc_entry(token) -> TocEntry:
    return TocEntry(id=token["id"], title=token["name"], children=[_toc_entry(t) for t in token["children"]])


def article_body_parts(html: str, cards: list[tuple[str, int]]) -> list[BodyPart]:
    """Split the HTML so each (heading id, product id) card closes that heading's section.

    A section ends at the next heading of the same or a higher level; a card whose
    heading is not in the article goes to the end, so a renamed heading hides nothing.
    """
    headings = [(m.start(), int(m.group(1)), m.group(2)) for m in _HEADING.finditer(html)]
    cuts: dict[int, list[int]] = {}
    for anchor, product_id in cards:
        cuts.setdefault(_section_end(headings, anchor, len(html)), []).append(product_id)
    parts, start = [], 0
    for position in sorted(cuts):
        parts.append(BodyPart(html=html[start:position], product_ids=cuts[position]))
        start = position
    if start < len(html) or not parts:
        parts.append(BodyPart(html=html[start:]))
    return parts


def _section_end(headings, anchor: str, end: int) -> int:
    for index, (_, level, heading_id) in enumerate(headings):
        if heading_id == anchor:
            for position, next_level, _ in headings[index + 1:]:
                if next_level <= level:
                    return position
            return end
    return end
