"""Oscar's offer models; a Range first asks what was already looked up for the basket's products."""

from oscar.apps.offer.abstract_models import AbstractRange


class Range(AbstractRange):
    def contains_product(self, product):
        # shop.offer.selectors.basket_learn_range_membership sets this on the products of
        # a basket's lines: one cache read for all lines, instead of Oscar's product query
        # (about six queries) per line, per range and per offer, on every page.
        membership = getattr(product, "range_membership", None)
        if membership is not None and self.pk in membership:
            return membership[self.pk]
        return super().contains_product(product)


from oscar.apps.offer.models import *  # noqa: E402,F401,F403  (after Range, as Oscar's forks do)
