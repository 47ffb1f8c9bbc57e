"""Oscar's basket forms; the add-to-basket form reads a parent's variants in a few queries."""

from oscar.apps.basket import forms


class AddToBasketForm(forms.AddToBasketForm):
    def _create_parent_product_fields(self, product):
        # Oscar describes each variant by its attributes (a query per attribute) and checks
        # its stock (two queries), variant by variant: load them all at once first, with
        # Oscar's own prefetch helpers, unless the caller already did.
        if not hasattr(product, "_prefetched_public_children"):
            product._prefetched_public_children = list(
                product.children.public().prefetch_related("stockrecords").prefetch_attribute_values()
            )
        super()._create_parent_product_fields(product)
