"""What makes the cached article pages stale: edits, comment changes, and paid orders (badges)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from content.models import Article, ArticleProduct
from content.page_cache import article_pages_invalidate
from shop.signals import order_paid


for _model in (Article, ArticleProduct, XtdComment, CommentFlag):
    post_save.connect(article_pages_invalidate, sender=_model, dispatch_uid=f"content-cache-save-{_model.__name__}")
    post_delete.connect(article_pages_invalidate, sender=_model, dispatch_uid=f"content-cache-delete-{_model.__name__}")


@receiver(order_paid, dispatch_uid="content-cache-order-paid")
def _order_paid(sender, order, **kwargs):
    # A paid order can turn its customer's comments into "verified buyer" ones.
    article_pages_invalidate()
