# Annuaire SOS, production image: gunicorn behind your reverse proxy (docs/deploiement.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media \
    OPENDATA_DIR=/data/opendata \
    WEB_CONCURRENCY=4

WORKDIR /app
RUN useradd --create-home --uid 1000 annuaire

COPY requirements.txt .
# Extra packages, e.g. --build-arg EXTRA_PIP="django-storages[s3]==1.14.6" for S3-compatible storage.
ARG EXTRA_PIP=""
RUN pip install --no-cache-dir -r requirements.txt $EXTRA_PIP

COPY . .
# Hashed, compressed static files, served by WhiteNoise (no secret needed to build them).
RUN python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /data/media /data/private-media /data/opendata && chown -R annuaire /data

USER annuaire
EXPOSE 8000
# Workers: WEB_CONCURRENCY (about 2 per core). The background worker is the same image with
# the command `python manage.py db_worker` (compose.yaml, service `worker`). Migrations run once per deployment, apart
# (see compose.yaml), never by each application server.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "60"]
