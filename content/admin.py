"""Staff edit articles and moderate comments in Django admin."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django_comments.models import CommentFlag
from django_comments_xtd.admin import XtdCommentsAdmin
from django_comments_xtd.models import XtdComment

from content import services
from content.models import Article, ArticleProduct
from content.selectors import SPAM_FLAG


class ArticleProductInline(admin.TabularInline):
    model = ArticleProduct
    raw_id_fields = ["product"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "published_at", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ArticleProductInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "hero_image", "hero_image_alt"]}),
        ("Author and page furniture", {"fields": ["author_name", "author_url", "author_link_text",
                                                  "call_to_action_text", "comments_heading"]}),
        ("Publishing and search engines", {"fields": ["is_published", "published_at", "seo_title", "seo_description"]}),
    ]


class ModerationStatusFilter(admin.SimpleListFilter):
    title = "moderation"
    parameter_name = "moderation"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for approval"), ("published", "Published"), ("removed", "Rejected or spam")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(is_public=False, is_removed=False)
        if self.value() == "published":
            return queryset.filter(is_public=True, is_removed=False)
        if self.value() == "removed":
            return queryset.filter(is_removed=True)
        return queryset


class ArticleCommentAdmin(XtdCommentsAdmin):
    list_display = ["cid", "excerpt", "name", "email", "status", "submit_date", "ip_address"]
    list_display_links = ["cid", "excerpt"]
    list_filter = [ModerationStatusFilter, "content_type", "followup"]
    actions = ["approve", "reject", "mark_spam"]

    def get_queryset(self, request):
        spam = CommentFlag.objects.filter(comment=OuterRef("pk"), flag=SPAM_FLAG)
        return super().get_queryset(request).annotate(is_spam=Exists(spam))

    def get_actions(self, request):
        # Only the shop's moderation actions: they keep the page cache and notifications right.
        actions = super().get_actions(request)
        return {name: action for name, action in actions.items() if name in ("approve", "reject", "mark_spam")}

    def view_on_site(self, obj):
        return f"{obj.content_object.get_absolute_url()}#c{obj.pk}" if obj.content_object else None

    @admin.display(description="comment")
    def excerpt(self, obj):
        return Truncator(obj.comment).chars(80)

    @admin.display(description="email")
    def email(self, obj):
        return obj.user_email

    @admin.display(description="status")
    def status(self, obj):
        if obj.is_removed:
            return "spam" if obj.is_spam else "rejected"
        return "published" if obj.is_public else "waiting for approval"

    @admin.action(description="Approve (publish) selected comments")
    def approve(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        for comment in queryset:
            services.comment_approve(comment=comment, moderator=request.user, base_url=base_url)
        self.message_user(request, f"{queryset.count()} comment(s) approved and published.", messages.SUCCESS)

    @admin.action(description="Reject (hide) selected comments")
    def reject(self, request, queryset):
        for comment in queryset:
            services.comment_reject(comment=comment, moderator=request.user)
        self.message_user(request, f"{queryset.count()} comment(s) rejected.", messages.SUCCESS)

    @admin.action(description="Mark selected comments as spam")
    def mark_spam(self, request, queryset):
        for comment in queryset:
            services.comment_mark_spam(comment=comment, moderator=request.user)
        self.message_user(request, f"{queryset.count()} comment(s) marked as spam.", messages.SUCCESS)


if admin.site.is_registered(XtdComment):
    admin.site.unregister(XtdComment)
admin.site.register(XtdComment, ArticleCommentAdmin)
