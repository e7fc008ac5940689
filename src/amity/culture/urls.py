from django.urls import path

from amity.culture import views

urlpatterns = [
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("settings/calendar/", views.business_calendar, name="business_calendar"),
    path(
        "settings/calendar/hours/<str:code>/reset/",
        views.business_hours_reset,
        name="business_hours_reset",
    ),
    path(
        "settings/calendar/closures/<int:closure_id>/delete/",
        views.closure_delete,
        name="closure_delete",
    ),
]
