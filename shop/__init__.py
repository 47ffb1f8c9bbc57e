"""The acupressure-mat shop: the Django project and the commerce side."""

from .celery import app as celery_app

__all__ = ("celery_app",)
