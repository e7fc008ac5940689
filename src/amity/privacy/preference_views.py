"""The public preference centre (no sign-in: the signed link is the key) and the staff page
that shows, copies or emails a contact's link. Thin: parse, call ``privacy.preferences``,
render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amity.core.errors import DomainError
from amity.core.page_access import writer_required
from amity.people import selectors as people_selectors
from amity.privacy import preferences
from amity.privacy.preference_forms import PreferenceForm

DONE = {
    "granted": lambda: _("Thank you: your choice is saved."),
    "confirmation_sent": lambda: _(
        "We emailed you a link: your consent counts once you follow it to confirm."
    ),
    "withdrawn": lambda: _("Done: we will not contact you for this any more."),
}


def _private(response, language: str = ""):
    # The token in the address is the key: keep the page out of search engines, caches and
    # other sites' Referer headers.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    if language:
        response["Content-Language"] = language
    return response


def _act(request, contact, form: PreferenceForm, language: str) -> bool:
    """Apply the posted change; True when it was saved (a message says what happened)."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if data["action"] == preferences.UNSUBSCRIBE_ALL:
            preferences.preferences_unsubscribe_all(contact=contact, language=language)
            text = _(
                "You are unsubscribed from everything: no more marketing or surveys, on any "
                "channel. Messages about what you ordered or asked us for still reach you."
            )
        else:
            done = preferences.preference_change(
                contact=contact, key=data["row"], action=data["action"], language=language
            )
            text = DONE[done]()
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, text)
    return True


@never_cache
@require_http_methods(["GET", "POST"])
def centre(request, token: str):
    """Public: the person's consents in their language, to change or refuse all at once.
    Changes are POSTed with the CSRF token, so following the link changes nothing."""
    try:
        contact = preferences.contact_for_token(token)
    except DomainError as error:
        response = render(request, "privacy/preferences_invalid.html", {"error": error.message})
        response.status_code = 400
        return _private(response)
    requested = request.POST.get("language") or request.GET.get("lang") or ""
    language = preferences.page_language(contact, requested)
    with translation.override(language):
        form = PreferenceForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if _act(request, contact, form, language):
                address = reverse("privacy_preferences", args=[token])
                return _private(redirect(f"{address}?{urlencode({'lang': language})}"))
            status = 400
        context = {
            "token": token,
            "name": contact.full_name,
            "email": preferences.masked_email(contact),
            "rows": preferences.preference_rows(contact),
            "form": form,
            "language": language,
        }
        response = render(request, "privacy/preferences.html", context, status=status)
    return _private(response, language)


@never_cache
@writer_required(methods=["GET", "POST"])
def link(request, contact_id: int):
    """Writers: the contact's preference-centre link to copy, and a button to email it."""
    contact = people_selectors.contact_get(contact_id)
    context = {"contact": contact, "error": "", "sent_to": ""}
    if request.method == "POST":
        try:
            context["sent_to"] = preferences.preference_link_send(
                actor=request.user, contact=contact
            )
        except DomainError as error:
            context["error"] = error.message
    context["url"] = preferences.preference_url(contact)
    context["expires_at"] = preferences.preference_link_expiry()
    template = "privacy/preferences_link.html"
    return render(request, template + ("#link" if request.htmx else ""), context)
