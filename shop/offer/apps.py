"""Oscar's offer app, forked (shop.offer.selectors: cached site offers and range membership)."""

import oscar.apps.offer.apps as apps


class OfferConfig(apps.OfferConfig):
    name = "shop.offer"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
