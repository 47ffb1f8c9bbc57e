"""Article pages and the comment endpoints: thin, the work is in services and selectors."""

import json

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from content import page_cache, selectors, services
from content.antispam import comment_post_rejection
from content.forms import ArticleCommentForm
from content.models import Article

HELD_COMMENTS_SESSION_KEY = "content_held_comments"
HOLD_MESSAGES = {
    selectors.HOLD_FIRST_COMMENT: "As this is your first comment here, a moderator reads it before it is shown.",
    selectors.HOLD_TOO_MANY_LINKS: "It contains several links, so a moderator reads it before it is shown.",
    selectors.HOLD_SPAM_HISTORY: "A moderator reads it before it is shown.",
}
MAX_COMMENT_PAGE = 1000
# Sections a reader of a health article looks for first, linked above the contents list
# when the article has them (heading anchor, link text).
KEY_SECTIONS = [
    ("how-to-use-an-acupressure-mat-for-back-pain", "How to use a mat"),
    ("who-can-benefit-most", "Who should not use one (safety)"),
]


@require_GET
def article_index(request):
    return render(request, "content/article_list.html", {"articles": selectors.article_list()})


@require_GET
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return _article_page(request, article)


@require_POST
def comment_post(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    data = request.POST.copy()
    if request.user.is_authenticated:
        # A signed-in reader comments as their account: no one borrows another's email.
        data["email"] = request.user.email
        data["name"] = data.get("name", "").strip() or request.user.get_full_name() or request.user.email.split("@")[0]
    form = ArticleCommentForm(article, data=data)
    rejection = comment_post_rejection(form=form, ip_address=request.META.get("REMOTE_ADDR"))
    if rejection is not None:
        if rejection.fresh_form:
            kept = {name: data.get(name, "") for name in ("name", "email", "comment", "reply_to")}
            form = ArticleCommentForm(article, initial=kept)
        return _article_page(request, article, comment_form=form, comment_error=rejection.message,
                             status=rejection.status)
    outcome = services.comment_post(
        article=article, form=form, user=request.user,
        ip_address=request.META.get("REMOTE_ADDR"), base_url=request.build_absolute_uri("/"),
    )
    return _after_comment(request, article, outcome)


@require_GET
def comment_confirm(request, key):
    try:
        outcome = services.comment_confirm(key=key, base_url=request.build_absolute_uri("/"))
    except selectors.CommentLinkInvalid:
        return render(request, "content/comment_link_invalid.html", status=400)
    article = outcome.comment.content_object
    return _after_comment(request, article, outcome)


@require_GET
def comment_reply(request, comment_id):
    """The reply form on a page of its own, for browsers without JavaScript."""
    comment = get_object_or_404(
        selectors.XtdComment.norel_objects, pk=comment_id, is_public=True, is_removed=False, level=0
    )
    article = get_object_or_404(Article.objects.published(), pk=comment.object_pk)
    form = ArticleCommentForm(article, initial={"reply_to": comment.pk})
    return render(request, "content/comment_reply.html", {"article": article, "comment": comment, "form": form})


def _after_comment(request, article, outcome):
    url = article.get_absolute_url()
    if outcome.status == services.STATUS_CONFIRMATION_SENT:
        messages.info(request, "Thank you! We have emailed you a link: your comment is sent once you follow it.")
        return redirect(f"{url}#comments")
    if outcome.status == services.STATUS_HELD:
        held = request.session.get(HELD_COMMENTS_SESSION_KEY, [])
        if outcome.comment.pk not in held:
            request.session[HELD_COMMENTS_SESSION_KEY] = (held + [outcome.comment.pk])[-20:]
        reason = HOLD_MESSAGES.get(outcome.hold_reason, "")
        messages.info(request, f"Thank you! Your comment is awaiting moderation. {reason}".strip())
        return redirect(f"{url}#c{outcome.comment.pk}")
    messages.success(request, "Thank you! Your comment is published.")
    return redirect(f"{url}#c{outcome.comment.pk}")


def _reader_initial(user) -> dict:
    return {"name": user.get_full_name()} if user.is_authenticated else {}


def _comment_page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("comments", 1)), MAX_COMMENT_PAGE))
    except ValueError:
        return 1


def _article_page(request, article, *, comment_form=None, comment_error=None, status=200):
    body = page_cache.article_body_cached(article=article)
    comments = page_cache.article_comments_cached(
        article=article,
        page_number=_comment_page_number(request),
        render=lambda comment_page: render_to_string(
            "content/partials/comment_list.html", {"article": article, "comment_page": comment_page}
        ),
    )
    context = {
        "article": article,
        "body_parts": body["parts"],
        "toc": body["toc"],
        "products": selectors.article_products(article=article),
        "comment_count": comments["count"],
        "comments_html": mark_safe(comments["html"]),  # rendered from our own template, escaped there
        "held_comments": selectors.comments_awaiting_moderation(
            article=article, comment_ids=request.session.get(HELD_COMMENTS_SESSION_KEY, [])
        ),
        "comment_form": comment_form or ArticleCommentForm(article, initial=_reader_initial(request.user)),
        "reply_form": ArticleCommentForm(article, auto_id="reply_%s", initial=_reader_initial(request.user)),
        "key_sections": _key_sections(body["toc"]),
        "comment_error": comment_error,
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "hero_image_url": request.build_absolute_uri(article.hero_image.url) if article.hero_image else "",
        "catalogue_url": reverse("catalogue:index"),
    }
    context["json_ld"] = _article_json_ld(article, context)
    return render(request, "content/article_detail.html", context, status=status)


def _key_sections(toc):
    ids = {entry.id for entry in toc} | {child.id for entry in toc for child in entry.children}
    return [{"id": anchor, "label": label} for anchor, label in KEY_SECTIONS if anchor in ids]


# JSON inside <script> must not be able to close the tag (what json_script escapes).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _article_json_ld(article, context):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.page_description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": {"@type": "Person", "name": article.author_name},
        "publisher": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
        "mainEntityOfPage": context["canonical_url"],
        "commentCount": context["comment_count"],
    }
    if context["hero_image_url"]:
        data["image"] = [context["hero_image_url"]]
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
