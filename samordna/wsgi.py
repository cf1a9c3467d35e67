"""WSGI entry point for production servers (gunicorn samordna.wsgi)."""

import importlib
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
application = get_wsgi_application()

# Gunicorn loads this module before it forks its workers (preload_app), so what is loaded
# here is shared by them instead of being loaded by each on its first requests: every
# view (0.6 s of a core) and each language's translations.
importlib.import_module(settings.ROOT_URLCONF)
for code, _name in settings.LANGUAGES:
    with translation.override(code):
        translation.gettext("Plans")
