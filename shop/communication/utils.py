"""Oscar's email Dispatcher, changed to queue emails for Celery instead of sending in the request."""

from django.conf import settings
from django.core.mail import EmailMessage
from oscar.apps.communication.utils import Dispatcher as CoreDispatcher

from shop.communication import services


class Dispatcher(CoreDispatcher):
    """Order confirmations, registration and password-reset emails go through the queue.

    A slow or failing mail server then never slows or breaks checkout or sign-up: the
    email is stored with the request's transaction and a Celery task sends it, with
    retries (shop/communication/delivery.py).
    """

    def send_email_messages(self, recipient_email, messages, from_email=None, attachments=None):
        from_email = from_email or settings.OSCAR_FROM_EMAIL
        content_attachments, file_attachments = self.prepare_attachments(attachments)
        # The returned object is what Oscar logs (Email rows); it is never sent itself.
        email = EmailMessage(messages["subject"], messages["body"], from_email=from_email,
                             to=[recipient_email], attachments=content_attachments)
        queued = services.queued_email_create(message=email, html=messages["html"] or "",
                                              file_paths=file_attachments)
        self.logger.info("Queued email %s to %s", queued.pk, recipient_email)
        return email
