"""The extension kit: every record kind is registered once, with what other apps need."""

import pytest
from django.apps import apps
from django.urls import reverse

from amity.accounts.models import RecordVisibility
from amity.accounts.visibility import visibility_policy_update
from amity.core.errors import NotFound
from amity.core.records import (
    audit_subject_kinds,
    merge_hooks,
    navigation_entries,
    personal_data_parts,
    record_kind,
    record_kinds,
    searchable_kinds,
)
from amity.people.merging import contacts_merge
from amity.people.models import Contact, Organization, Segment
from amity.people.segments import segment_fields
from amity.privacy.exporting import contact_export_data
from factories import make_contact

# The subjects every other kind links to: merging them is people.merging, exporting and
# erasing them is the privacy app's own work.
SUBJECTS = {"contact", "organization"}


def _linked_models():
    """Every model with a relation to a contact or an organization (foreign key, one-to-one or
    many-to-many), with the field."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            relation = field.many_to_one or field.one_to_one or field.many_to_many
            if related in (Contact, Organization) and relation and not field.auto_created:
                yield model, field.name


def test_every_model_linked_to_a_person_belongs_to_a_kind_with_export_erasure_and_merge():
    covered = {label: kind for kind in record_kinds() for label in kind.models}

    missing = []
    for model, field in _linked_models():
        kind = covered.get(model._meta.label)
        if kind is None:
            missing.append(f"{model._meta.label}.{field}: no record kind lists this model")
        elif kind.key not in SUBJECTS and (kind.personal_data is None or kind.merge is None):
            missing.append(f"{model._meta.label}.{field}: kind {kind.key} lacks export/merge")

    assert missing == []
    assert {m._meta.label for m, _f in _linked_models()} >= {
        "interactions.InteractionContact",
        "privacy.ConsentEntry",
        "people.Segment",
    }


def test_kinds_are_registered_once_by_their_own_app():
    kinds = {kind.key: kind for kind in record_kinds()}

    assert {"contact", "organization", "interaction", "consent", "segment"} <= set(kinds)
    for kind in kinds.values():
        assert all(label.split(".")[0] == kind.app for label in kind.models), kind.key
        assert str(kind.label)
        assert str(kind.plural_label)
    assert searchable_kinds() == ["contact", "organization"]
    assert record_kind("contacts") is kinds["contact"]
    assert {"contact", "contacts", "interaction", "consent"} <= set(audit_subject_kinds())
    assert "interactions" in {field.key for field in segment_fields()}
    assert {part.name for part in personal_data_parts()} >= {"interactions", "consents"}
    assert len(merge_hooks()) >= 3


def test_navigation_lists_every_registered_page_in_order():
    keys = [entry.key for entry in navigation_entries()]

    assert keys == [
        "home",
        "contact",
        "organization",
        "segment",
        "teams",
        "users",
        "country",
        "guidance",
        "meeting",
        "holiday_radar",
    ]
    for entry in navigation_entries():
        assert reverse(entry.url_name)


@pytest.mark.django_db
def test_get_visible_answers_not_found_for_a_hidden_or_missing_record(agent, admin_user):
    contact = make_contact(given_name="ليلى", family_name="الحربي", country="SA")
    kind = record_kind("contact")

    assert kind.get_visible(admin_user, contact.pk) == contact
    assert kind.url(contact.pk) == reverse("contact_detail", args=[contact.pk])
    with pytest.raises(NotFound):
        kind.get_visible(admin_user, 10**9)
    visibility_policy_update(
        actor=admin_user,
        manager_scope=RecordVisibility.Scope.TEAMS,
        agent_scope=RecordVisibility.Scope.TEAMS,
    )
    with pytest.raises(NotFound):
        kind.get_visible(agent, contact.pk)


@pytest.mark.django_db
def test_merging_keeps_the_merged_contacts_static_lists(admin_user):
    keep = make_contact(given_name="Małgorzata", family_name="Kowalska")
    merge = make_contact(given_name="Gosia", family_name="Kowalska")
    vip = Segment.objects.create(name="VIP", kind=Segment.Kind.STATIC)
    both = Segment.objects.create(name="Kraków", kind=Segment.Kind.STATIC)
    vip.members.add(merge)
    both.members.add(keep, merge)

    contacts_merge(actor=admin_user, keep=keep, merge=merge)

    assert sorted(keep.static_segments.values_list("name", flat=True)) == ["Kraków", "VIP"]
    assert contact_export_data(keep)["static_segment_ids"] == sorted([vip.pk, both.pk])
