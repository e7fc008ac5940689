import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

application = get_asgi_application()

from amity.culture.calendars import calendar_data_preload  # noqa: E402 (once the apps are loaded)

calendar_data_preload()  # as in wsgi.py
gc.freeze()  # as in wsgi.py: long-lived startup objects stay out of full collections
