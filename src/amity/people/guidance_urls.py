"""Pages of the cultural guidance panel on contact and organization pages."""

from django.urls import path

from amity.people import guidance_views

urlpatterns: list = [
    path(
        "contacts/<int:contact_id>/guidance/",
        guidance_views.contact_guidance_panel,
        name="contact_guidance",
    ),
    path(
        "contacts/<int:contact_id>/guidance/edit/",
        guidance_views.contact_guidance_edit,
        name="contact_guidance_edit",
    ),
    path(
        "organizations/<int:organization_id>/guidance/",
        guidance_views.organization_guidance_panel,
        name="organization_guidance",
    ),
    path(
        "organizations/<int:organization_id>/guidance/edit/",
        guidance_views.organization_guidance_edit,
        name="organization_guidance_edit",
    ),
]
