"""Oscar's offer applicator: site offers from the cache, range membership looked up once per basket."""

from oscar.apps.offer import applicator

from .selectors import basket_learn_range_membership, offers_share_ranges, site_offers


class Applicator(applicator.Applicator):
    def get_offers(self, basket, user=None, request=None):
        offers = super().get_offers(basket, user, request)
        offers_share_ranges(offer for offer in offers if offer.offer_type != offer.SITE)
        basket_learn_range_membership(offers=offers, basket=basket)
        return offers

    def get_site_offers(self):
        return site_offers()

    def get_basket_offers(self, basket, user):
        # shop.basket.selectors loaded the basket knowing whether it holds a voucher.
        if getattr(basket, "has_vouchers", None) is False:
            return []
        return super().get_basket_offers(basket, user)
