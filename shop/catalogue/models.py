"""Oscar's catalogue models, unchanged."""

from oscar.apps.catalogue.models import *  # noqa: F401,F403  Oscar's fork convention
