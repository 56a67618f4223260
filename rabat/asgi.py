"""ASGI entry point; production runs it with rabat.settings.prod."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabat.settings.prod")

application = get_asgi_application()
