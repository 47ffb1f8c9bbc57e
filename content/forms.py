"""The reader comment form: name, email (never shown), comment, plain text."""

from django import forms
from django.conf import settings
from django_comments_xtd.forms import XtdCommentForm

from content.selectors import article_comments_public


class ArticleCommentForm(XtdCommentForm):
    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        self.fields["name"].label = "Name"
        self.fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        self.fields["email"].label = "Email"
        self.fields["email"].help_text = "Never shown. We send you a link to confirm your comment."
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["comment"].label = "Comment"
        self.fields["comment"].help_text = "Plain text; web addresses become links."
        self.fields["comment"].widget = forms.Textarea(
            attrs={"rows": 6, "maxlength": settings.COMMENT_MAX_LENGTH}
        )
        self.fields["followup"].label = "Email me when someone else comments on this article"
        self.fields["followup"].widget.attrs.pop("class", None)  # Bootstrap's class floats it away
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["honeypot"].label = "Leave this field empty"
        # A link on the name invites link spam; the shop does not show one.
        self.fields["url"].widget = forms.HiddenInput()

    def clean_url(self):
        return ""

    def clean_comment(self):
        text = super().clean_comment().strip()
        if not text:
            raise forms.ValidationError("Please write a comment.")
        if len(text) > settings.COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                f"Please keep your comment under {settings.COMMENT_MAX_LENGTH} characters "
                f"(it has {len(text)})."
            )
        return text

    def clean_reply_to(self):
        reply_to = self.cleaned_data["reply_to"]
        if not reply_to:
            return 0
        parent = article_comments_public(article=self.target_object).filter(pk=reply_to).first()
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is no longer shown.")
        if parent.level > 0:
            raise forms.ValidationError("Replies go one level deep: please reply to the first comment.")
        return reply_to
