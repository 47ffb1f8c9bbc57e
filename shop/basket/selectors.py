"""Reads for the shopper's basket: its lines with everything a page, a price or an offer needs."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
LineAttribute = get_model("basket", "LineAttribute")

# What prices, stock, offers (a child's range and class come from its parent) and the
# header read for each line: joined into the one line query.
LINE_RELATIONS = ("stockrecord", "product__product_class", "product__parent__product_class")


def _lines_queryset() -> QuerySet:
    return (
        Line.objects.select_related(*LINE_RELATIONS)
        .annotate(has_options=Exists(LineAttribute.objects.filter(line=OuterRef("pk"))))
        .order_by("pk")
    )


def _options_loaded(lines: list) -> None:
    """Chosen product options (line attributes), with a query only if some line has any."""
    with_options = [line for line in lines if line.has_options]
    if with_options:
        prefetch_related_objects(with_options, "attributes")
    # An empty prefetch runs no query; it tells Django these lines have no attributes.
    without = [line for line in lines if not line.has_options]
    prefetch_related_objects(without, Prefetch("attributes", queryset=LineAttribute.objects.none()))


def basket_lines(*, basket) -> QuerySet:
    """A basket's lines, loaded (one query, two when a line has options), each knowing its basket."""
    lines = _lines_queryset().filter(basket=basket)
    for line in lines:  # evaluates the queryset once; Oscar keeps it as basket._lines
        line.basket = basket
    _options_loaded(list(lines))
    return lines


def open_basket_lines(*, basket_id=None, owner=None) -> QuerySet:
    """The lines of the open basket with this id (or of this owner's open baskets), loaded, in one query."""
    lines = (
        _lines_queryset()
        .filter(basket__status=Basket.OPEN)
        .select_related("basket")
        .annotate(basket_has_vouchers=Exists(
            Basket.vouchers.through.objects.filter(basket_id=OuterRef("basket_id"))
        ))
    )
    if basket_id is not None:
        lines = lines.filter(basket_id=basket_id, basket__owner=None)
    else:
        lines = lines.filter(basket__owner=owner)
    len(lines)  # evaluate: the queryset becomes the basket's cached lines
    return lines


def basket_of_lines(lines: QuerySet):
    """The basket these lines (from open_basket_lines) belong to, with the lines in place.

    None when there are no lines, or they come from several open baskets (Oscar merges
    those): the caller then looks the basket up Oscar's way, one query more.
    """
    if not lines or len({line.basket_id for line in lines}) > 1:
        return None
    basket = lines[0].basket
    # Read by shop.offer.applicator: without a voucher there are no voucher offers to load.
    basket.has_vouchers = lines[0].basket_has_vouchers
    for line in lines:
        line.basket = basket
    _options_loaded(list(lines))
    basket._lines = lines  # Oscar's cache of the lines (AbstractBasket.all_lines)
    return basket


def basket_known_empty(basket) -> None:
    """Record that a basket just found by Oscar's lookup has no lines (open_basket_lines found none)."""
    if basket.id is not None and basket._lines is None:
        basket._lines = basket.lines.none()


def basket_lines_with_pictures(*, basket) -> QuerySet:
    """The lines for the basket page, whose thumbnails need each product's (or parent's) images."""
    lines = basket.all_lines()
    prefetch_related_objects(list(lines), "product__images", "product__parent__images")
    return lines
