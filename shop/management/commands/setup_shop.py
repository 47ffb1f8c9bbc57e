"""`manage.py setup_shop`: create the starting catalogue (and content) if missing."""

from django.core.management.base import BaseCommand

from content.services import article_setup
from shop.catalogue_setup import catalogue_setup


class Command(BaseCommand):
    help = "Create the shop's starting catalogue and content. Safe to run again: it only adds what is missing."

    def handle(self, *args, **options):
        report = catalogue_setup()
        report.created.extend(article_setup())  # after the catalogue: the article shows its products
        for line in report.created:
            self.stdout.write(f"created {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Shop set up: {len(report.created)} objects created.")
            if report.created
            else "Shop already set up: nothing to do."
        )
