"""The meeting finder pages: pick contacts (by search) and colleagues, see the ranked slots
with everyone's local time, book one, then download the invitations."""

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from amity.accounts.selectors import user_list
from amity.core.errors import DomainError
from amity.core.page_access import can_write, reader_required
from amity.interactions import invitations
from amity.interactions.meeting_forms import MeetingBookForm, MeetingSearchForm
from amity.interactions.meetings import MeetingRequest, meeting_book, meeting_get, meeting_search
from amity.people import selectors as people_selectors

CONTACT_SEARCH_LIMIT = 20


def _ids(values) -> list[int]:
    return list(dict.fromkeys(int(v) for v in values if str(v).isdigit()))


def _chosen_contacts(ids: list[int], user) -> list:
    everyone = people_selectors.contacts_matching(people_selectors.ContactFilters(), user=user)
    found = {c.pk: c for c in everyone.prefetch_related(None).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def _contact_label(contact) -> str:
    zone = contact.timezone or _("no time zone")
    return f"{contact.full_name} ({zone})"


@reader_required
def meeting_finder(request):
    """The finder: a GET form (so a search can be bookmarked) and, when sent, ranked slots."""
    chosen = _chosen_contacts(_ids(request.GET.getlist("contacts")), request.user)
    users = list(user_list().prefetch_related(None))
    form = MeetingSearchForm(
        request.GET if "days" in request.GET else None,
        initial={"contacts": [c.pk for c in chosen], "users": [request.user.pk]},
        contact_choices=[(c.pk, _contact_label(c)) for c in chosen],
        user_choices=[(u.pk, f"{u} ({u.timezone})") for u in users],
    )
    context = {"form": form, "chosen": chosen, "search": None, "error": "", "book_form": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            context["search"] = meeting_search(
                contact_ids=data["contacts"],
                user_ids=data["users"],
                days=data["days"],
                duration_minutes=data["duration_minutes"],
            )
        except DomainError as error:
            context["error"] = error.message
        else:
            context["book_form"] = MeetingBookForm(
                initial={"duration_minutes": data["duration_minutes"]},
                contact_ids=data["contacts"],
                user_ids=data["users"],
            )
            context["contact_ids"] = data["contacts"]
            context["user_ids"] = data["users"]
    context["can_book"] = can_write(request.user)
    return render(request, "interactions/meeting_finder.html", context)


@reader_required
def meeting_contact_options(request):
    """HTMX fragment: the contacts already ticked (kept) and those matching the typed words."""
    query = request.GET.get("q", "").strip()
    chosen = _chosen_contacts(_ids(request.GET.getlist("contacts")), request.user)
    contacts = []
    if query:
        matching = people_selectors.contacts_matching(
            people_selectors.ContactFilters(q=query), user=request.user
        )
        contacts = list(
            matching.prefetch_related(None).exclude(pk__in=[c.pk for c in chosen])[
                :CONTACT_SEARCH_LIMIT
            ]
        )
    return render(
        request,
        "interactions/meeting_contact_options.html",
        {"chosen": chosen, "contacts": contacts, "query": query},
    )


@reader_required(methods=["POST"])
def meeting_book_page(request):
    contact_ids, user_ids = (
        _ids(request.POST.getlist("contacts")),
        _ids(request.POST.getlist("users")),
    )
    form = MeetingBookForm(request.POST, contact_ids=contact_ids, user_ids=user_ids)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(errors)
            if label:
                text = _("%(field)s: %(errors)s") % {"field": label, "errors": text}
            messages.error(request, text)
        return redirect(_finder_again(request, contact_ids, user_ids))
    data = form.cleaned_data
    try:
        meeting = meeting_book(
            actor=request.user,
            request=MeetingRequest(
                start=data["start"],
                duration_minutes=data["duration_minutes"],
                contact_ids=tuple(data["contacts"]),
                user_ids=tuple(data["users"]),
                title=data["title"],
                description=data["description"],
                video_link=data["video_link"],
            ),
            actor_label="web",
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_finder_again(request, contact_ids, user_ids))
    messages.success(request, _("Meeting booked."))
    return redirect("meeting_detail", meeting.pk)


def _finder_again(request, contact_ids, user_ids) -> str:
    query = QueryDict(mutable=True)
    query.setlist("contacts", [str(i) for i in contact_ids])
    query.setlist("users", [str(i) for i in user_ids])
    for name in ("days", "duration_minutes"):
        if request.POST.get(name):
            query[name] = request.POST[name]
    return f"{reverse('meeting_finder')}?{query.urlencode()}"


@reader_required
def meeting_detail(request, meeting_id: int):
    """A booked meeting: when it is for each participant, the link, the invitations."""
    meeting = meeting_get(meeting_id)
    end = meeting.occurred_at + (meeting.duration or invitations.DEFAULT_DURATION)
    people = [(c.full_name, c.timezone or "UTC", c) for c in meeting.contacts.all()]
    people += [(str(u), u.timezone or "UTC", None) for u in meeting.users.all()]
    return render(
        request,
        "interactions/meeting_detail.html",
        {
            "meeting": meeting,
            "end": end,
            "people": people,
            "invitation_languages": invitations.invitation_languages(meeting),
            "without_email": invitations.invitation_missing_emails(meeting),
        },
    )


@reader_required
def meeting_invitation(request, meeting_id: int, language: str):
    meeting = meeting_get(meeting_id)
    if language not in invitations.invitation_languages(meeting):
        raise Http404
    response = HttpResponse(
        invitations.meeting_invitation(meeting, language=language),
        content_type="text/calendar; charset=utf-8; method=REQUEST",
    )
    filename = invitations.invitation_filename(meeting, language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
