"""The cultural briefing page of a contact."""

from django.urls import path

from amity.interactions import briefing_views

urlpatterns: list = [
    path(
        "contacts/<int:contact_id>/briefing/",
        briefing_views.contact_briefing_page,
        name="contact_briefing",
    ),
]
