import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

application = get_wsgi_application()

from amity.culture.calendars import calendar_data_preload  # noqa: E402 (once the apps are loaded)

calendar_data_preload()  # the first calendar question of a process would pay for it
# What is loaded by now (Django, the apps, their modules) lives as long as the process: keep it
# out of the collector's full passes, which otherwise add 50-70 ms to one request in 10-20 on
# large lists (benchmarks/search_contacts.py --gc-freeze).
gc.freeze()
