"""Checkout writes the Oscar views need: order numbers, and stock locked before placing."""

from collections import defaultdict

from oscar.core.loading import get_model

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class OutOfStock(Exception):
    """Stock ran out between the basket and placing the order; the message is for the shopper."""


def order_number_for_basket(*, basket) -> str:
    """Oscar's number (100000 + basket id); a basket re-checked-out after a cancelled
    order gets a suffix, since order numbers are unique."""
    base = str(100000 + basket.id)
    earlier = Order.objects.filter(number__regex=rf"^{base}(-[0-9]+)?$").count()
    return base if earlier == 0 else f"{base}-{earlier + 1}"


def stock_lock_for_basket(*, basket) -> None:
    """Lock the basket's stock rows (in id order, so two checkouts can't deadlock) and
    check there is enough left. Call inside the transaction that places the order:
    Oscar allocates the stock in it, and nobody else can take the last unit meanwhile.
    """
    needed = defaultdict(int)
    titles = {}
    for line in basket.all_lines():
        if line.stockrecord_id and line.product.get_product_class().track_stock:
            needed[line.stockrecord_id] += line.quantity
            titles[line.stockrecord_id] = line.product.get_title()
    records = StockRecord.objects.select_for_update().filter(pk__in=needed).order_by("pk")
    for record in records:
        left = record.net_stock_level
        if left < needed[record.pk]:
            title = titles[record.pk]
            if left <= 0:
                raise OutOfStock(f"Sorry, “{title}” has just sold out. Please remove it from your basket; "
                                 "you have not been charged.")
            raise OutOfStock(f"Sorry, only {left} of “{title}” left. Please change the quantity in your "
                             "basket; you have not been charged.")
