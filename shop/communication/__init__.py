"""Oscar's communication app, forked so the shop's emails go out through Celery."""
