"""Articles and where live product cards sit inside them."""

from django.db import models
from django.urls import reverse
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Article(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="One or two sentences for the articles list and search results.")
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised: scripts, event handlers and unsafe links are removed.")
    hero_image = models.ImageField(upload_to="articles/", blank=True)
    hero_image_alt = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=100)
    author_url = models.CharField(
        max_length=300, blank=True, help_text="The author's page (a path such as /about/ or a full URL)."
    )
    author_link_text = models.CharField(max_length=200, blank=True)
    call_to_action_text = models.CharField(max_length=200, blank=True)
    comments_heading = models.CharField(max_length=100, default="Leave a comment")
    seo_title = models.CharField(max_length=70, blank=True, help_text="Defaults to the title.")
    seo_description = models.CharField(max_length=160, blank=True, help_text="Defaults to the summary.")
    is_published = models.BooleanField(default=True)
    published_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:article-detail", kwargs={"slug": self.slug})

    @property
    def page_title(self):
        return self.seo_title or self.title

    @property
    def page_description(self):
        return self.seo_description or self.summary


class ArticleProduct(models.Model):
    """A live product card shown at the end of one section of an article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="product_cards")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    after_heading = models.SlugField(
        max_length=200,
        help_text="Anchor id of the heading whose section the card closes, e.g. find-the-right-position.",
    )
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "product", "after_heading"], name="content_card_once_per_section")
        ]

    def __str__(self):
        return f"{self.product} after #{self.after_heading}"
