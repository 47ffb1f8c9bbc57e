"""Every storefront page renders from the seeded catalogue and shows what a shopper expects."""

import html as html_lib
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's visible words, one space between them (tags and whitespace runs removed)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_home_shows_hero_mats_pillow_bundle_and_article(client, catalogue):
    response = client.get("/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Ease your back" in text
    for title in ("Classic Acupressure Mat", "Premium Linen Acupressure Mat", "Full-Length Acupressure Mat",
                  "Acupressure Neck Pillow Attachment", "Back & Neck Relief Set"):
        assert title in text
    assert "from $39.00" in text
    assert "$24.00" in text
    assert "Free standard shipping on orders over $75.00" in text
    html = response.content.decode()
    assert 'href="/articles/benefits-of-acupressure-mats-for-back-pain/"' in html
    assert "Benefits of acupressure mats for back pain" in text
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html


def test_storefront_pages_load_no_oscar_bootstrap(client, catalogue):
    html = client.get("/").content.decode()
    assert "css/shop.css" in html
    assert "oscar/css/styles.css" not in html
    assert "jquery" not in html.lower()
    assert "https://" not in html.replace("https://schema.org", "")


def test_catalogue_lists_every_product_with_image_price_and_stock(client, catalogue):
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    text = text_of(response)
    assert "5 products" in text
    assert text.count("In stock") == 5
    for expected in ("Classic Acupressure Mat from $39.00", "Premium Linen Acupressure Mat from $59.00",
                     "Full-Length Acupressure Mat from $79.00", "Acupressure Neck Pillow Attachment $24.00",
                     "Back & Neck Relief Set $55.00"):
        assert expected in text
    html = response.content.decode()
    images = re.findall(r"<img [^>]*>", html)
    product_images = [img for img in images if "/media/" in img]
    assert len(product_images) == 5
    for img in product_images:
        assert re.search(r'width="\d+" height="\d+"', img)
    assert 'alt="Classic Acupressure Mat in Ocean Blue"' in html
    # The first row loads at once, later cards lazily.
    assert sum('loading="lazy"' in img for img in product_images) == 1


@pytest.mark.parametrize("slug, shown, not_shown", [
    ("mats", ["Classic Acupressure Mat", "Premium Linen Acupressure Mat", "Full-Length Acupressure Mat"],
     ["Neck Pillow"]),
    ("pillows", ["Acupressure Neck Pillow Attachment"], ["Classic Acupressure Mat"]),
    ("bundles", ["Back & Neck Relief Set"], ["Premium Linen"]),
])
def test_each_category_lists_its_products(client, category_by_slug, slug, shown, not_shown):
    category = category_by_slug(slug)
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert f"<h1>{category.name}</h1>" in response.content.decode()
    for title in shown:
        assert title in text
    for title in not_shown:
        assert title not in text
    assert 'aria-current="page">' + category.name in response.content.decode()


def test_mat_page_shows_gallery_colours_stock_attributes_how_to_and_safety(client, product_by_upc):
    mat = product_by_upc("MAT-CLASSIC")
    response = client.get(mat.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "Classic Acupressure Mat" in text and "$39.00" in text
    # Gallery: the main picture and one thumbnail per colour.
    assert html.count("data-gallery-thumb") == 4
    for colour in ("Ocean Blue", "Lotus Pink", "Forest Green", "Charcoal"):
        child = mat.children.get(title__endswith=colour)
        assert f'name="child_id" id="colour-{child.pk}" value="{child.pk}"' in html
        assert f'alt="Show picture: Classic Acupressure Mat in {colour}"' in html
    assert "Charcoal Only 3 left" in text
    assert "Ocean Blue In stock" in text
    for name, value in (("Size", "68 × 42 cm"), ("Acupressure points", "6,210"), ("Rosettes", "210"),
                        ("Filling", "High-density foam"), ("Cover fabric", "Organic cotton"),
                        ("Weight (kg)", "0.8"), ("Removable washable cover", "Yes"),
                        ("Colours", "Ocean Blue, Lotus Pink, Forest Green, Charcoal")):
        assert f"{name} {value}" in text
    assert "Start with 5–10 minutes" in text and "build up to 20–30 minutes" in text
    assert "#how-to-use-an-acupressure-mat-for-back-pain" in html
    assert "Not for use during pregnancy, on certain skin conditions, or with circulation problems" in text
    assert "healthcare professional" in text
    assert "#who-can-benefit-most" in html
    assert f'action="/basket/add/{mat.pk}/"' in html


def test_out_of_stock_colour_is_shown_but_cannot_be_chosen(client, product_by_upc):
    linen = product_by_upc("MAT-LINEN")
    sage = product_by_upc("MAT-LINEN-SAGE")
    response = client.get(linen.get_absolute_url())
    html = response.content.decode()
    radio = re.search(rf'<input type="radio" name="child_id" id="colour-{sage.pk}"[^>]*>', html, re.S).group(0)
    assert "disabled" in radio
    assert "Sage Out of stock" in text_of(response)


def test_child_url_shows_the_parent_with_that_colour_chosen(client, product_by_upc):
    charcoal = product_by_upc("MAT-CLASSIC-CHARCOAL")
    response = client.get(charcoal.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    radio = re.search(rf'<input type="radio" name="child_id" id="colour-{charcoal.pk}"[^>]*>', html, re.S).group(0)
    assert "checked" in radio
    assert "Charcoal: Only 3 left" in text_of(response)


@pytest.mark.parametrize("upc, price, extra", [
    ("PILLOW-NECK", "$24.00", ("Filling Buckwheat hulls", "Size 37 × 13 × 10 cm")),
    ("BUNDLE-BACK-NECK", "$55.00", ("In the box Classic Acupressure Mat (Ocean Blue), Neck Pillow Attachment",)),
])
def test_pillow_and_bundle_pages(client, product_by_upc, upc, price, extra):
    product = product_by_upc(upc)
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert product.title in text and price in text and "In stock" in text
    for snippet in extra:
        assert snippet in text
    assert 'name="child_id"' not in response.content.decode()


def test_search_finds_products_by_word(client, catalogue):
    response = client.get(reverse("search:search"), {"q": "linen"})
    assert response.status_code == 200
    text = text_of(response)
    assert "Premium Linen Acupressure Mat" in text and "from $59.00" in text
    assert "Neck Pillow" not in text


def test_search_with_no_match_says_so(client, catalogue):
    text = text_of(client.get(reverse("search:search"), {"q": "trampoline"}))
    assert "Nothing matches “trampoline”" in text


def test_empty_basket_page(client, catalogue):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    assert "Your cart is empty." in text_of(response)


@pytest.mark.parametrize("url", [
    "/catalogue/no-such-mat_99999/",
    "/catalogue/category/no-such-category_99999/",
    "/no-such-page/",
])
def test_unknown_urls_get_the_shops_404_page(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 404
    text = text_of(response)
    assert "We couldn't find that page" in text
    assert "Browse all mats and pillows" in text
    assert "css/shop.css" in response.content.decode()


def test_500_page_renders_without_the_database(rf, django_assert_num_queries):
    from shop.storefront.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "<style>" in response.content.decode()


@pytest.mark.parametrize("url", ["/accounts/login/", "/offers/", "/offers/mat-and-pillow/"])
def test_pages_the_shop_does_not_restyle_keep_oscars_css_and_scripts(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "oscar/css/styles.css" in html and "css/shop.css" in html
    assert "oscar/js/jquery/jquery.min.js" in html and "oscar.init()" in html
    assert "ajax.googleapis.com" not in html


def test_dashboard_still_renders_on_the_shops_base_template(client, catalogue, django_user_model):
    staff = django_user_model.objects.create_user(
        username="staff", email="staff@example.com", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "oscar/js/jquery/jquery.min.js" in html
    assert "ajax.googleapis.com" not in html


def test_stock_words_follow_the_stock_level(client, product_by_upc):
    pillow = product_by_upc("PILLOW-NECK")
    stockrecord = pillow.stockrecords.get()

    stockrecord.num_in_stock = 2
    stockrecord.save()
    assert "Acupressure Neck Pillow Attachment $24.00 Only 2 left" in text_of(client.get(reverse("catalogue:index")))

    stockrecord.num_in_stock = 0
    stockrecord.save()
    assert "Acupressure Neck Pillow Attachment $24.00 Out of stock View details" in text_of(
        client.get(reverse("catalogue:index")))
    page = client.get(pillow.get_absolute_url())
    assert "This product is out of stock at the moment." in text_of(page)
    assert "/basket/add/" not in page.content.decode()


def test_catalogue_pages_through_many_products(client, catalogue):
    from tests.performance.test_query_budget import add_products

    add_products(30)
    first = client.get(reverse("catalogue:index"))
    text = text_of(first)
    assert "35 products, showing 1–24" in text and "Page 1 of 2" in text
    second = client.get(reverse("catalogue:index"), {"page": 2})
    assert "35 products, showing 25–35" in text_of(second)
    assert second.content.decode().count("<article class=\"product-card\">") == 11
    # A page past the end goes back to the first, saying so.
    beyond = client.get(reverse("catalogue:index"), {"page": 9}, follow=True)
    assert "That page number does not exist; here is the first page." in text_of(beyond)
