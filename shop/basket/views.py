"""Oscar's basket views; the basket page loads its thumbnails' images for all lines at once."""

from oscar.apps.basket import views

from .selectors import basket_lines_with_pictures


class BasketView(views.BasketView):
    def get_queryset(self):
        return basket_lines_with_pictures(basket=self.request.basket)
