"""The article page as a reader gets it: the owner's text, contents, live product cards, metadata."""

import json
import re
from html.parser import HTMLParser

import pytest
from oscar.core.loading import get_model

from content.article_body import front_matter_split
from content.services import OWNER_ARTICLE

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


class _Headings(HTMLParser):
    """The text of every h2/h3 inside the article body, in page order."""

    def __init__(self):
        super().__init__()
        self.inside_body = 0
        self.current = None
        self.headings = []

    def handle_starttag(self, tag, attrs):
        if ("class", "article-body") in attrs:
            self.inside_body = 1
        elif self.inside_body and tag == "div":
            self.inside_body += 1
        if self.inside_body and tag in ("h2", "h3"):
            self.current = []

    def handle_endtag(self, tag):
        if self.inside_body and tag == "div":
            self.inside_body -= 1
        if self.current is not None and tag in ("h2", "h3"):
            self.headings.append("".join(self.current).strip())
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def _owner_headings():
    _, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    return [m.group(1).strip() for m in re.finditer(r"^#{2,3} (.+)$", body, re.MULTILINE)]


def test_every_heading_of_the_owner_article_is_on_the_page_in_order(client, article_url):
    response = client.get(article_url)
    assert response.status_code == 200
    parser = _Headings()
    parser.feed(response.content.decode())
    expected = _owner_headings()
    assert len(expected) == 17
    assert parser.headings == expected


def test_the_owner_text_is_published_as_written(client, article_url):
    html = client.get(article_url).content.decode()
    _, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    paragraphs = [p for p in body.split("\n\n") if p and not p.startswith(("#", "- "))]
    for paragraph in paragraphs:
        assert paragraph.strip() in html
    assert "Take 20 minutes a day to lie back, breathe deeply, and let the mat do the work—your back will thank you." in html


def test_contents_links_to_the_how_to_and_safety_sections(client, article_url):
    html = client.get(article_url).content.decode()
    for anchor in ("how-to-use-an-acupressure-mat-for-back-pain", "who-can-benefit-most"):
        assert f'id="{anchor}"' in html
        assert f'class="article-key-link" href="#{anchor}"' in html
    assert '<a href="#find-the-right-position">Find the Right Position</a>' in html


def test_product_cards_show_live_price_stock_and_an_add_to_basket_form(client, article_url):
    pillow = Product.objects.get(upc="PILLOW-NECK")
    StockRecord.objects.filter(product=pillow).update(price="27.50")
    html = client.get(article_url).content.decode()
    cards = re.findall(r'<aside class="article-product".*?</aside>', html, re.DOTALL)
    assert len(cards) == 2
    mat_card, pillow_card = cards
    assert "Classic Acupressure Mat" in mat_card and "$39.00" in mat_card
    assert 'name="child_id"' in mat_card  # choose a colour
    assert "Ocean Blue" in mat_card
    assert "Acupressure Neck Pillow Attachment" in pillow_card and "$27.50" in pillow_card
    assert "In stock" in pillow_card
    assert f'action="/basket/add/{pillow.pk}/"' in pillow_card
    # The pillow card closes "Find the Right Position" (the text that mentions the pillow).
    assert html.index('id="find-the-right-position"') < html.index(pillow_card) < html.index('id="make-it-part-of-your-routine"')


def test_a_sold_out_product_card_offers_no_basket_form(client, article_url):
    StockRecord.objects.filter(product__upc="PILLOW-NECK").update(num_in_stock=0)
    html = client.get(article_url).content.decode()
    pillow_card = re.findall(r'<aside class="article-product".*?</aside>', html, re.DOTALL)[1]
    assert "Add to basket" not in pillow_card
    assert "Out of stock" in pillow_card or "Unavailable" in pillow_card


def test_adding_the_pillow_to_the_basket_from_its_card(client, article_url):
    pillow = Product.objects.get(upc="PILLOW-NECK")
    client.get(article_url)
    response = client.post(f"/basket/add/{pillow.pk}/", {"quantity": 1}, HTTP_REFERER=article_url)
    assert response.status_code == 302
    basket = client.get("/basket/").content.decode()
    assert "Acupressure Neck Pillow Attachment" in basket


def test_adding_a_mat_colour_to_the_basket_from_its_card(client, article_url):
    html = client.get(article_url).content.decode()
    mat_card = re.findall(r'<aside class="article-product".*?</aside>', html, re.DOTALL)[0]
    action = re.search(r'action="(/basket/add/\d+/)"', mat_card).group(1)
    charcoal = Product.objects.get(upc="MAT-CLASSIC-CHARCOAL")
    assert f'<option value="{charcoal.pk}">Charcoal</option>' in mat_card
    response = client.post(action, {"child_id": charcoal.pk, "quantity": 2})
    assert response.status_code == 302
    assert "Classic Acupressure Mat – Charcoal" in client.get("/basket/").content.decode()


def test_a_sold_out_colour_cannot_be_chosen_on_the_card(client, article_url):
    StockRecord.objects.filter(product__upc="MAT-CLASSIC-CHARCOAL").update(num_in_stock=0)
    html = client.get(article_url).content.decode()
    charcoal = Product.objects.get(upc="MAT-CLASSIC-CHARCOAL")
    assert f'<option value="{charcoal.pk}" disabled>Charcoal (sold out)</option>' in html


def test_call_to_action_json_ld_and_open_graph(client, article, article_url):
    html = client.get(article_url).content.decode()
    assert re.search(r'<a class="article-cta-link" href="/catalogue/">Shop our best-selling acupressure mats here</a>', html)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == article.title
    assert data["mainEntityOfPage"] == f"http://testserver{article_url}"
    assert data["datePublished"] == article.published_at.isoformat()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert '<link rel="stylesheet" href="/static/css/article.css">' in html
    assert "<h2 id=\"comments-title\">Leave a comment</h2>" in html


def test_json_ld_cannot_close_its_script_tag(client, article, article_url):
    article.title = "Mats </script><script>alert(1)</script>"
    article.save()
    html = client.get(article_url).content.decode()
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in json_ld and json.loads(json_ld)["headline"] == article.title


def test_the_author_link_shows_when_staff_give_the_authors_page(client, article, article_url):
    assert "Learn about my authority" not in client.get(article_url).content.decode()
    article.author_url = "/about-the-author/"
    article.save()
    html = client.get(article_url).content.decode()
    assert '<a href="/about-the-author/" rel="author">Learn about my authority on the subject of Acupressure</a>' in html


def _main_content(response):
    """The page's <main> region: the shared header and footer link to the article too."""
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_articles_index_and_unpublished_articles(client, article):
    assert article.title in _main_content(client.get("/articles/"))
    article.is_published = False
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in _main_content(client.get("/articles/"))


def test_home_page_links_to_the_article(client, article_url):
    assert f'href="{article_url}"' in client.get("/").content.decode()


def test_article_markdown_xss_is_not_executable_on_the_page(client, article, article_url):
    article.body = '## Safe\n\n<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    article.save()
    body = client.get(article_url).content.decode().split('<div class="article-body">')[1].split("</div>")[0]
    assert "alert" not in body.replace("alert(", "") or not re.search(r"<script|onerror|javascript:", body)
    assert not re.search(r"<script|onerror|javascript:", body)
