"""Product and article pictures at the sizes shop.css shows them: one `<img>` with srcset and sizes.

Each layout names where a picture sits in the stylesheet: the thumbnail box its `src`
and width/height come from, the widths offered in `srcset` (about 1x to 3x of the
width it is laid out at), and a `sizes` value that repeats the CSS's widths, so a
phone downloads a small file and a high-density desktop a sharp one. Thumbnails go
through Oscar's thumbnailer (sorl-thumbnail); after the first render each one is a
lookup in the process's memory (shop/storefront/thumbnail_index.py), never a query.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html, format_html_join
from oscar.core.thumbnails import get_thumbnailer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PictureLayout:
    box: str  # "480x360" (cropped to it) or "960x" (a width, the height in proportion)
    widths: tuple[int, ...]
    sizes: str
    quality: int = 80

    def __post_init__(self):
        # src is one of the srcset's files: one thumbnail and one cache read fewer.
        if int(self.box.split("x")[0]) not in self.widths:
            raise ValueError(f"the box {self.box} is not one of the widths {self.widths}")

    @property
    def crop(self) -> bool:
        return not self.box.endswith("x")

    def geometry(self, width: int) -> str:
        if not self.crop:
            return f"{width}x"  # Oscar's thumbnailer spells "width only" so
        box_width, box_height = (int(side) for side in self.box.split("x"))
        return f"{width}x{round(width * box_height / box_width)}"


# The widths come from static/css/shop.css and article.css (rem = 16px; .wrap is at most
# 72rem wide with 1rem padding). Keep `sizes` in step when the CSS changes
# (tests/storefront/test_pictures_browser.py measures both). Chromium takes the smaller
# of two candidates unless the screen's density is past their geometric mean, so the
# widths sit close to 1x, 1.5x, 2x and 3x of the common slots (e.g. 540 for a 265px card
# on a 2x screen, 360 for a 184px card on a 1.75x phone).
LAYOUTS = {
    # .product-grid: below 48rem columns of at least 10rem with .75rem gaps (one up to
    # 22.75rem, two on most phones, three from 33.5rem, four from 44.25rem); from 48rem
    # columns of at least 15rem with 1.25rem gaps (two, three from 49.5rem, four from
    # 65.75rem, ~265px at 72rem). Approximate on purpose, as it is repeated on every card:
    # where there are more columns than assumed, the browser picks a larger file than needed.
    "card": PictureLayout(
        box="360x270", widths=(240, 360, 540, 720), quality=80,
        sizes="(min-width: 72rem) 17rem, (min-width: 49.5rem) calc(33.3vw - 1.5rem), "
              "(min-width: 22.75rem) calc(50vw - 1.375rem), calc(100vw - 2rem)",
    ),
    # .gallery-main: the page's width on phones; from 56rem the wider of two columns
    # (1.1fr of 1.1fr + 1fr, 2.5rem gap), ~566px at most.
    "product": PictureLayout(
        box="720x540", widths=(360, 540, 720, 960), quality=82,
        sizes="(min-width: 72rem) 566px, (min-width: 56rem) calc(52.4vw - 2.4rem), calc(100vw - 2rem)",
    ),
    # .gallery-thumbs img: 4.25rem, 5rem from 48rem.
    "gallery-thumb": PictureLayout(
        box="120x90", widths=(80, 120, 160, 240), quality=75,
        sizes="(min-width: 48rem) 5rem, 4.25rem",
    ),
    # .basket-line image column: 5.5rem, 7rem from 40rem.
    "basket-line": PictureLayout(
        box="160x120", widths=(120, 160, 240, 320), quality=80,
        sizes="(min-width: 40rem) 7rem, 5.5rem",
    ),
    # .article-product-image img: 120px at every width.
    "article-card": PictureLayout(
        box="240x180", widths=(120, 180, 240, 360), quality=80,
        sizes="120px",
    ),
    # .article-hero: the reading column, at most 40rem.
    "article-hero": PictureLayout(
        box="960x", widths=(480, 640, 960, 1280), quality=82,
        sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)",
    ),
}


# Every layout a product's picture is shown in (the article hero is the article's own).
PRODUCT_LAYOUTS = ("card", "product", "gallery-thumb", "basket-line", "article-card")


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    srcset: str
    sizes: str


def _thumbnail(source, geometry: str, layout: PictureLayout):
    options = {"format": "WEBP", "quality": layout.quality, "upscale": False}
    if layout.crop:
        options["crop"] = "center"
    return get_thumbnailer().generate_thumbnail(source, size=geometry, **options)


def picture_for(*, source, layout: str) -> Picture | None:
    """The picture's src, width/height and srcset for a layout, or None without a usable source.

    Widths a source is too small for are left out (thumbnails never upscale), and every
    `w` descriptor is the real width of its file.
    """
    chosen = LAYOUTS[layout]
    if not source:
        return None
    try:
        candidates, main = {}, None
        for width in chosen.widths:
            geometry = chosen.geometry(width)
            thumbnail = _thumbnail(source, geometry, chosen)
            if thumbnail.size is None:  # sorl-thumbnail could not read the source (it logged why)
                return None
            candidates.setdefault(thumbnail.width, thumbnail.url)
            if geometry == chosen.box:
                main = thumbnail
        srcset = ", ".join(f"{url} {width}w" for width, url in sorted(candidates.items()))
        return Picture(src=main.url, width=main.width, height=main.height, srcset=srcset, sizes=chosen.sizes)
    except Exception:
        # As Oscar's own thumbnail tag does: a broken picture must not break the page.
        if getattr(settings, "OSCAR_THUMBNAIL_DEBUG", settings.DEBUG):
            raise
        logger.exception("No thumbnails for %s (%s)", getattr(source, "name", source), layout)
        return None


def pictures_make(*, source, layouts=PRODUCT_LAYOUTS) -> int:
    """Make a picture's thumbnails for these layouts now, so no shopper waits for them.

    The worker runs it after an upload (shop.storefront.tasks); what already exists is
    only looked up. Returns how many of the layouts have their pictures.
    """
    return sum(picture_for(source=source, layout=layout) is not None for layout in layouts)


def picture_html(*, picture: Picture | None, alt: str, loading: str = "lazy", **attrs) -> str:
    """The `<img>` of a picture_for() result. loading: "lazy" (below the fold), "high" (the
    page's main picture: fetchpriority=high) or "eager". Further attributes: `_` becomes
    `-`, True is written bare, False and None are left out."""
    if picture is None:
        return ""
    if loading == "lazy":
        attrs["loading"] = "lazy"
    elif loading == "high":
        attrs["fetchpriority"] = "high"
    extra = format_html_join(
        "", " {}{}",
        ((name.replace("_", "-"), "" if value is True else format_html('="{}"', value))
         for name, value in attrs.items() if value not in (False, None)),
    )
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async">',
        picture.src, picture.srcset, picture.sizes, picture.width, picture.height, alt, extra,
    )
