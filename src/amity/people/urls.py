"""Pages for contacts and organizations, and the import pages."""

from django.urls import path

from amity.people import import_views, views

urlpatterns: list = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", views.contact_delete, name="contact_delete"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/options/", views.organization_options, name="organization_options"),
    path(
        "organizations/<int:organization_id>/",
        views.organization_detail,
        name="organization_detail",
    ),
    path(
        "organizations/<int:organization_id>/edit/",
        views.organization_edit,
        name="organization_edit",
    ),
    path(
        "organizations/<int:organization_id>/delete/",
        views.organization_delete,
        name="organization_delete",
    ),
    path("imports/", import_views.import_start, name="import_start"),
    path("imports/<int:job_id>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:job_id>/rejects.csv", import_views.import_rejects, name="import_rejects"),
]
