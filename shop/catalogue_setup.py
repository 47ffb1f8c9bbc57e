"""Creates the shop's starting catalogue from catalogue_data.py, once.

Idempotent by construction: every object is looked up by a stable key (slug, UPC,
code) and created only when missing; nothing that exists is changed. Running it
again is a no-op, and staff edits, sales and stock counts are never overwritten.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from shop import catalogue_data as data
from shop.product_images import product_picture

AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Benefit = get_model("offer", "Benefit")
Category = get_model("catalogue", "Category")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Range = get_model("offer", "Range")
StockRecord = get_model("partner", "StockRecord")

IMAGE_KIND = {"acupressure-mat": "mat", "pillow-attachment": "pillow", "bundle": "bundle"}


@dataclass
class SetupReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def _get_or_create(report, model, label, defaults=None, **lookup):
    obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
    if created:
        report.add(f"{model._meta.verbose_name}: {label}")
    return obj


@transaction.atomic
def catalogue_setup() -> SetupReport:
    """Create whatever part of the starting catalogue is missing; report what was created."""
    report = SetupReport()
    _setup_site()
    categories = _setup_categories(report)
    classes = _setup_product_classes(report)
    partner = _get_or_create(report, Partner, data.PARTNER["name"], code=data.PARTNER["code"],
                             defaults={"name": data.PARTNER["name"]})
    for spec in data.PRODUCTS:
        _setup_product(report, spec, classes[spec["product_class"]], categories[spec["category"]], partner)
    _setup_shipping(report)
    _setup_offer(report, categories)
    return report


def _setup_site():
    # Emails and absolute links use the Site; "example.com" would leak into them.
    Site.objects.filter(pk=settings.SITE_ID, domain="example.com").update(
        domain="127.0.0.1:8000", name=settings.OSCAR_SHOP_NAME
    )


def _setup_categories(report):
    categories = {}
    for spec in data.CATEGORIES:
        category = Category.objects.filter(slug=spec["slug"], depth=1).first()
        if category is None:
            category = Category.add_root(name=spec["name"], slug=spec["slug"], description=spec["description"])
            report.add(f"category: {spec['name']}")
        categories[spec["slug"]] = category
    return categories


def _setup_product_classes(report):
    colour_group = _get_or_create(report, AttributeOptionGroup, "Colour", name="Colour")
    for colour in data.COLOURS:
        _get_or_create(report, AttributeOption, colour, group=colour_group, option=colour)
    classes = {}
    for spec in data.PRODUCT_CLASSES:
        product_class = _get_or_create(
            report, ProductClass, spec["name"], slug=spec["slug"],
            defaults={"name": spec["name"], "requires_shipping": True, "track_stock": True},
        )
        for code in spec["attributes"]:
            attribute = data.ATTRIBUTES[code]
            _get_or_create(
                report, ProductAttribute, f"{spec['name']} / {attribute['name']}",
                product_class=product_class, code=code,
                defaults={"name": attribute["name"], "type": attribute["type"],
                          "option_group": colour_group if attribute["type"] == "option" else None},
            )
        classes[spec["slug"]] = product_class
    return classes


def _set_attributes(product, product_class, values):
    attributes = {a.code: a for a in ProductAttribute.objects.filter(product_class=product_class)}
    for code, value in values.items():
        if attributes[code].type == "option":
            value = AttributeOption.objects.get(group=attributes[code].option_group, option=value)
        attributes[code].save_value(product, value)


def _add_picture(product, kind, colour_name, alt_text, display_order=0):
    picture = product_picture(kind, data.COLOURS[colour_name])
    image = ProductImage(product=product, caption=alt_text, display_order=display_order)
    image.original.save(f"{slugify(product.upc)}-{slugify(colour_name)}.png", ContentFile(picture), save=False)
    image.save()


def _setup_product(report, spec, product_class, category, partner):
    has_variants = "variants" in spec
    product = Product.objects.filter(upc=spec["upc"]).first()
    if product is not None:
        return product
    product = Product.objects.create(
        upc=spec["upc"],
        title=spec["title"],
        slug=slugify(spec["title"]),
        description=spec["description"],
        product_class=product_class,
        structure=Product.PARENT if has_variants else Product.STANDALONE,
        priority=spec["priority"],
        is_public=True,
    )
    report.add(f"product: {spec['title']}")
    product.categories.add(category)
    kind = IMAGE_KIND[product_class.slug]
    if not has_variants:
        _set_attributes(product, product_class, spec["attributes"])
        _add_picture(product, kind, spec["colour"], f"{spec['title']} in {spec['colour']}")
        StockRecord.objects.create(
            product=product, partner=partner, partner_sku=spec["upc"], price=spec["price"],
            price_currency=settings.OSCAR_DEFAULT_CURRENCY, num_in_stock=spec["stock"],
        )
        return product
    # A parent carries what its colours share; each child is one colour with its own stock.
    _set_attributes(product, product_class, spec["attributes"])
    for order, variant in enumerate(spec["variants"]):
        colour = variant["colour"]
        _add_picture(product, kind, colour, f"{spec['title']} in {colour}", display_order=order)
        child = Product.objects.create(
            parent=product,
            structure=Product.CHILD,
            upc=f"{spec['upc']}-{slugify(colour).upper()}",
            title=f"{spec['title']} – {colour}",
            slug=slugify(f"{spec['title']} {colour}"),
            product_class=None,
            is_public=True,
        )
        _set_attributes(child, product_class, {"colour": colour})
        _add_picture(child, kind, colour, f"{spec['title']} in {colour}")
        StockRecord.objects.create(
            product=child, partner=partner, partner_sku=child.upc, price=spec["price"],
            price_currency=settings.OSCAR_DEFAULT_CURRENCY, num_in_stock=variant["stock"],
        )
    return product


def _setup_shipping(report):
    for spec in data.SHIPPING_COUNTRIES:
        _get_or_create(
            report, Country, spec["printable_name"], iso_3166_1_a2=spec["iso_3166_1_a2"],
            defaults={**spec, "is_shipping_country": True},
        )
    for spec in data.SHIPPING_METHODS:
        _get_or_create(
            report, OrderAndItemCharges, spec["name"], code=spec["code"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "price_per_order": spec["price_per_order"],
                "free_shipping_threshold": (
                    settings.SHOP_FREE_SHIPPING_THRESHOLD if spec["free_over_threshold"] else None
                ),
            },
        )


def _setup_offer(report, categories):
    spec = data.MAT_WITH_PILLOW_OFFER
    if ConditionalOffer.objects.filter(slug=spec["slug"]).exists():
        return
    mats = _get_or_create(report, Range, "Acupressure mats", slug="acupressure-mats",
                          defaults={"name": "Acupressure mats"})
    mats.included_categories.add(categories["mats"])
    pillows = _get_or_create(report, Range, "Pillow attachments", slug="pillow-attachments",
                             defaults={"name": "Pillow attachments"})
    pillows.included_categories.add(categories["pillows"])
    condition = Condition.objects.create(range=mats, type=Condition.COUNT, value=1)
    benefit = Benefit.objects.create(
        range=pillows, type=Benefit.PERCENTAGE, value=spec["percent_off"], max_affected_items=1
    )
    ConditionalOffer.objects.create(
        name=spec["name"], slug=spec["slug"], description=spec["description"],
        offer_type=ConditionalOffer.SITE, condition=condition, benefit=benefit,
    )
    report.add(f"offer: {spec['name']}")
