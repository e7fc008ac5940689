"""Pages of the meeting finder."""

from django.urls import path

from amity.interactions import meeting_views

urlpatterns: list = [
    path("meetings/", meeting_views.meeting_finder, name="meeting_finder"),
    path(
        "meetings/contacts/", meeting_views.meeting_contact_options, name="meeting_contact_options"
    ),
    path("meetings/book/", meeting_views.meeting_book_page, name="meeting_book"),
    path("meetings/<int:meeting_id>/", meeting_views.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:meeting_id>/invitation-<str:language>.ics",
        meeting_views.meeting_invitation,
        name="meeting_invitation",
    ),
]
