"""The audit trail page (administrators)."""

from django.urls import path

from amity.privacy import audit_views

urlpatterns: list = [
    path("settings/audit/", audit_views.audit_trail, name="privacy_audit"),
]
