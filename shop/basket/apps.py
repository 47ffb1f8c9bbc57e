"""Oscar's basket app, forked (shop.basket.selectors loads the basket and its lines)."""

import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "shop.basket"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
