"""Pages of the holiday radar (included by amity.urls)."""

from django.urls import path

from amity.people import radar_views

urlpatterns: list = [
    path("holidays/", radar_views.radar_page, name="holiday_radar"),
    path("holidays/summary/", radar_views.radar_summary, name="holiday_radar_summary"),
]
