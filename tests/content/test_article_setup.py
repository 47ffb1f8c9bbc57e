"""The owner's article is loaded by `setup_shop`, once, exactly as written."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content.article_body import front_matter_split
from content.models import Article, ArticleProduct
from content.services import OWNER_ARTICLE, article_setup

pytestmark = pytest.mark.django_db

# CI keeps the owner's files read-only beside the repository.
SHARED_COPY = Path(__file__).resolve().parents[2].parent / "shared/content" / OWNER_ARTICLE.name


def test_setup_shop_creates_the_article_once(db, catalogue):
    out = StringIO()
    call_command("setup_shop", stdout=out)
    assert "created article: Benefits of acupressure mats for back pain" in out.getvalue()
    article = Article.objects.get()
    before = (article.updated_at, list(ArticleProduct.objects.values_list("pk", "after_heading", "product__upc")))
    assert [upc for _, _, upc in before[1]] == ["MAT-CLASSIC", "PILLOW-NECK"]

    out = StringIO()
    call_command("setup_shop", stdout=out)
    assert "Shop already set up: nothing to do." in out.getvalue()
    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert (article.updated_at, list(ArticleProduct.objects.values_list("pk", "after_heading", "product__upc"))) == before


def test_setup_keeps_staff_edits(catalogue):
    article_setup()
    Article.objects.update(title="Edited by staff")
    assert article_setup() == []
    assert Article.objects.get().title == "Edited by staff"


def test_the_stored_body_is_the_owner_text_verbatim(catalogue):
    article_setup()
    meta, body = front_matter_split(OWNER_ARTICLE.read_text(encoding="utf-8"))
    article = Article.objects.get()
    assert article.body == body
    assert article.title == meta["title"]
    assert article.call_to_action_text == "Shop our best-selling acupressure mats here"
    assert article.author_link_text == "Learn about my authority on the subject of Acupressure"
    assert article.comments_heading == "Leave a comment"
    assert article.summary in body  # in the owner's words
    assert len(article.seo_description) <= 160


@pytest.mark.skipif(not SHARED_COPY.exists(), reason="the owner's shared/ folder is not beside this checkout")
def test_the_repository_copy_is_byte_identical_to_the_owners_file():
    assert OWNER_ARTICLE.read_bytes() == SHARED_COPY.read_bytes()
