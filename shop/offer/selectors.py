"""Reads for applying offers: the site offers, and which offer ranges hold a basket's products.

Both are cached under the storefront's version token (shop/storefront/page_cache.py),
which is renewed whenever a product, category, stock record, offer, condition, benefit
or range changes (shop/storefront/receivers.py, shop/offer/receivers.py). Offers that
start or end with the clock are picked each request from the cached list, by time.
"""

from django.core.cache import cache
from django.utils import timezone
from oscar.core.loading import get_model

from shop.storefront.page_cache import storefront_pages_version

ConditionalOffer = get_model("offer", "ConditionalOffer")

# Keys carry the version token, so entries are never stale; this only frees memory.
CACHE_SECONDS = 60 * 60


def offers_share_ranges(offers) -> None:
    """Give each offer its condition and benefit as Oscar's proxy classes, sharing one Range per id.

    Oscar builds a new proxy (and loads its range again) each time it asks a condition
    or benefit anything; a proxy answers for itself, and keeps the range given here.
    """
    ranges = {}
    for offer in offers:
        for name in ("condition", "benefit"):
            part = getattr(offer, name)
            proxy = part.proxy()
            if part.range_id is not None:
                proxy.range = ranges.setdefault(part.range_id, part.range)
            setattr(offer, name, proxy)


def _load_site_offers() -> list:
    offers = list(
        ConditionalOffer.objects.filter(offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN)
        .select_related("condition__range", "benefit__range")
    )
    offers_share_ranges(offers)
    return offers


def site_offers(*, at=None) -> list:
    """The site offers open at this time, as ConditionalOffer.active would list them."""
    key = f"offer:site-offers:{storefront_pages_version()}"
    offers = cache.get(key)
    if offers is None:
        offers = _load_site_offers()
        cache.set(key, offers, CACHE_SECONDS)
    at = at or timezone.now()
    return [
        offer for offer in offers
        if (offer.start_datetime is None or offer.start_datetime <= at)
        and (offer.end_datetime is None or offer.end_datetime >= at)
    ]


def _ranges_of(offers) -> dict:
    ranges = {}
    for offer in offers:
        for part in (offer.condition, offer.benefit):
            # Custom range classes (proxy_class) answer for themselves, Oscar's way.
            if part.range_id is not None and not part.range.proxy_class:
                ranges.setdefault(part.range_id, part.range)
    return ranges


def _membership_key(version, range_id, product_id) -> str:
    return f"offer:range-product:{version}:{range_id}:{product_id}"


def basket_learn_range_membership(*, offers, basket) -> None:
    """Tell each basket product which of the offers' ranges hold it (shop.offer.models.Range reads it).

    From the cache; what it lacks costs Oscar's range query once per range (all the
    products at once), then is cached until the catalogue or the offers change.
    """
    ranges = _ranges_of(offers)
    products = [line.product for line in basket.all_lines()]
    if not ranges or not products:
        return
    for product in products:
        if getattr(product, "range_membership", None) is None:
            product.range_membership = {}
    wanted = {
        (range_id, product.pk)
        for range_id in ranges for product in products
        if range_id not in product.range_membership
    }
    if not wanted:
        return
    version = storefront_pages_version()
    stored = cache.get_many([_membership_key(version, *pair) for pair in wanted])
    known = {pair: stored[key] for pair in wanted if (key := _membership_key(version, *pair)) in stored}
    missing = wanted - known.keys()
    fresh = {}
    for range_id, range_ in ranges.items():
        product_ids = {product_id for (r, product_id) in missing if r == range_id}
        if product_ids:
            members = set(range_.product_queryset.filter(id__in=product_ids).values_list("id", flat=True))
            fresh.update({(range_id, product_id): product_id in members for product_id in product_ids})
    if fresh:
        cache.set_many({_membership_key(version, *pair): member for pair, member in fresh.items()}, CACHE_SECONDS)
    known.update(fresh)
    for product in products:
        for range_id in ranges:
            if (range_id, product.pk) in known:
                product.range_membership[range_id] = known[(range_id, product.pk)]
