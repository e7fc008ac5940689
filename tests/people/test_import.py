"""Importing contacts and organizations from the files people bring: other CRMs' exports, old
spreadsheets in legacy encodings, XLSX and vCards; through the service layer and the CLI."""

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from amity.people.importing import ImportFailed, import_file
from amity.people.importing.mapping import MappingError, build, header_key, mapping_file_read
from amity.people.importing.values import country_code, industry_code, size_band
from amity.people.models import (
    Contact,
    ContactOrganization,
    Industry,
    NameOrder,
    Organization,
    PeopleEvent,
    SizeBand,
)
from amity.people.services import custom_field_define
from factories import make_contact, make_organization

DATA = Path(__file__).parent / "data"
AMITY = [sys.executable, "-m", "amity"]


def _contact(email: str) -> Contact:
    return Contact.objects.get(emails__normalized=email)


def _names(contacts) -> list[str]:
    return sorted(c.full_name for c in contacts)


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(DATA / name, target)
    return target


# Reading cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Poland", "PL"),
        ("Polska", "PL"),
        ("POL", "PL"),
        ("pl", "PL"),
        ("ประเทศไทย", "TH"),
        ("ไทย", "TH"),
        ("Thailand", "TH"),
        ("日本", "JP"),
        ("المملكة العربية السعودية", "SA"),
        ("Brasil", "BR"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Deutschland", "DE"),
    ],
)
def test_countries_are_read_by_name_in_several_languages_or_by_code(written, code):
    assert country_code(written) == code


def test_an_unknown_country_name_is_refused():
    with pytest.raises(ValueError, match="Narnia"):
        country_code("Narnia")


@pytest.mark.parametrize(
    ("written", "section"),
    [
        ("K", "K"),
        ("Banking", Industry.K),
        ("COMPUTER_SOFTWARE", Industry.J),
        ("Hospitality", Industry.I),
        ("Information and communication", Industry.J),
        ("Other", ""),
    ],
)
def test_industries_from_other_crms_become_isic_sections(written, section):
    assert industry_code(written) == section


@pytest.mark.parametrize(
    ("written", "band"),
    [("7", SizeBand.MICRO), ("1,200", SizeBand.ENTERPRISE), ("51-200", SizeBand.MEDIUM)],
)
def test_head_counts_become_size_bands(written, band):
    assert size_band(written) == band


def test_headers_match_whatever_their_case_spacing_and_accents():
    assert header_key("Country/Region") == header_key("country_region") == "countryregion"
    assert header_key("E-MAIL") == header_key("email")


@pytest.mark.django_db
def test_hubspot_headers_are_recognized_and_unknown_columns_reported():
    headers = next(csv.reader((DATA / "hubspot_contacts.csv").open(encoding="utf-8")))

    mapping = build("contacts", headers)

    assert mapping.columns == {
        "Record ID": "external_id",
        "First Name": "given_name",
        "Last Name": "family_name",
        "Email": "email",
        "Phone Number": "phone",
        "Mobile Phone Number": "mobile",
        "Company Name": "organization",
        "Job Title": "job_title",
        "Country/Region": "country",
        "Contact owner": "owner",
    }
    assert mapping.unknown == ["Lifecycle Stage", "Create Date"]


# Encodings -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_windows_1250_polish_file_imports_with_its_letters(tmp_path):
    path = tmp_path / "klienci.csv"
    path.write_bytes(
        (
            "Imię;Nazwisko;E-mail;Telefon;Kraj;Firma\n"
            "Łukasz;Żółkiewski;lukasz@example.pl;42 123 45 67;Polska;Zakłady Łódź\n"
            "Zofia;Wiśniewska;zofia@example.pl;601 234 567;Polska;Zakłady Łódź\n"
        ).encode("cp1250")
    )

    summary = import_file(path, kind="contacts")

    assert (summary.encoding, summary.created, summary.rejected) == ("cp1250", 2, 0)
    lukasz = _contact("lukasz@example.pl")
    assert (lukasz.full_name, lukasz.country) == ("Łukasz Żółkiewski", "PL")
    assert list(lukasz.phones.values_list("number", flat=True)) == ["+48421234567"]
    assert Organization.objects.get().name == "Zakłady Łódź"
    assert ContactOrganization.objects.filter(organization__name="Zakłady Łódź").count() == 2


@pytest.mark.django_db
def test_a_thai_windows_874_file_reads_phones_in_the_rows_country(tmp_path):
    path = tmp_path / "ลูกค้า.csv"
    path.write_bytes(
        (
            "ชื่อ,นามสกุล,อีเมล,มือถือ,ประเทศ\n"
            "สมชาย,ใจดี,somchai@example.co.th,081 234 5678,ประเทศไทย\n"
            "มาลี,ศรีสุข,malee@example.co.th,089 123 4567,ไทย\n"
        ).encode("cp874")
    )

    summary = import_file(path, kind="contacts")

    assert (summary.encoding, summary.created) == ("cp874", 2)
    somchai = _contact("somchai@example.co.th")
    assert (somchai.full_name, somchai.country, somchai.timezone) == (
        "สมชาย ใจดี",
        "TH",
        "Asia/Bangkok",
    )
    phone = somchai.phones.get()
    assert (phone.number, phone.label) == ("+66812345678", "mobile")


@pytest.mark.django_db
def test_a_utf8_file_with_a_byte_order_mark_keeps_its_first_header(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes("名,姓,メール,国\n太郎,山田,taro@example.jp,日本\n".encode("utf-8-sig"))

    summary = import_file(path, kind="contacts")

    assert summary.encoding == "utf-8-sig"
    assert summary.mapping["名"] == "given_name"
    taro = _contact("taro@example.jp")
    assert (taro.full_name, taro.name_order) == ("山田 太郎", NameOrder.FAMILY_GIVEN)


@pytest.mark.django_db
def test_a_latin_1_file_keeps_its_accents(tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_bytes(
        (
            "First Name,Last Name,Email,Company,Country\n"
            "João,Conceição,joao@example.com.br,Padaria São Paulo,Brasil\n"
        ).encode("latin-1")
    )

    summary = import_file(path, kind="contacts")

    assert summary.encoding == "latin_1"
    joao = _contact("joao@example.com.br")
    assert (joao.full_name, joao.country) == ("João Conceição", "BR")
    assert joao.roles.get().organization.name == "Padaria São Paulo"


@pytest.mark.django_db
def test_a_row_the_detected_encoding_cannot_read_is_rejected_not_stored_damaged(tmp_path):
    path = tmp_path / "late.csv"
    notes = "x" * 100_000  # three rows of long notes: the first 256 KiB are plain ASCII
    ascii_rows = "".join(f"Anna{n},Nowak,anna{n}@example.pl,PL,{notes}\n" for n in range(3))
    path.write_bytes(
        ("First Name,Last Name,Email,Country,Notes\n" + ascii_rows).encode("ascii")
        + "Łukasz,Żółkiewski,lukasz@example.pl,PL,\n".encode("cp1250")
    )

    summary = import_file(path, kind="contacts")

    assert summary.encoding == "utf-8"  # judged from the first 256 KiB, all ASCII
    assert (summary.created, summary.rejected) == (3, 1)
    assert "not text in the utf-8 encoding" in summary.rejections[0].reason
    assert not Contact.objects.filter(given_name__contains="\ufffd").exists()

    again = import_file(path, kind="contacts", encoding="cp1250")

    assert (again.created, again.unchanged, again.rejected) == (1, 3, 0)
    assert _contact("lukasz@example.pl").full_name == "Łukasz Żółkiewski"


# Other CRMs' exports, XLSX, mapping files ----------------------------------------------------


@pytest.mark.django_db
def test_a_hubspot_export_imports_with_owners_companies_and_titles(tmp_path, agent):
    summary = import_file(_copy("hubspot_contacts.csv", tmp_path), kind="contacts")

    assert (summary.rows_read, summary.created, summary.rejected) == (4, 4, 0)
    assert summary.unknown_columns == ["Lifecycle Stage", "Create Date"]
    lukasz = Contact.objects.get(external_id="501")
    assert lukasz.owner == agent  # named by display name
    assert Contact.objects.get(external_id="503").owner == agent  # named by user name
    role = lukasz.roles.select_related("organization").get()
    assert (role.organization.name, role.title) == (
        "Łódzkie Zakłady Włókiennicze",
        "Dyrektor handlowy",
    )
    numbers = set(lukasz.phones.values_list("number", "label"))
    assert numbers == {("+48221234567", ""), ("+48601234567", "mobile")}
    mohammed = Contact.objects.get(external_id="504")
    assert (mohammed.full_name, mohammed.country, mohammed.timezone) == (
        "محمد الحربي",
        "SA",
        "Asia/Riyadh",
    )
    assert summary.organizations_created == 4


@pytest.mark.django_db
def test_a_salesforce_export_imports_salutations_titles_and_accounts(tmp_path):
    make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")

    summary = import_file(_copy("salesforce_contacts.csv", tmp_path), kind="contacts")

    assert (summary.created, summary.rejected) == (3, 0)
    assert summary.unknown_columns == ["Lead Source"]
    zofia = Contact.objects.get(external_id="0035g00000AbCdE")
    assert (zofia.honorific_prefix, zofia.country) == ("Pani", "PL")
    assert zofia.roles.get().title == "Księgowa"
    priya = Contact.objects.get(external_id="0035g00000AbCdF")
    assert (priya.honorific_prefix, priya.country, priya.timezone) == ("Dr.", "GB", "Europe/London")
    malee = Contact.objects.get(external_id="0035g00000AbCdG")
    # The account already existed: found by its exact name, not created again.
    assert Organization.objects.filter(name="บริษัท สยามเทรดดิ้ง จำกัด").count() == 1
    assert malee.roles.get().organization.name == "บริษัท สยามเทรดดิ้ง จำกัด"


@pytest.mark.django_db
def test_an_xlsx_workbook_imports_like_a_csv(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First Name", "Last Name", "Email", "Mobile", "Country", "Languages", "Tags"])
    sheet.append(
        ["ليلى", "الحربي", "layla@example.sa", "050 123 4567", "SA", "ar, en", "VIP; شريك"]
    )
    sheet.append(["花子", "山田", "hanako@example.jp", "090-1234-5678", "Japan", "ja", None])
    workbook.save(tmp_path / "contacts.xlsx")

    summary = import_file(tmp_path / "contacts.xlsx", kind="contacts")

    assert (summary.format, summary.created, summary.rejected) == ("xlsx", 2, 0)
    layla = _contact("layla@example.sa")
    assert (layla.full_name, layla.languages) == ("ليلى الحربي", ["ar", "en"])
    assert sorted(layla.tags.values_list("name", flat=True)) == ["VIP", "شريك"]
    assert _contact("hanako@example.jp").full_name == "山田 花子"


@pytest.mark.django_db
def test_a_mapping_file_maps_headers_nobody_could_guess(tmp_path):
    path = _copy("legacy_contacts.csv", tmp_path)
    overrides = json.loads((DATA / "legacy_mapping.json").read_text(encoding="utf-8"))

    summary = import_file(path, kind="contacts", overrides=overrides)

    assert (summary.created, summary.unknown_columns) == (2, [])
    assert _contact("agnieszka.wojcik@example.pl").full_name == "Agnieszka Wójcik"


@pytest.mark.django_db
def test_without_a_mapping_a_file_no_column_of_which_is_known_cannot_be_processed(tmp_path):
    path = _copy("legacy_contacts.csv", tmp_path)

    with pytest.raises(ImportFailed, match="No column"):
        import_file(path, kind="contacts")

    assert Contact.objects.count() == 0


def test_a_mapping_file_may_be_json_or_a_two_column_csv(tmp_path):
    as_json = tmp_path / "m.json"
    as_json.write_text('{"Imię klienta": "given_name", "Uwagi": null}', encoding="utf-8")
    as_csv = tmp_path / "m.csv"
    as_csv.write_text("column,field\nImię klienta,given_name\nUwagi,\n", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"Imię klienta": ', encoding="utf-8")

    expected = {"Imię klienta": "given_name", "Uwagi": "ignore"}
    assert mapping_file_read(as_json) == expected
    assert mapping_file_read(as_csv) == expected
    with pytest.raises(MappingError, match="not valid JSON"):
        mapping_file_read(broken)


@pytest.mark.django_db
def test_custom_field_columns_are_recognized_by_key_or_label(tmp_path):
    custom_field_define(
        actor=None,
        key="loyalty_tier",
        label="Poziom lojalności",
        type_="choice",
        choices=["złoty", "srebrny"],
    )
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Email,Poziom lojalności\n"
        "Anna,anna@example.pl,złoty\n"
        "Jan,jan@example.pl,miedź\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")

    assert (summary.created, summary.rejected) == (1, 1)
    assert _contact("anna@example.pl").custom == {"loyalty_tier": "złoty"}
    assert summary.rejections[0].column == "Poziom lojalności"


# Rejected rows, idempotency ------------------------------------------------------------------


@pytest.mark.django_db
def test_rejected_rows_are_reported_with_reasons_and_the_good_rows_are_kept(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "External ID,First Name,Last Name,Email,Phone,Country\n"
        "A1,Łukasz,Nowak,lukasz@example.pl,601 234 567,PL\n"
        "A2,Bad,Row,not-an-email,12,Narnia\n"
        "A3,,,nameless@example.pl,,PL\n"
        "A4,สมชาย,ใจดี,somchai@example.co.th,081 234 5678,TH\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "mixed.rejects.csv"

    summary = import_file(path, kind="contacts", rejects_path=rejects)

    assert (summary.rows_read, summary.created, summary.rejected) == (4, 2, 2)
    assert _names(Contact.objects.all()) == ["Łukasz Nowak", "สมชาย ใจดี"]
    with rejects.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["rejected_line"], r["External ID"]) for r in rows] == [("3", "A2"), ("4", "A3")]
    assert rows[0]["rejected_column"] == "Country; Email"
    assert "Narnia is not a country" in rows[0]["rejected_reason"]
    assert "not-an-email is not a valid email address." in rows[0]["rejected_reason"]
    assert rows[1]["rejected_reason"] == (
        "A contact needs a given name, a family name or a preferred name."
    )
    assert summary.rejects_file == str(rejects)


@pytest.mark.django_db
def test_a_row_the_service_refuses_rolls_back_alone_with_what_it_wrote(tmp_path):
    custom_field_define(actor=None, key="employees", label="Employees", type_="number")
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Email,Company,Employees\n"
        "Anna,anna@example.pl,Nowa Firma Sp. z o.o.,many\n"
        "Jan,jan@example.pl,Nowa Firma Sp. z o.o.,12\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")

    assert (summary.created, summary.rejected, summary.organizations_created) == (1, 1, 1)
    assert summary.rejections[0].column == "Employees"
    organization = Organization.objects.get()
    assert list(organization.roles.values_list("contact__given_name", flat=True)) == ["Jan"]


@pytest.mark.django_db
def test_running_the_same_file_again_creates_no_duplicates_and_writes_nothing(tmp_path, agent):
    path = _copy("hubspot_contacts.csv", tmp_path)
    import_file(path, kind="contacts")
    events = PeopleEvent.objects.count()

    again = import_file(path, kind="contacts")

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 4, 0)
    assert Contact.objects.count() == 4
    assert Organization.objects.count() == 4
    assert PeopleEvent.objects.count() == events


@pytest.mark.django_db
def test_a_changed_file_updates_the_contacts_it_describes(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Record ID,First Name,Last Name,Email,Mobile,Country,Job Title,Company\n"
        "7,Zofia,Wiśniewska,zofia@example.pl,601 234 567,PL,Księgowa,Biuro Gdańsk\n",
        encoding="utf-8",
    )
    import_file(path, kind="contacts")
    path.write_text(
        "Record ID,First Name,Last Name,Email,Mobile,Country,Job Title,Company\n"
        "7,Zofia,Wiśniewska-Nowak,zofia.nowak@example.pl,601 234 568,PL,"
        "Główna księgowa,Biuro Gdańsk\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")

    assert (summary.created, summary.updated) == (0, 1)
    zofia = Contact.objects.get(external_id="7")
    assert zofia.full_name == "Zofia Wiśniewska-Nowak"
    # Imports add emails and phones; they never remove the ones already known.
    assert list(zofia.emails.values_list("address", flat=True)) == [
        "zofia@example.pl",
        "zofia.nowak@example.pl",
    ]
    assert list(zofia.phones.values_list("number", flat=True)) == ["+48601234567", "+48601234568"]
    assert zofia.roles.get().title == "Główna księgowa"
    assert PeopleEvent.objects.filter(contact=zofia, type="contact.updated").count() == 1


@pytest.mark.django_db
def test_rows_without_an_external_id_find_their_contact_by_email(tmp_path):
    existing = make_contact(
        given_name="Anna", family_name="Nowak", country="PL", emails=("Anna@Example.pl",)
    )
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,Email,Phone\nAnna,Nowak,anna@example.pl,22 123 45 67\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")

    assert (summary.created, summary.updated) == (0, 1)
    assert Contact.objects.get() == existing
    assert list(existing.phones.values_list("number", flat=True)) == ["+48221234567"]
    assert list(existing.emails.values_list("address", flat=True)) == ["Anna@Example.pl"]


@pytest.mark.django_db
def test_a_row_with_another_external_id_is_another_person_sharing_the_address(tmp_path):
    make_contact(
        given_name="Anna",
        family_name="Nowak",
        country="PL",
        emails=("rodzina@example.pl",),
        external_id="H-1",
    )
    path = tmp_path / "c.csv"
    path.write_text(
        "Record ID,First Name,Last Name,Email\nH-2,Piotr,Nowak,rodzina@example.pl\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")

    assert summary.created == 1
    assert _names(Contact.objects.all()) == ["Anna Nowak", "Piotr Nowak"]


@pytest.mark.django_db
def test_duplicate_rows_in_one_file_describe_one_contact(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Email,Tags\nMaria,maria@example.pl,a\nMaria,MARIA@example.pl,b\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts", batch_size=10)

    assert (summary.created, summary.updated) == (1, 1)
    assert sorted(Contact.objects.get().tags.values_list("name", flat=True)) == ["a", "b"]


@pytest.mark.django_db
def test_an_address_shared_by_two_contacts_without_ids_is_rejected_as_ambiguous(tmp_path):
    make_contact(given_name="Anna", emails=("biuro@example.pl",))
    make_contact(given_name="Jan", emails=("biuro@example.pl",))
    path = tmp_path / "c.csv"
    path.write_text("First Name,Email\nAnna,biuro@example.pl\n", encoding="utf-8")

    summary = import_file(path, kind="contacts")

    assert (summary.created, summary.updated, summary.rejected) == (0, 0, 1)
    assert summary.rejections[0].column == "Email"
    assert "several contacts" in summary.rejections[0].reason


def test_a_name_two_organizations_share_is_ambiguous_unless_the_external_id_says_which(
    db, tmp_path
):
    make_organization(name="Zakłady Łódź")
    named = make_organization(name="Zakłady Łódź", external_id="0015g00000Grp77")
    path = tmp_path / "accounts.csv"
    path.write_text(
        "Account ID,Account Name,Billing City\n"
        ",Zakłady Łódź,Łódź\n"
        "0015g00000Grp77,Zakłady Łódź,Łódź\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="organizations")

    assert (summary.created, summary.updated, summary.rejected) == (0, 1, 1)
    assert summary.rejections[0].line == 2
    assert "Several organizations are named Zakłady Łódź" in summary.rejections[0].reason
    named.refresh_from_db()
    assert named.city == "Łódź"
    assert Organization.objects.filter(name="Zakłady Łódź").count() == 2


# Organizations and vCards --------------------------------------------------------------------


@pytest.mark.django_db
def test_salesforce_accounts_import_with_parents_identifiers_and_industries(tmp_path):
    path = _copy("salesforce_accounts.csv", tmp_path)

    summary = import_file(path, kind="organizations")

    assert (summary.created, summary.rejected) == (3, 1)
    assert summary.rejections[0].column == "NIP"
    group = Organization.objects.get(external_id="0015g00000Grp01")
    leasing = Organization.objects.get(external_id="0015g00000Grp02")
    assert (group.industry, group.size_band, group.country) == ("K", "1000+", "PL")
    assert group.website == "https://baltyk.example.pl"
    assert leasing.parent == group
    assert list(leasing.identifiers.values_list("scheme", "value")) == [("pl_nip", "5260001246")]
    siam = Organization.objects.get(external_id="0015g00000Grp03")
    assert (siam.country, siam.city, siam.industry) == ("TH", "กรุงเทพมหานคร", "G")

    again = import_file(path, kind="organizations")

    assert (again.created, again.unchanged, again.rejected) == (0, 3, 1)


@pytest.mark.django_db
def test_vcards_from_phones_and_address_books_import(tmp_path):
    summary = import_file(_copy("contacts.vcf", tmp_path), kind="contacts")

    assert (summary.format, summary.created, summary.rejected) == ("vcard", 2, 1)
    anna = Contact.objects.get(external_id="apple-4F2A-0001")
    assert (anna.full_name, anna.honorific_prefix, anna.middle_name) == (
        "Anna Maria Nowak",
        "Pani",
        "Maria",
    )
    assert list(anna.emails.values_list("address", "label")) == [
        ("anna.nowak@example.pl", ""),
        ("biuro@kancelaria-nowak.example.pl", "work"),
    ]
    assert list(anna.phones.values_list("number", "label")) == [
        ("+48601234567", "mobile"),
        ("+48221234567", "work"),
    ]
    assert anna.roles.get().title == "Radczyni prawna"
    assert sorted(anna.tags.values_list("name", flat=True)) == ["VIP", "klient"]
    hanako = Contact.objects.get(external_id="urn:uuid:7c0e8a4e-2f43-4b2e-9a53-2d2a8c1f0b11")
    assert (hanako.full_name, hanako.name_latin, hanako.name_order) == (
        "山田 花子",
        "Yamada Hanako",
        NameOrder.FAMILY_GIVEN,
    )
    assert (hanako.languages, hanako.country, hanako.timezone) == (["ja", "en"], "JP", "Asia/Tokyo")
    assert "a given name" in summary.rejections[0].reason


# The command line ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_prints_a_json_summary_and_writes_rejects_beside_the_input(tmp_path):
    path = _copy("salesforce_accounts.csv", tmp_path)
    out = StringIO()

    call_command("import", "organizations", str(path), "--json", stdout=out)

    summary = json.loads(out.getvalue())
    assert {k: summary[k] for k in ("rows_read", "created", "updated", "rejected")} == {
        "rows_read": 4,
        "created": 3,
        "updated": 0,
        "rejected": 1,
    }
    assert summary["rejects_file"] == str(tmp_path / "salesforce_accounts.rejects.csv")
    assert (tmp_path / "salesforce_accounts.rejects.csv").exists()


@pytest.mark.django_db
def test_the_command_ends_with_a_summary_people_can_read(tmp_path):
    path = _copy("salesforce_contacts.csv", tmp_path)
    out = StringIO()

    call_command("import", "contacts", str(path), "--rejects", str(tmp_path / "r.csv"), stdout=out)

    assert out.getvalue().splitlines() == [
        f"Read 3 rows from {path}.",
        "3 contacts created",
        "0 updated",
        "0 already up to date",
        "0 rows rejected",
        "3 organizations created for the contacts' companies",
        "Columns not imported (no matching field): Lead Source",
    ]
    assert not (tmp_path / "r.csv").exists()  # nothing rejected, no report


@pytest.mark.django_db
def test_the_command_acts_as_a_user_only_when_their_role_may_write(tmp_path, viewer, agent):
    path = _copy("salesforce_contacts.csv", tmp_path)

    with pytest.raises(CommandError, match="may not change records") as refused:
        call_command("import", "contacts", str(path), "--user", "layla")
    call_command("import", "contacts", str(path), "--user", "somchai", stdout=StringIO())

    assert refused.value.returncode == 2
    assert PeopleEvent.objects.filter(type="contact.created", actor=agent).count() == 3


@pytest.fixture
def cli_env(tmp_path):
    """A separate Amity (its own SQLite database in a data directory) for ``amity`` runs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env |= {"AMITY_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}
    migrated = subprocess.run([*AMITY, "migrate", "-v0"], env=env, capture_output=True, timeout=180)
    assert migrated.returncode == 0, migrated.stderr
    return env


def _amity(args, env, **kwargs):
    return subprocess.run(
        [*AMITY, *args], env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.mark.slow
def test_cli_exit_codes_processed_with_rejects_zero_unprocessable_non_zero(tmp_path, cli_env):
    accounts = _copy("salesforce_accounts.csv", tmp_path)
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    bad_mapping = tmp_path / "mapping.json"
    bad_mapping.write_text('{"Account Name": "shoe_size"}', encoding="utf-8")

    processed = _amity(["import", "organizations", str(accounts), "--json"], cli_env)
    missing = _amity(["import", "contacts", str(tmp_path / "nowhere.csv")], cli_env)
    unreadable = _amity(["import", "contacts", str(binary)], cli_env)
    mapped_badly = _amity(
        ["import", "organizations", str(accounts), "--mapping", str(bad_mapping)], cli_env
    )

    assert processed.returncode == 0, processed.stderr
    assert json.loads(processed.stdout)["rejected"] == 1
    assert (missing.returncode, unreadable.returncode, mapped_badly.returncode) == (2, 2, 2)
    assert "binary" in unreadable.stderr
    assert "shoe_size" in mapped_badly.stderr
    assert "Traceback" not in unreadable.stderr + missing.stderr + mapped_badly.stderr


def _big_file(path: Path, rows: int) -> None:
    """Half the rows carry an external id, the other half are found again by email."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Record ID", "First Name", "Last Name", "Email", "Mobile", "Country"])
        for n in range(rows):
            writer.writerow(
                [
                    f"K-{n}" if n % 2 == 0 else "",
                    ["สมชาย", "Łukasz", "太郎", "ليلى"][n % 4],
                    f"{['ใจดี', 'Nowak', '山田', 'الحربي'][n % 4]}{n}",
                    f"person{n}@example.com",
                    "081 234 5678",
                    "TH",
                ]
            )


def _counts(database: Path) -> tuple[int, int, int, int]:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM people_contact),"
            " (SELECT count(DISTINCT normalized) FROM people_contactemail),"
            " (SELECT count(*) FROM people_contactemail),"
            " (SELECT count(*) FROM core_searchentry WHERE kind = 'contact')"
        ).fetchone()


def _processes_reading(path: Path) -> list[int]:
    """The processes whose command line names ``path`` (an import and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(path).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # ended meanwhile
    return found


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["0", "2"])
def test_a_killed_import_leaves_whole_batches_and_a_rerun_completes_it(tmp_path, cli_env, workers):
    rows, batch = 600, 25
    path = tmp_path / "big.csv"
    _big_file(path, rows)
    database = Path(cli_env["AMITY_DATA_DIR"]) / "amity.sqlite3"
    command = ["import", "contacts", str(path), "--batch-size", str(batch), "--workers", workers]

    process = subprocess.Popen(
        [*AMITY, *command, "--json"],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _counts(database)[0] < 4 * batch:
        assert process.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _processes_reading(path):  # its workers end with it
        assert time.monotonic() < deadline, "a worker outlived the killed import"
        time.sleep(0.1)

    written, emails, email_rows, entries = _counts(database)
    assert 0 < written < rows
    assert written % batch == 0  # whole batches only
    assert emails == email_rows == entries == written  # every contact complete and searchable

    rerun = _amity([*command, "--json"], cli_env)

    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["created"], summary["unchanged"], summary["rejected"]) == (
        rows - written,
        written,
        0,
    )
    assert _counts(database) == (rows, rows, rows, rows)
