"""WSGI entry point used by `bmnn serve` and by any production WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
application = get_wsgi_application()
