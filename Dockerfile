# The one image behind web, worker, beat and the migrate job in docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=shop.settings.production

WORKDIR /app
COPY pyproject.toml ./
COPY shop ./shop
COPY content ./content
# EXTRAS: "[s3]" for media in a bucket; the compose demo profile builds "[dev]" for localstripe.
ARG EXTRAS=""
RUN pip install --no-cache-dir ".${EXTRAS}"
COPY . .
# collectstatic needs settings but no secrets or services: build-time placeholders,
# never used to connect to anything.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    STRIPE_SECRET_KEY=unused STRIPE_PUBLISHABLE_KEY=unused STRIPE_WEBHOOK_SECRET=unused \
    DATABASE_URL=sqlite:////tmp/unused.sqlite3 REDIS_URL=redis://unused:6379/0 EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput

RUN useradd --create-home shop && mkdir -p /app/.local && chown -R shop /app/.local
USER shop
EXPOSE 8000
