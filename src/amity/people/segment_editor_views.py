"""The segment editor: creating and changing a segment, the rule builder (its buttons re-render
the builder) and the live count of the rules being edited. Writers only (403 otherwise)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.core.page_access import writer_required
from amity.people import segments
from amity.people.models import Segment
from amity.people.segment_forms import RulesForm, SegmentForm
from amity.people.segment_views import UNREADABLE_RULES, live_count, segment_or_404


def _checked(rules: dict) -> None:
    """DomainError with a reason for rules the service cannot read (even those its field
    functions do not yet explain)."""
    try:
        segments.rules_q(rules)
    except DomainError:
        raise
    except UNREADABLE_RULES:
        raise DomainError(
            _("These rules cannot be read; check each rule's value."), field="rules"
        ) from None


def _preview(rules_form: RulesForm, user) -> dict:
    """The live count of the rules being edited, or the reason they cannot be counted."""
    if not rules_form.has_rules():
        return {"empty": True}
    rules = rules_form.rules()
    if rules is None:
        return {"errors": rules_form.rule_errors or [_("Some rules are not complete.")]}
    try:
        _checked(rules)
        count = live_count(segments.contacts_for_rules(rules, user=user))
    except DomainError as error:
        return {"errors": [error.message]}
    if count is None:
        return {"errors": [_("These rules cannot be counted now.")]}
    return {"count": count}


def _save(request, form: SegmentForm, rules_form: RulesForm | None, segment=None, kind=""):
    """Create or change through the service: (the segment, None), or (None, the reason the
    rules were refused) with other errors on the form. Nothing is saved on any error."""
    if not form.is_valid():
        return None, ""
    rules = None
    if rules_form is not None:
        rules = rules_form.rules()
        if rules is None:
            return None, ""
    data = form.cleaned_data
    try:
        if rules is not None:
            _checked(rules)
        if segment is None:
            created = segments.segment_create(
                actor=request.user,
                name=data["name"],
                kind=kind,
                rules=rules,
                description=data["description"],
            )
            return created, ""
        updated = segments.segment_update(
            actor=request.user,
            segment=segment,
            name=data["name"],
            rules=rules,
            description=data["description"],
        )
        return updated, ""
    except DomainError as error:
        if error.field == "rules" and rules_form is not None:
            return None, error.message
        form.show_error(error)
        return None, ""


def _editor(request, *, segment: Segment | None, kind: str):
    """The create and edit pages: builder buttons re-render, "Save" saves."""
    posted = request.method == "POST"
    action = request.POST.get("action", "save") if posted else ""
    if action == "save":
        form = SegmentForm(request.POST, segment=segment)
    elif posted:  # a builder button: keep what was typed, judge it only on "Save"
        typed = {name: request.POST.get(name, "") for name in ("name", "description")}
        form = SegmentForm(initial=typed)
    else:
        form = SegmentForm(segment=segment)
    rules_form = None
    if kind == Segment.Kind.RULES:
        rules_form = RulesForm(
            request.POST if posted else None,
            rules=segment.rules if segment else None,
            url=request.path,
        )
    if posted and action != "save" and rules_form is not None:
        rules_form.rebuild(action)
    preview = _preview(rules_form, request.user) if rules_form is not None else None
    if posted and action == "save":
        saved, problem = _save(request, form, rules_form, segment=segment, kind=kind)
        if saved is not None:
            message = _("Segment %(name)s saved.") if segment else _("Segment %(name)s created.")
            messages.success(request, message % {"name": saved.name})
            return redirect("segment_detail", saved.pk)
        if rules_form is not None:
            problems = [*preview.get("errors", []), *rules_form.rule_errors, problem]
            if any(problems):
                preview = {"errors": list(dict.fromkeys(p for p in problems if p))}
    template = "people/segment_form.html"
    if request.htmx and request.htmx.target == "rule-builder":
        template = "people/segment_form.html#builder"
    return render(
        request,
        template,
        {
            "form": form,
            "rules_form": rules_form,
            "segment": segment,
            "kind": kind,
            "preview": preview,
            "failed": posted and action == "save",
        },
    )


@writer_required(methods=["GET", "POST"])
def segment_create(request):
    kind = request.POST.get("kind") or request.GET.get("kind") or Segment.Kind.RULES
    if kind not in Segment.Kind.values:
        kind = Segment.Kind.RULES
    return _editor(request, segment=None, kind=kind)


@writer_required(methods=["GET", "POST"])
def segment_edit(request, segment_id: int):
    segment = segment_or_404(segment_id)
    return _editor(request, segment=segment, kind=segment.kind)


@writer_required(methods=["POST"])
def segment_preview(request):
    """The live count while rules are edited (and the builder's rules as JSON)."""
    rules_form = RulesForm(request.POST)
    return render(
        request,
        "people/segment_count.html",
        {"preview": _preview(rules_form, request.user), "rules_form": rules_form, "oob": True},
    )
