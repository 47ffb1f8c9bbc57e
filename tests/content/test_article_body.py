"""Markdown to safe HTML: anchors, contents, card slots, and nothing executable from the body."""

import re

import pytest

from content.article_body import article_body_parts, article_body_render, front_matter_split
from content.services import OWNER_ARTICLE

XSS_MARKDOWN = """
## Heading

<script>alert("script tag")</script>
<img src="x" onerror="alert('onerror')">
<a href="javascript:alert('js url')" onclick="alert('onclick')">link</a>
[markdown js link](javascript:alert('md'))
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
<svg onload="alert('svg')"><circle /></svg>
<iframe src="https://evil.example/"></iframe>
<div style="background:url(javascript:alert(1))">styled</div>
<b onmouseover="alert('hover')">bold <i>unclosed
<scr<script>ipt>alert('nested')</script>
<form action="https://evil.example/"><input name="card"></form>
<a href="  JaVaScRiPt:alert('case')">case</a>
<p>text</p></div></div><div>
"""

EXECUTABLE = re.compile(r"<script|<iframe|<svg|<form|<input|\son\w+\s*=|javascript:|data:|style=", re.IGNORECASE)


def test_markdown_with_an_xss_corpus_renders_nothing_executable():
    html = article_body_render(XSS_MARKDOWN).html
    assert EXECUTABLE.search(html) is None, html
    assert "link" in html and "bold" in html  # the harmless text survives


def test_headings_get_stable_anchor_ids_and_a_contents_list():
    rendered = article_body_render("## How to Use an Acupressure Mat for Back Pain\n\n### Start Slowly\n\n## Who Can Benefit Most?\n")
    assert '<h2 id="how-to-use-an-acupressure-mat-for-back-pain">' in rendered.html
    assert '<h2 id="who-can-benefit-most">' in rendered.html
    assert [(e.id, [c.id for c in e.children]) for e in rendered.toc] == [
        ("how-to-use-an-acupressure-mat-for-back-pain", ["start-slowly"]),
        ("who-can-benefit-most", []),
    ]


def test_a_card_closes_its_heading_section_and_unknown_headings_go_last():
    html = article_body_render("## A\n\none\n\n### A1\n\ntwo\n\n### A2\n\nthree\n\n## B\n\nfour\n").html
    parts = article_body_parts(html, [("a1", 1), ("a", 2), ("missing", 3)])
    assert [p.product_ids for p in parts] == [[1], [2], [3]]
    assert parts[0].html.rstrip().endswith("<p>two</p>")  # A1 ends where A2 starts
    assert parts[1].html.rstrip().endswith("<p>three</p>")  # A ends where B starts
    assert "".join(p.html for p in parts) == html  # nothing lost or repeated


def test_the_owner_article_front_matter_is_page_furniture_not_body():
    meta, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    assert meta["title"] == "Benefits of acupressure mats for back pain"
    assert meta["page_chrome"] == {
        "author_link_text": "Learn about my authority on the subject of Acupressure",
        "call_to_action": "Shop our best-selling acupressure mats here",
        "comments_heading": "Leave a comment",
    }
    assert body.startswith("Back pain has become one of the most common struggles")
    assert "page_chrome" not in body and "Leave a comment" not in body


@pytest.mark.parametrize("anchor", ["how-to-use-an-acupressure-mat-for-back-pain", "who-can-benefit-most"])
def test_the_owner_article_has_the_anchors_product_pages_link_to(anchor):
    _, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    assert f'id="{anchor}"' in article_body_render(body).html
