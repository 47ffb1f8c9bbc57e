"""Oscar's order app, forked for shop.order.processing (refunds and cancellations via Stripe)."""

import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"
