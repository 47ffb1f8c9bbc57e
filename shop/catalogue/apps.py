"""Oscar's catalogue app, forked: its product view is shop.catalogue.views.ProductDetailView."""

import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"
