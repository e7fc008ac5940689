"""Consent pages: the contact page's panel, the public double opt-in link, the purposes."""

from django.urls import path

from amity.privacy import views

urlpatterns: list = [
    path("contacts/<int:contact_id>/consents/", views.consent_panel, name="privacy_consent_panel"),
    path(
        "contacts/<int:contact_id>/consents/record/",
        views.consent_record,
        name="privacy_consent_record",
    ),
    path("consent/confirm/<str:token>/", views.confirm, name="privacy_confirm"),
    path("settings/purposes/", views.purposes, name="privacy_purposes"),
]
