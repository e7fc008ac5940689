"""Data-subject request pages."""

from django.urls import path

from amity.privacy import dsr_views

urlpatterns: list = [
    path("privacy/requests/", dsr_views.request_list, name="privacy_requests"),
    path("contacts/<int:contact_id>/export/", dsr_views.contact_export, name="privacy_export"),
    path("contacts/<int:contact_id>/erase/", dsr_views.contact_erase, name="privacy_erase"),
    path("settings/retention/", dsr_views.retention, name="privacy_retention"),
]
