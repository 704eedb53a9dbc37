"""The WSGI entry point (gunicorn, and Django's runserver through WSGI_APPLICATION).

It refuses to serve without DEBUG while SECRET_KEY is the public default.
"""

import gc
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from annuaire.server.checks import DEFAULT_SECRET_KEY_MESSAGE, uses_default_secret_key  # noqa: E402

if not settings.DEBUG and uses_default_secret_key():
    raise ImproperlyConfigured(DEFAULT_SECRET_KEY_MESSAGE)

# What the application loaded lives as long as the process: frozen out of the garbage
# collector's sight, so that a full collection no longer walks it (it took about 110 ms, once
# every few hundred requests, in the middle of one of them: docs/adr/0045).
gc.freeze()
