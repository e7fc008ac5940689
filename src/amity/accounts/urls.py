"""Pages of accounts: signing in and out, the password reset, a user's preferences, API tokens
and Security page, teams, and the administrators' users and record visibility pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from amity.accounts import sign_in_views, user_admin_views, views, visibility_views
from amity.accounts.forms import QueuedPasswordResetForm

urlpatterns: list = [
    path("teams/", views.teams, name="teams"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("users/", user_admin_views.users, name="users"),
    path("users/<int:user_id>/", user_admin_views.user_edit, name="user_edit"),
    path("settings/preferences/", views.preferences, name="preferences"),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("login/", sign_in_views.SignInView.as_view(), name="login"),
    path("login/code/", sign_in_views.sign_in_code, name="sign_in_code"),
    path("settings/security/", sign_in_views.security_page, name="security"),
    path("settings/visibility/", visibility_views.visibility_settings, name="visibility_settings"),
    path(
        "settings/visibility/teams/<int:team_id>/",
        visibility_views.team_territories,
        name="team_territories",
    ),
    path(
        "settings/security/sign-out/",
        sign_in_views.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
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
]
