"""Reads for the onboarding sequence: what a customer bought, who unsubscribed, what is due."""

from dataclasses import dataclass, field

from oscar.core.loading import get_model

from shop.onboarding.models import OnboardingEmail, Unsubscribe

Order = get_model("order", "Order")

# Product classes and UPCs of the shop's catalogue (shop/catalogue_data.py). The UPC
# is the fallback for a line whose product has since been deleted from the catalogue.
MAT_CLASS, PILLOW_CLASS, BUNDLE_CLASS = "acupressure-mat", "pillow-attachment", "bundle"
PILLOW_UPC, BUNDLE_UPC, MAT_UPC_PREFIX = "PILLOW-NECK", "BUNDLE-BACK-NECK", "MAT-"


@dataclass(frozen=True)
class MatBought:
    title: str
    colour: str


@dataclass
class Purchase:
    """What an order contains, as far as the onboarding emails care."""

    mats: list[MatBought] = field(default_factory=list)
    has_pillow: bool = False
    bundle_title: str = ""
    bundle_contents: str = ""

    @property
    def has_bundle(self) -> bool:
        return bool(self.bundle_title)

    @property
    def covers_neck(self) -> bool:
        """The customer has the pillow attachment, alone or in the bundle."""
        return self.has_pillow or self.has_bundle


def _attribute_text(product, code: str) -> str:
    value = product.attribute_values.filter(attribute__code=code).select_related("attribute", "value_option").first()
    return str(value.value) if value else ""


def onboarding_purchase_for_order(*, order) -> Purchase:
    purchase = Purchase()
    lines = order.lines.select_related("product__product_class", "product__parent__product_class")
    for line in lines:
        product = line.product
        product_class = product.get_product_class().slug if product and product.get_product_class() else ""
        upc = line.upc or ""
        if product_class == BUNDLE_CLASS or upc == BUNDLE_UPC:
            purchase.bundle_title = product.title if product else line.title
            purchase.bundle_contents = _attribute_text(product, "contents") if product else ""
        elif product_class == PILLOW_CLASS or upc == PILLOW_UPC:
            purchase.has_pillow = True
        elif product_class == MAT_CLASS or upc.startswith(MAT_UPC_PREFIX):
            purchase.mats.append(_mat_bought(line))
    return purchase


def _mat_bought(line) -> MatBought:
    product = line.product
    if product is not None and product.is_child:
        return MatBought(title=product.parent.title, colour=_attribute_text(product, "colour"))
    # A deleted product: the line title reads "Classic Acupressure Mat – Ocean Blue".
    title, _, colour = line.title.partition(" – ")
    return MatBought(title=title, colour=colour)


def onboarding_customer_email(*, order) -> str:
    return (order.email or "").strip().lower()


def onboarding_customer_first_name(*, order) -> str:
    for source in (order.user, order.billing_address, order.shipping_address):
        first_name = getattr(source, "first_name", "") if source is not None else ""
        if first_name:
            return first_name
    return ""


def onboarding_is_unsubscribed(*, email: str) -> bool:
    return Unsubscribe.objects.filter(email=email.strip().lower()).exists()


def onboarding_emails_for_order(*, order) -> list[OnboardingEmail]:
    return list(OnboardingEmail.objects.filter(order=order).order_by("send_at", "id"))


def onboarding_emails_failed():
    return OnboardingEmail.objects.filter(status=OnboardingEmail.FAILED).select_related("order").order_by(
        "-updated_at"
    )
