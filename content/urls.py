"""Routes of the article pages and of reader comments."""

from django.urls import path
from django_comments_xtd import views as xtd_views

from content import views

app_name = "content"

urlpatterns = [
    path("articles/", views.article_index, name="article-list"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("articles/<slug:slug>/comments/", views.comment_post, name="comment-post"),
    path("comments/confirm/<str:key>/", views.comment_confirm, name="comment-confirm"),
    path("comments/reply/<int:comment_id>/", views.comment_reply, name="comment-reply"),
    # django-comments-xtd's own "stop emailing me" page, linked from follow-up emails.
    path("comments/mute/<str:key>/", xtd_views.mute, name="comment-mute"),
]
