"""factory_boy factories for the platform's models; each app's tests add their own beside."""

import factory

from amity.accounts.models import Team, User
from amity.core.permissions import Role

PASSWORD = "correct horse battery staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    display_name = factory.Sequence(lambda n: f"ผู้ใช้ {n}")
    role = Role.AGENT
    language = "en"
    timezone = "Asia/Bangkok"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def advance_ids(model, past: int) -> None:
    """Give ``model``'s next row an id above ``past`` on SQLite and PostgreSQL alike.

    Ids past 999 are where a number rendered for people (1,360; 1 360) would break a form value
    or a link that carries it.
    """
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, past])
        else:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, past])


def make_organization(**fields):
    """An organization created through the service (so it is validated and searchable)."""
    from amity.people.contracts import OrganizationData
    from amity.people.services import organization_create

    fields.setdefault("name", "บริษัท สยามเทรดดิ้ง จำกัด")
    fields.setdefault("country", "TH")
    return organization_create(actor=None, actor_label="test", data=OrganizationData(**fields))


def make_contact(**fields):
    """A contact created through the service; ``emails``/``phones`` may be plain strings."""
    from amity.people.contracts import ContactData, EmailData, PhoneData
    from amity.people.services import contact_create

    fields.setdefault("given_name", "สมชาย")
    fields.setdefault("family_name", "ใจดี")
    fields.setdefault("country", "TH")
    fields["emails"] = tuple(
        EmailData(e) if isinstance(e, str) else e for e in fields.get("emails", ())
    )
    fields["phones"] = tuple(
        PhoneData(p) if isinstance(p, str) else p for p in fields.get("phones", ())
    )
    return contact_create(actor=None, actor_label="test", data=ContactData(**fields))
