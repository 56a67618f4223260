"""WSGI entry point; production runs it with rabat.settings.prod."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabat.settings.prod")

application = get_wsgi_application()
