"""Pages for contacts and organizations, and the import pages."""

from django.urls import path  # noqa: F401 (pages are added here)

urlpatterns: list = []
