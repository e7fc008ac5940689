"""Pages of the country guidance (administrators edit it here)."""

from django.urls import path

from amity.culture import guidance_views

urlpatterns: list = [
    path("guidance/", guidance_views.guidance_list, name="guidance_list"),
    path("guidance/<str:code>/", guidance_views.guidance_country, name="country_guidance"),
    path(
        "guidance/<str:code>/<str:field>/edit/",
        guidance_views.guidance_edit,
        name="country_guidance_edit",
    ),
    path(
        "guidance/<str:code>/<str:field>/revert/",
        guidance_views.guidance_revert,
        name="country_guidance_revert",
    ),
]
