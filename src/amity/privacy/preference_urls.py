"""The public preference centre and the staff page that hands out its link."""

from django.urls import path

from amity.privacy import preference_views

urlpatterns: list = [
    path("preferences/<str:token>/", preference_views.centre, name="privacy_preferences"),
    path(
        "contacts/<int:contact_id>/preference-link/",
        preference_views.link,
        name="privacy_preference_link",
    ),
]
