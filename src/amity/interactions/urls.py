"""Pages for logging and correcting interactions."""

from django.urls import path

from amity.interactions import views

urlpatterns: list = [
    path(
        "interactions/<int:interaction_id>/edit/",
        views.interaction_edit,
        name="interaction_edit",
    ),
    path(
        "interactions/<int:interaction_id>/delete/",
        views.interaction_delete,
        name="interaction_delete",
    ),
    path("contacts/<int:contact_id>/timeline/", views.contact_timeline, name="contact_timeline"),
    path(
        "contacts/<int:contact_id>/interactions/new/",
        views.contact_interaction_log,
        name="contact_interaction_log",
    ),
    path(
        "organizations/<int:organization_id>/timeline/",
        views.organization_timeline,
        name="organization_timeline",
    ),
    path(
        "organizations/<int:organization_id>/interactions/new/",
        views.organization_interaction_log,
        name="organization_interaction_log",
    ),
]
