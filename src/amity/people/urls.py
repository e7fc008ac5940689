"""Pages for contacts and organizations, and the import pages."""

from django.urls import path

from amity.people import (
    import_views,
    segment_editor_views,
    segment_export_views,
    segment_views,
    views,
)

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
    # Segments and static lists (segment_views, segment_editor_views, segment_export_views)
    path("segments/", segment_views.segment_list, name="segment_list"),
    path("segments/new/", segment_editor_views.segment_create, name="segment_create"),
    path("segments/preview/", segment_editor_views.segment_preview, name="segment_preview"),
    path("segments/<int:segment_id>/", segment_views.segment_detail, name="segment_detail"),
    path("segments/<int:segment_id>/edit/", segment_editor_views.segment_edit, name="segment_edit"),
    path("segments/<int:segment_id>/delete/", segment_views.segment_delete, name="segment_delete"),
    path(
        "segments/<int:segment_id>/members/remove/",
        segment_views.segment_members_remove,
        name="segment_members_remove",
    ),
    path(
        "segments/<int:segment_id>/export.<str:file_format>",
        segment_export_views.segment_export,
        name="segment_export",
    ),
    path(
        "contacts/<int:contact_id>/lists/",
        segment_views.segment_contact_lists,
        name="segment_contact_lists",
    ),
]
