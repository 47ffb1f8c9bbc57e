"""Oscar's product page view, without the queries the shop's product page has no use for."""

from oscar.apps.catalogue import views


class ProductDetailView(views.ProductDetailView):
    def get_queryset(self):
        # The template lookup reads the product class (of the parent, for a variant):
        # load both with the product rather than one query each.
        return super().get_queryset().select_related("product_class", "parent__product_class")

    def get_alert_status(self):
        # The shop's product page (templates/oscar/catalogue/detail.html) offers no stock
        # alerts, so it does not ask whether the shopper has one: a query per signed-in view.
        return False
