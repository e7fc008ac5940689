"""Exports (CSV, XLSX, vCard 3.0 and 4.0) and the round trip: what Amity exports, Amity imports
back into the same contacts."""

import csv
import io
from io import StringIO

import pytest
import vobject
from django.core.management import call_command
from openpyxl import load_workbook

from amity.people import exporting
from amity.people.contracts import EmailData, IdentifierData, PhoneData, RoleData
from amity.people.importing import import_file
from amity.people.models import Contact, Organization
from amity.people.services import (
    contact_data,
    contact_delete,
    custom_field_define,
    organization_data,
    organization_delete,
)
from factories import TeamFactory, make_contact, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(agent):
    """Contacts from four scripts, with every kind of field an export carries."""
    custom_field_define(actor=None, key="tier", label="Tier", type_="choice", choices=["gold"])
    siam = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH")
    lodz = make_organization(name="Łódzkie Zakłady", country="PL")
    team = TeamFactory(name="ทีมขาย")
    make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        honorific_prefix="คุณ",
        preferred_name="ชาย",
        name_latin="Somchai Jaidee",
        languages=("th", "en"),
        emails=(EmailData("somchai@example.co.th"), EmailData("s.jaidee@siam.example", "work")),
        phones=(PhoneData("081 234 5678", "mobile"), PhoneData("02 123 4567", "work")),
        roles=(RoleData(siam.pk, "ผู้จัดการฝ่ายขาย"),),
        tags=("VIP", "ลูกค้าประจำ"),
        owner_id=agent.pk,
        team_id=team.pk,
        custom={"tier": "gold"},
        external_id="hs-502",
    )
    make_contact(
        given_name="太郎",
        family_name="山田",
        country="JP",
        name_latin="Yamada Taro",
        languages=("ja",),
        emails=("taro.yamada@example.jp",),
        phones=("090-1234-5678",),
    )
    make_contact(
        given_name="Łukasz",
        middle_name="Jan",
        family_name="Żółkiewski",
        country="PL",
        form_of_address="Panie Łukaszu",
        languages=("pl",),
        emails=("lukasz@example.pl",),
        phones=("601 234 567",),
        preferred_channels=("email", "phone"),
        do_not_contact=True,
        roles=(RoleData(lodz.pk, "Dyrektor"),),
    )
    make_contact(
        given_name="محمد",
        family_name="الحربي",
        country="SA",
        languages=("ar",),
        emails=("m.alharbi@example.sa",),
        phones=("050 123 4567",),
    )


def _snapshot(fields: tuple[str, ...] | None = None) -> list[tuple]:
    found = []
    for contact in Contact.objects.order_by("pk"):
        data = contact_data(contact)
        if fields:
            found.append(tuple(getattr(data, name) for name in fields))
        else:
            found.append(tuple(sorted(vars(data).items(), key=lambda item: item[0])))
    return sorted(found, key=repr)


def _delete_contacts() -> None:
    for contact in Contact.objects.all():
        contact_delete(actor=None, contact=contact)


def test_csv_export_imports_back_into_the_same_contacts(people, tmp_path):
    before = _snapshot()
    path = tmp_path / "contacts.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        written = exporting.write_csv(exporting.contact_rows(), handle)
    _delete_contacts()

    summary = import_file(path, kind="contacts")

    assert written == 4
    assert (summary.created, summary.rejected, summary.unknown_columns) == (4, 0, [])
    assert summary.organizations_created == 0  # found again by their exact names
    assert _snapshot() == before


def test_xlsx_export_imports_back_into_the_same_contacts(people, tmp_path):
    before = _snapshot()
    path = tmp_path / "contacts.xlsx"
    with path.open("wb") as handle:
        exporting.write_xlsx(exporting.contact_rows(), handle, title="contacts")
    _delete_contacts()

    summary = import_file(path, kind="contacts")

    assert (summary.format, summary.created, summary.rejected) == ("xlsx", 4, 0)
    assert _snapshot() == before


VCARD_FIELDS = (
    "given_name",
    "family_name",
    "middle_name",
    "honorific_prefix",
    "name_order",
    "preferred_name",
    "name_latin",
    "languages",
    "country",
    "timezone",
    "emails",
    "phones",
    "roles",
    "tags",
    "external_id",
)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_export_imports_back_with_names_emails_phones_and_organizations(
    people, tmp_path, version
):
    before = _snapshot(VCARD_FIELDS)
    path = tmp_path / "contacts.vcf"
    with path.open("w", encoding="utf-8", newline="") as handle:
        exporting.write_vcards(handle, version=version)
    _delete_contacts()

    summary = import_file(path, kind="contacts")

    assert (summary.format, summary.created, summary.rejected) == ("vcard", 4, 0)
    assert _snapshot(VCARD_FIELDS) == before


def test_a_vcard_4_keeps_the_name_in_its_script_and_the_romanized_one_beside(people):
    contact = Contact.objects.get(external_id="hs-502")

    card = vobject.readOne(exporting.contact_vcard(contact, version="4.0"))

    assert card.version.value == "4.0"
    names = {(line.params.get("LANGUAGE", [""])[0], line.value) for line in card.contents["fn"]}
    assert names == {("th", "สมชาย ใจดี"), ("th-Latn", "Somchai Jaidee")}
    assert (card.n.value.family, card.n.value.given, card.n.value.prefix) == (
        "ใจดี",
        "สมชาย",
        "คุณ",
    )
    assert [(t.value, t.params["TYPE"]) for t in card.contents["tel"]] == [
        ("tel:+66812345678", ["cell"]),
        ("tel:+6621234567", ["work"]),
    ]
    assert [e.value for e in card.contents["email"]] == [
        "somchai@example.co.th",
        "s.jaidee@siam.example",
    ]
    assert [line.value for line in card.contents["lang"]] == ["th", "en"]
    assert card.org.value == ["บริษัท สยามเทรดดิ้ง จำกัด"]
    assert card.title.value == "ผู้จัดการฝ่ายขาย"
    assert card.categories.value == ["VIP", "ลูกค้าประจำ"]
    assert card.uid.value == "hs-502"


def test_a_vcard_3_writes_a_family_first_name_in_its_order(people):
    taro = Contact.objects.get(family_name="山田")

    card = vobject.readOne(exporting.contact_vcard(taro, version="3.0"))

    assert card.version.value == "3.0"
    assert card.fn.value == "山田 太郎"
    assert "lang" not in card.contents  # LANG is vCard 4.0; 3.0 carries X-AMITY-LANG
    assert card.contents["x-amity-lang"][0].value == "ja"
    assert card.tel.value == "+819012345678"


def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_read_back(tmp_path):
    make_contact(
        given_name='=HYPERLINK("http://example.com")',
        family_name="@SUM(A1)",
        country="PL",
        phones=("+48 601 234 567",),
    )
    csv_path = tmp_path / "c.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        exporting.write_csv(exporting.contact_rows(), handle)
    xlsx_path = tmp_path / "c.xlsx"
    with xlsx_path.open("wb") as handle:
        exporting.write_xlsx(exporting.contact_rows(), handle, title="contacts")

    row = next(csv.DictReader(csv_path.open(encoding="utf-8")))
    sheet = load_workbook(xlsx_path).active
    header = [cell.value for cell in sheet[1]]
    given = sheet.cell(row=2, column=header.index("given_name") + 1)

    assert row["given_name"] == """'=HYPERLINK("http://example.com")"""
    assert row["family_name"] == "'@SUM(A1)"
    assert row["phones"] == "+48601234567"  # a phone number is not a formula
    assert (given.value, given.data_type) == ('=HYPERLINK("http://example.com")', "s")
    _delete_contacts()
    import_file(csv_path, kind="contacts")
    assert Contact.objects.get().given_name == '=HYPERLINK("http://example.com")'


def test_the_export_command_writes_each_format(people, tmp_path):
    out = StringIO()
    call_command("export", "contacts", stdout=out)
    call_command("export", "contacts", "--format", "vcf", "-o", str(tmp_path / "c.vcf"))
    call_command("export", "contacts", "--format", "xlsx", "-o", str(tmp_path / "c.xlsx"))

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(r["full_name"] for r in rows) == sorted(
        ["สมชาย ใจดี", "山田 太郎", "Łukasz Jan Żółkiewski", "محمد الحربي"]
    )
    thai = next(r for r in rows if r["external_id"] == "hs-502")
    assert thai["emails"] == "somchai@example.co.th; work: s.jaidee@siam.example"
    assert thai["phones"] == "mobile: +66812345678; work: +6621234567"
    assert (thai["owner"], thai["team"], thai["custom.tier"]) == ("somchai", "ทีมขาย", "gold")
    cards = list(vobject.readComponents((tmp_path / "c.vcf").read_text(encoding="utf-8")))
    assert len(cards) == 4
    assert load_workbook(tmp_path / "c.xlsx").active.max_row == 5


def test_organizations_export_imports_back_with_parents_and_identifiers(tmp_path):
    group = make_organization(
        name="Grupa Bałtyk S.A.",
        country="PL",
        industry="K",
        size_band="1000+",
        city="Gdańsk",
        street="ul. Długa 1",
        postal_code="80-831",
        website="https://baltyk.example.pl",
        identifiers=(IdentifierData("pl_nip", "526-000-12-46"),),
        external_id="sf-001",
        tags=("holding",),
    )
    make_organization(name="Bałtyk Leasing", country="PL", parent_id=group.pk, industry="K")
    make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH", subdivision="TH-10")

    def snapshot():
        found = []
        for organization in Organization.objects.select_related("parent"):
            data = organization_data(organization)
            parent = organization.parent.name if organization.parent else ""
            found.append((repr(data.__class__(**{**vars(data), "parent_id": None})), parent))
        return sorted(found)

    before = snapshot()
    path = tmp_path / "organizations.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        exporting.write_csv(exporting.organization_rows(), handle)
    for organization in Organization.objects.order_by("-pk"):
        organization_delete(actor=None, organization=organization)

    summary = import_file(path, kind="organizations")

    assert (summary.created, summary.rejected, summary.unknown_columns) == (3, 0, [])
    assert snapshot() == before


def test_the_export_command_refuses_organizations_as_vcards():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="vCards hold people"):
        call_command("export", "organizations", "--format", "vcf")


def test_a_contact_without_external_id_exports_without_uid():
    contact = make_contact(given_name="Anna", family_name="Nowak", country="PL")

    card = vobject.readOne(exporting.contact_vcard(contact))

    assert "uid" not in card.contents
