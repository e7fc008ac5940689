"""Signing in (password, then the two-factor code when the user has it) and the Security page."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import security, throttling, two_factor
from amity.accounts.forms import ThrottledAuthenticationForm, TwoFactorForm, throttled_message
from amity.accounts.models import User
from amity.core.errors import DomainError

PENDING_KEY = "amity_2fa_pending"  # {"user": id, "backend": ..., "next": ..., "at": seconds}
SETUP_KEY = "amity_2fa_setup_secret"
# The password step is good for five minutes; then the user starts again.
PENDING_SECONDS = 300


class SignInView(LoginView):
    """Django's login page with throttling, and a second step for users with two-factor on."""

    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        throttling.failures_clear(username=user.get_username())
        if not user.has_two_factor:
            return super().form_valid(form)
        # Not signed in yet: the session only remembers who passed the password step.
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": int(timezone.now().timestamp()),
        }
        return redirect("sign_in_code")


def _pending_user(request) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING_KEY) or {}
    if not pending or timezone.now().timestamp() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def sign_in_code(request):
    """The second sign-in step: the authenticator code or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Sign in again: the code step expired."))
        return redirect("login")
    form = TwoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = throttling.client_address(request)
        until = throttling.locked_until(username=user.get_username(), address=address)
        if until is not None:
            form.add_error(None, throttled_message(until))
        elif security.two_factor_verify(user=user, code=form.cleaned_data["code"]):
            request.session.pop(PENDING_KEY, None)
            throttling.failures_clear(username=user.get_username())
            login(request, user, backend=pending["backend"])
            target = pending.get("next") or "/"
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "/"
            return redirect(target)
        else:
            throttling.failure_record(username=user.get_username(), address=address)
            form.add_error("code", _("That code does not match. Try the code your app shows now."))
    return render(request, "accounts/sign_in_code.html", {"form": form})


@login_required
def security_page(request):
    """Two-factor sign-in (set up, turn off) and signing out everywhere."""
    user = request.user
    form = TwoFactorForm(request.POST or None)
    context = {"form": form, "required": security.two_factor_required(user)}
    if user.has_two_factor:
        if request.method == "POST" and form.is_valid():
            try:
                security.two_factor_disable(user=user, code=form.cleaned_data["code"])
            except DomainError as error:
                form.add_error("code", error.message)
            else:
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("security")
        return render(request, "accounts/security.html", context)
    secret = request.session.get(SETUP_KEY) or two_factor.secret_new()
    request.session[SETUP_KEY] = secret
    if request.method == "POST" and form.is_valid():
        try:
            codes = security.two_factor_enable(
                user=user, secret=secret, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            request.session.pop(SETUP_KEY, None)
            messages.success(request, _("Two-factor sign-in is on."))
            return render(request, "accounts/security.html", {**context, "recovery_codes": codes})
    uri = two_factor.provisioning_uri(secret=secret, account=user.get_username())
    context.update(secret=secret, qr=two_factor.qr_data_uri(uri))
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def sign_out_everywhere(request):
    """End every session of the user, this one included."""
    security.sessions_end(actor=request.user, user=request.user)
    logout(request)
    messages.success(request, _("You were signed out on every device."))
    return redirect("login")
