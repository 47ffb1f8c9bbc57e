"""Oscar's catalogue admin, unchanged."""

from oscar.apps.catalogue.admin import *  # noqa: F401,F403  Oscar's fork convention
