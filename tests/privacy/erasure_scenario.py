"""The person the erasure tests erase, with personal data in every place it can live, and the
strings that must be gone afterwards. Used in-process by the tests and, for the raw-byte scan
of a real SQLite data directory, as a script: ``python erasure_scenario.py seed|service|api``.
"""

import datetime
import json
import sys

NAME = ("Małgorzata", "Żółtowska")
MIDDLE = "ちはる"  # Japanese
NICKNAME = "มะลิวัลย์"  # Thai
ADDRESS_FORM = "السيدة ملغوجاتا"  # Arabic
EMAIL = "malgorzata.zoltowska@example.pl"
MERGED_EMAIL = "m.zoltowska@poczta.example"
PHONE = "+48 601 987 654"
CUSTOM_TEXT = "herbata jaśminowa od babci Zofii"
INTERACTION_TEXT = "uszkodzony czajnik elektryczny"
SHARED_TEXT = "omówiono dostawę do Chiang Mai"
EVIDENCE = "ul. Kwiatowa 12, Wrocław"
GUIDANCE_NOTE = "Nie lubi telefonów przed 10:00"

# Everything that identifies her; none may remain after the erasure.
NEEDLES = (
    *NAME,
    MIDDLE,
    NICKNAME,
    ADDRESS_FORM,
    EMAIL,
    MERGED_EMAIL,
    "+48601987654",
    "601 987 654",
    "601987654",
    CUSTOM_TEXT,
    INTERACTION_TEXT,
    EVIDENCE,
    GUIDANCE_NOTE,
)


def seed() -> dict:
    """Create her (and a colleague she met with); returns their ids."""
    from amity.interactions.contracts import InteractionData
    from amity.interactions.services import interaction_log
    from amity.people.guidance import guidance_preferences_set
    from amity.people.merging import contacts_merge
    from amity.people.services import custom_field_define
    from amity.privacy.services import consent_record
    from factories import make_contact

    custom_field_define(actor=None, key="tea", label="Favourite tea", type_="text")
    person = make_contact(
        given_name=NAME[0],
        family_name=NAME[1],
        middle_name=MIDDLE,
        preferred_name=NICKNAME,
        form_of_address=ADDRESS_FORM,
        country="PL",
        languages=["pl"],
        emails=[EMAIL],
        phones=[PHONE],
        custom={"tea": CUSTOM_TEXT},
        external_id="crm-88123",
    )
    duplicate = make_contact(
        given_name=NAME[0], family_name=NAME[1], country="PL", emails=[MERGED_EMAIL]
    )
    contacts_merge(actor=None, keep=person, merge=duplicate, actor_label="test")
    colleague = make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    when = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    interaction_log(
        actor=None,
        data=InteractionData(
            channel="phone",
            occurred_at=when,
            direction="inbound",
            subject="Reklamacja",
            body=f"{NAME[0]} zgłosiła: {INTERACTION_TEXT}.",
            contact_ids=(person.pk,),
        ),
    )
    interaction_log(
        actor=None,
        data=InteractionData(
            channel="meeting",
            occurred_at=when + datetime.timedelta(days=1),
            subject=f"Spotkanie: {NAME[0]} {NAME[1]} i สมชาย",
            body=f"{SHARED_TEXT}; {NAME[1]} ({EMAIL}) potwierdzi.",
            contact_ids=(person.pk, colleague.pk),
        ),
    )
    consent_record(
        actor=None,
        contact=person,
        purpose="marketing-email",
        channel="email",
        status="granted",
        source="paper",
        evidence=f"Formularz podpisany: {NAME[0]} {NAME[1]}, {EVIDENCE}",
        wording="Zgadzam się na newsletter.",
        wording_language="pl",
        actor_kind="system",
        actor_label="test",
    )
    guidance_preferences_set(
        actor=None, contact=person, changes={"meetings": {"note": GUIDANCE_NOTE}}
    )
    return {"person": person.pk, "colleague": colleague.pk}


def _api_erase(contact_id: int) -> dict:
    from django.test import Client

    from amity.accounts.services import token_create
    from amity.core.permissions import Role
    from factories import UserFactory

    manager = UserFactory(username="ewa", role=Role.MANAGER)
    _token, secret = token_create(user=manager, name="erasure")
    response = Client(HTTP_HOST="localhost").post(
        f"/api/v1/contacts/{contact_id}/erase",
        data={},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    return response.json()


def main(step: str, contact_id: int | None) -> None:
    import django

    django.setup()
    if step == "seed":
        print(json.dumps(seed()))
    elif step == "service":
        from amity.people.models import Contact
        from amity.privacy.erasure import person_erase

        person_erase(contact=Contact.objects.get(pk=contact_id), reason="request")
    elif step == "api":
        print(json.dumps(_api_erase(contact_id)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
