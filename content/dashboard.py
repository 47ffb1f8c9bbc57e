"""The "Articles" entry of Oscar's dashboard menu: links to the admin pages staff moderate in.

Imported by settings, so it must not import models.
"""


def staff_can_moderate(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff and user.has_perm("django_comments_xtd.change_xtdcomment")


def staff_can_edit_articles(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff and user.has_perm("content.change_article")


DASHBOARD_MENU = {
    "label": "Articles",
    "icon": "fas fa-newspaper",
    "children": [
        {"label": "Articles", "url_name": "admin:content_article_changelist", "access_fn": staff_can_edit_articles},
        {
            "label": "Reader comments",
            "url_name": "admin:django_comments_xtd_xtdcomment_changelist",
            "access_fn": staff_can_moderate,
        },
    ],
}
