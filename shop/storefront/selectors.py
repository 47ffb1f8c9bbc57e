"""What the storefront pages show, read in a fixed, small number of queries."""

from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.serializers import JSONSerializer
from django.core.cache import cache
from django.db.models import BooleanField, Case, Prefetch, Q, When, prefetch_related_objects
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.catalogue_data import COLOURS
from shop.search.selectors import LISTING_ORDER, product_listing

from .page_cache import storefront_pages_version

AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")

MATS_CATEGORY = "mats"
PILLOWS_CATEGORY = "pillows"
BUNDLES_CATEGORY = "bundles"

# At or below this many left, a shopper sees "Only N left" instead of "In stock".
LOW_STOCK_LEVEL = 5
COLOUR_ATTRIBUTE = "colour"
# Oscar's basket view keeps a rejected add-to-basket form's data under this key.
REJECTED_BASKET_FORM_KEY = "add_to_basket_form_post_data_%s"


# A bulk update sends no signal (README "Speed"): the menu is at most this old then.
NAVIGATION_CACHE_SECONDS = 300


def navigation_categories():
    """Top-level public categories for the header menu, from the cache when it has them.

    Cached under the storefront pages' version token, which a saved or deleted category
    renews (receivers.py): every page, signed in or not, draws the menu without a query.
    """
    key = f"storefront:navigation:{storefront_pages_version()}"
    categories = cache.get(key)
    if categories is None:
        categories = list(Category.get_root_nodes().filter(is_public=True).order_by("path"))
        cache.set(key, categories, NAVIGATION_CACHE_SECONDS)
    return categories


HOME_SECTIONS = (("mats", MATS_CATEGORY, 4), ("pillows", PILLOWS_CATEGORY, 2), ("bundles", BUNDLES_CATEGORY, 2))


def _section_picks(*, category, limit):
    """The ids of a category's first `limit` products, in the listing's order (a subquery)."""
    in_category = ProductCategory.objects.filter(category__in=category.get_descendants_and_self())
    return (
        Product.objects.browsable().filter(pk__in=in_category.values("product_id"))
        .order_by(*LISTING_ORDER).values("pk")[:limit]
    )


def home_sections() -> dict:
    """Products for the home page: best-selling mats, the pillow attachment, bundles.

    One query loads every section's products, each flagged with the sections it is in
    (small ranked subqueries), plus the card prefetches: the cost does not grow with the
    sections or the catalogue.
    """
    by_slug = {c.slug: c for c in Category.objects.filter(depth=1, is_public=True)}
    sections = {}
    picks = {}
    for key, slug, limit in HOME_SECTIONS:
        sections[key] = []
        sections[f"{key}_category"] = category = by_slug.get(slug)
        if category is not None:
            picks[key] = _section_picks(category=category, limit=limit)
    if not picks:
        return sections
    wanted = Q()
    for pick in picks.values():
        wanted |= Q(pk__in=pick)
    flags = {
        f"in_{key}": Case(When(pk__in=pick, then=True), default=False, output_field=BooleanField())
        for key, pick in picks.items()
    }
    for product in product_listing().filter(wanted).annotate(**flags):
        for key, _slug, _limit in HOME_SECTIONS:
            if getattr(product, f"in_{key}", False):
                sections[key].append(product)
    return sections


@dataclass(frozen=True)
class StockStatus:
    code: str  # "in-stock", "low-stock" or "out-of-stock": a CSS hook
    text: str

    @property
    def is_available(self) -> bool:
        return self.code != "out-of-stock"


def stock_status(*, availability) -> StockStatus:
    """What a shopper reads about stock: "In stock", "Only 3 left" or "Out of stock"."""
    if not availability.is_available_to_buy:
        return StockStatus("out-of-stock", _("Out of stock"))
    num_available = getattr(availability, "num_available", None)
    if num_available is not None and num_available <= LOW_STOCK_LEVEL:
        return StockStatus("low-stock", _("Only %(num)d left") % {"num": num_available})
    return StockStatus("in-stock", _("In stock"))


@dataclass(frozen=True)
class Variant:
    product: Any
    colour: str
    swatch: str
    info: Any
    stock: StockStatus
    image: Any


@dataclass(frozen=True)
class ProductPage:
    product: Any  # the parent or standalone product: what is shown and added to the basket
    info: Any
    stock: StockStatus
    variants: list[Variant]
    selected: Variant | None
    images: list
    attributes: list[tuple[str, str]]
    rejected_form: Any  # the add-to-basket form Oscar just refused, with its errors, or None
    posted_quantity: Any


def _attribute_text(value) -> str:
    if value.attribute.type == "boolean":
        return _("Yes") if value.value else _("No")
    if value.attribute.type == "integer":
        return f"{value.value:,}"
    return str(value.value_as_text)


def _attribute_rows(values, *, colours: list[str]) -> list[tuple[str, str]]:
    rows = []
    for value in values:
        if value.attribute.code == COLOUR_ATTRIBUTE:
            continue
        rows.append((value.attribute.name, _attribute_text(value)))
    if colours:
        rows.insert(0, (_("Colour") if len(colours) == 1 else _("Colours"), ", ".join(colours)))
    return rows


def _attribute_values(queryset):
    return queryset.select_related("attribute", "value_option").order_by("attribute__pk")


def _colour_of(child) -> str:
    for value in child.page_attribute_values:
        if value.attribute.code == COLOUR_ATTRIBUTE:
            return str(value.value_as_text)
    return child.get_title()


def _rejected_form(*, request, product):
    """Re-validate the form data Oscar's basket view refused, to show its errors in place."""
    data = request.session.pop(REJECTED_BASKET_FORM_KEY % product.pk, None)
    if data is None:
        return None
    posted = JSONSerializer().loads(data.encode("latin-1"))
    # Stored from a QueryDict: each value is the list of values posted under that name.
    posted = {key: value[-1] if isinstance(value, list) and value else value for key, value in posted.items()}
    form = AddToBasketForm(request.basket, product, data=posted)
    form.is_valid()
    return form


def product_page(*, request, product) -> ProductPage:
    """Everything the product page shows; a child's URL shows its parent with that colour chosen."""
    chosen_child = product if product.is_child else None
    shown = product.parent if chosen_child else product
    strategy = request.strategy
    variants = []
    children = list(shown.children.public().prefetch_related("stockrecords").order_by("pk")) if shown.is_parent else []
    # The view already loaded the product: prefetch onto it rather than load it again, and
    # onto its children in the same two queries (pictures, attribute values).
    prefetch_related_objects(
        [shown, *children],
        "images",
        Prefetch("attribute_values", queryset=_attribute_values(ProductAttributeValue.objects.all()),
                 to_attr="page_attribute_values"),
    )
    if shown.is_parent:
        for child in children:
            info = strategy.fetch_for_product(child)
            colour = _colour_of(child)
            images = list(child.images.all())
            variants.append(Variant(
                product=child, colour=colour, swatch=COLOURS.get(colour, "#cccccc"), info=info,
                stock=stock_status(availability=info.availability), image=images[0] if images else None,
            ))
        shown._prefetched_public_children = [v.product for v in variants]
        info = strategy.fetch_for_parent(shown)
    else:
        shown._prefetched_public_children = []
        info = strategy.fetch_for_product(shown)

    rejected_form = _rejected_form(request=request, product=shown)
    selected = None
    wanted_id = None
    if rejected_form is not None:
        wanted_id = rejected_form.data.get("child_id")
    elif chosen_child is not None:
        wanted_id = chosen_child.pk
    for variant in variants:
        if wanted_id is not None and str(variant.product.pk) == str(wanted_id):
            selected = variant
    if selected is None and variants:
        selected = next((v for v in variants if v.stock.is_available), None)

    return ProductPage(
        product=shown,
        info=info,
        stock=stock_status(availability=info.availability),
        variants=variants,
        selected=selected,
        images=list(shown.images.all()),
        attributes=_attribute_rows(shown.page_attribute_values, colours=[v.colour for v in variants]),
        rejected_form=rejected_form,
        posted_quantity=rejected_form.data.get("quantity") if rejected_form is not None else None,
    )
