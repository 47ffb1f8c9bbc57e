"""Product and article pictures: srcset and sizes on every one, files of the stated widths, lazy below the fold.

Pages are rendered with the page cache off; the pictures' files are fetched from the
shop's own /media/ view and opened with Pillow.
"""

import io
import logging
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image
from sorl.thumbnail import get_thumbnail

from content.models import Article
from shop.storefront.pictures import LAYOUTS, PictureLayout
from shop.storefront.thumbnail_engine import is_drawing

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

ARTICLE_SLUG = "benefits-of-acupressure-mats-for-back-pain"


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []
        self.colour_radios = []
        self.gallery_links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "input" and attrs.get("name") == "child_id":
            self.colour_radios.append(attrs)
        elif tag == "a" and "data-gallery-thumb" in attrs:
            self.gallery_links.append(attrs)


def parse(response) -> _Images:
    assert response.status_code == 200
    parser = _Images()
    parser.feed(response.content.decode())
    return parser


def pictures(response) -> list[dict]:
    """The page's uploaded pictures (products, the article hero), in page order."""
    return [img for img in parse(response).images if img["src"].startswith("/media/")]


def srcset_entries(srcset: str) -> list[tuple[str, int]]:
    entries = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w"), candidate
        entries.append((url, int(descriptor[:-1])))
    return entries


def opened(client, url) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def assert_responsive(client, img, layout):
    """srcset, sizes, width/height as the layout says, and every file the width it claims."""
    assert img["sizes"] == LAYOUTS[layout].sizes
    width, height = int(img["width"]), int(img["height"])
    entries = srcset_entries(img["srcset"])
    assert len(entries) >= 3, img["srcset"]
    assert [w for _, w in entries] == sorted({w for _, w in entries})
    assert img["src"] in [url for url, _ in entries]
    for url, stated_width in entries:
        image = opened(client, url)
        assert image.format == "WEBP", url
        assert image.width == stated_width, url
        # Same shape as the width/height the page reserves (no layout shift, no stretching).
        assert abs(image.height - image.width * height / width) <= 1, url


@pytest.fixture
def shop(catalogue, settings):
    from content.services import article_setup

    article_setup()
    settings.SHOP_PAGE_CACHE_SECONDS = 0


def test_home_cards_have_srcset_and_only_the_first_row_loads_at_once(client, shop):
    images = pictures(client.get("/"))
    assert len(images) == 5  # three mats, the pillow, the bundle
    for img in images:
        assert_responsive(client, img, "card")
        assert img["alt"]
    first_row, below = images[:3], images[3:]
    for img in first_row:
        assert "loading" not in img and img["fetchpriority"] == "high"
    for img in below:
        assert img["loading"] == "lazy" and "fetchpriority" not in img


def test_catalogue_grid_cards_lazy_after_the_first_row(client, shop):
    images = pictures(client.get(reverse("catalogue:index")))
    assert len(images) == 5
    for img in images:
        assert img["srcset"] and img["sizes"] == LAYOUTS["card"].sizes
    assert [img.get("loading") for img in images] == [None, None, None, None, "lazy"]


def test_product_page_main_picture_gallery_and_colours(client, shop):
    mat = Product.objects.get(upc="MAT-CLASSIC")
    page = parse(client.get(mat.get_absolute_url()))
    images = [img for img in page.images if img["src"].startswith("/media/")]
    main, thumbs = images[0], images[1:]
    assert main["class"] == "gallery-main" and "data-gallery-main" in main
    assert_responsive(client, main, "product")
    assert main["fetchpriority"] == "high" and "loading" not in main
    assert len(thumbs) == 4
    for img in thumbs:
        assert_responsive(client, img, "gallery-thumb")
        assert img["loading"] == "lazy"
    # The gallery links and colour radios carry the large picture's srcset for the script.
    assert len(page.gallery_links) == 4 and len(page.colour_radios) == 4
    for element, src_attribute in [(a, "href") for a in page.gallery_links] + [(r, "data-image") for r in page.colour_radios]:
        entries = srcset_entries(element["data-srcset"])
        assert element[src_attribute] in [url for url, _ in entries]
        assert [w for _, w in entries] == [360, 540, 720, 960]
    # The first colour's picture is the main picture.
    assert page.colour_radios[0]["data-srcset"] == main["srcset"]


def test_basket_line_picture(client, shop):
    mat = Product.objects.get(upc="MAT-CLASSIC")
    pink = Product.objects.get(upc="MAT-CLASSIC-LOTUS-PINK")
    client.post(reverse("basket:add", kwargs={"pk": mat.pk}), {"quantity": 1, "child_id": pink.pk})
    images = pictures(client.get(reverse("basket:summary")))
    assert len(images) == 1
    assert_responsive(client, images[0], "basket-line")
    assert images[0]["alt"] == "Classic Acupressure Mat in Lotus Pink"
    assert "loading" not in images[0]  # in view when the basket opens


def test_article_product_cards_are_lazy_webp_with_srcset(client, shop):
    images = pictures(client.get(Article.objects.get(slug=ARTICLE_SLUG).get_absolute_url()))
    assert len(images) == 2  # the mat and the pillow cards; no hero picture yet
    for img in images:
        assert_responsive(client, img, "article-card")
        assert img["loading"] == "lazy"


def picture_file(width, height) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (31, 95, 91)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def test_article_hero_has_width_height_and_srcset_in_its_own_shape(client, shop):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    article.hero_image.save("hero.png", picture_file(1600, 900))
    article.hero_image_alt = "A mat on a wooden floor"
    article.save()
    hero = pictures(client.get(article.get_absolute_url()))[0]
    assert hero["class"] == "article-hero" and hero["alt"] == "A mat on a wooden floor"
    assert (hero["width"], hero["height"]) == ("960", "540")
    assert hero["fetchpriority"] == "high" and "loading" not in hero
    assert [w for _, w in srcset_entries(hero["srcset"])] == [480, 640, 960, 1280]
    assert_responsive(client, hero, "article-hero")


def test_a_small_hero_is_never_upscaled(client, shop):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    article.hero_image.save("small-hero.png", picture_file(700, 400))
    article.save()
    hero = pictures(client.get(article.get_absolute_url()))[0]
    assert (hero["width"], hero["height"]) == ("700", "400")
    assert [w for _, w in srcset_entries(hero["srcset"])] == [480, 640, 700]
    assert_responsive(client, hero, "article-hero")


def test_a_hero_whose_file_is_gone_leaves_the_page_working(client, shop, caplog):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    article.hero_image.save("gone.png", picture_file(1200, 800))
    article.save()
    article.hero_image.storage.delete(article.hero_image.name)
    with caplog.at_level(logging.WARNING):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert not any("article-hero" in img.get("class", "") for img in parse(response).images)
    assert len(pictures(response)) == 2  # the product cards still show


def test_drawn_pictures_are_lossless_and_photos_lossy():
    drawing = Image.new("RGB", (960, 720), (246, 242, 236))
    drawing.paste((31, 95, 91), (120, 100, 840, 620))
    photo = Image.merge("RGB", [Image.effect_noise((960, 720), sigma) for sigma in (40, 60, 80)])
    assert is_drawing(drawing) and not is_drawing(photo)
    sizes = {}
    for name, image in (("drawing", drawing), ("photo", photo)):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        stored = default_storage.save(f"tests/{name}.png", ContentFile(buffer.getvalue()))
        thumbnail = get_thumbnail(stored, "720x540", crop="center", format="WEBP", quality=82)
        with Image.open(default_storage.open(thumbnail.name)) as webp:
            assert webp.format == "WEBP" and webp.size == (720, 540)
            # Lossless keeps the drawing's colours exactly; lossy WebP shifts them.
            assert (webp.convert("RGB").getpixel((360, 270)) == (31, 95, 91)) is (name == "drawing")
        sizes[name] = default_storage.size(thumbnail.name)
    assert sizes["drawing"] < 2_000 < sizes["photo"]


def test_a_layout_whose_src_is_not_in_its_srcset_is_refused():
    with pytest.raises(ValueError, match="480x360 is not one of the widths"):
        PictureLayout(box="480x360", widths=(240, 360, 720), sizes="100vw")
