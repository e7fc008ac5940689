from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from amity.api import api, unknown_endpoint
from amity.web import access, sign_in, user_admin, views, visibility
from amity.web.forms import QueuedPasswordResetForm

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
    path("teams/", views.teams, name="teams"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("users/", user_admin.users, name="users"),
    path(
        "contacts/<int:contact_id>/access/",
        access.contact_access_panel,
        name="contact_access_panel",
    ),
    path("users/<int:user_id>/", user_admin.user_edit, name="user_edit"),
    path("settings/preferences/", views.preferences, name="preferences"),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("language/", views.set_language, name="set_language"),
    path("login/", sign_in.SignInView.as_view(), name="login"),
    path("login/code/", sign_in.sign_in_code, name="sign_in_code"),
    path("settings/security/", sign_in.security_page, name="security"),
    path("settings/visibility/", visibility.visibility_settings, name="visibility_settings"),
    path(
        "settings/visibility/teams/<int:team_id>/",
        visibility.team_territories,
        name="team_territories",
    ),
    path("settings/security/sign-out/", sign_in.sign_out_everywhere, name="sign_out_everywhere"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_endpoint),
]
