from django.urls import include, path, re_path

from amity.api import api, unknown_endpoint
from amity.web import access, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("", include("amity.people.urls")),
    path("", include("amity.people.radar_urls")),
    path("", include("amity.interactions.urls")),
    path("", include("amity.culture.urls")),
    path("", include("amity.culture.guidance_urls")),
    path("", include("amity.people.guidance_urls")),
    path("", include("amity.interactions.briefing_urls")),
    path("", include("amity.privacy.urls")),
    path("", include("amity.privacy.audit_urls")),
    path("", include("amity.privacy.dsr_urls")),
    path("", include("amity.privacy.preference_urls")),
    path("", include("amity.interactions.meeting_urls")),
    path("", include("amity.accounts.urls")),
    path(
        "contacts/<int:contact_id>/access/",
        access.contact_access_panel,
        name="contact_access_panel",
    ),
    path("language/", views.set_language, name="set_language"),
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_endpoint),
]
