"""``amity export contacts --segment ID``: exactly a segment's (or a static list's) contacts,
in each format; an unknown or unusable segment is a clear error and a non-zero exit."""

import csv
import io
import os
import subprocess
import sys
from io import StringIO

import pytest
import vobject
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from amity.people.models import Segment
from amity.people.segments import segment_create, segment_members_change
from factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    return {
        "somchai": make_contact(
            given_name="สมชาย", family_name="ใจดี", country="TH", languages=("th",), tags=("vip",)
        ),
        "anna": make_contact(
            given_name="Anna", family_name="Wójcik", country="PL", emails=["anna@example.pl"]
        ),
        "taro": make_contact(given_name="太郎", family_name="山田", country="JP", tags=("vip",)),
        "layla": make_contact(given_name="ليلى", family_name="الحربي", country="SA"),
    }


@pytest.fixture
def vip(book):
    return segment_create(
        actor=None,
        name="VIP",
        rules={"match": "all", "rules": [{"field": "tag", "op": "in", "value": ["vip"]}]},
    )


def test_csv_holds_only_the_segments_contacts(vip):
    out = StringIO()

    call_command("export", "contacts", "--segment", str(vip.pk), stdout=out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(row["full_name"] for row in rows) == ["สมชาย ใจดี", "山田 太郎"]
    assert rows[0]["tags"] == "vip"


def test_xlsx_and_vcard_files_hold_only_the_segments_contacts(vip, tmp_path):
    err = StringIO()
    export = ["export", "contacts", "--segment", str(vip.pk)]

    call_command(*export, "--format", "xlsx", "-o", str(tmp_path / "vip.xlsx"), stderr=err)
    call_command(*export, "--format", "vcf", "-o", str(tmp_path / "vip.vcf"), stderr=err)

    sheet = load_workbook(tmp_path / "vip.xlsx").active
    header, *rows = list(sheet.values)
    assert sorted(row[header.index("full_name")] for row in rows) == ["สมชาย ใจดี", "山田 太郎"]
    cards = list(vobject.readComponents((tmp_path / "vip.vcf").read_text(encoding="utf-8")))
    assert sorted(card.fn.value for card in cards) == ["สมชาย ใจดี", "山田 太郎"]
    assert "Wrote 2 records" in err.getvalue()


def test_a_static_list_exports_its_members(book):
    fair = segment_create(actor=None, name="Targi Poznań", kind="static")
    segment_members_change(actor=None, segment=fair, add=[book["anna"].pk, book["layla"].pk])
    out = StringIO()

    call_command("export", "contacts", "--segment", str(fair.pk), stdout=out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(row["full_name"] for row in rows) == ["Anna Wójcik", "ليلى الحربي"]
    assert next(r for r in rows if r["country"] == "PL")["emails"] == "anna@example.pl"


def test_an_empty_segment_exports_just_the_header(book):
    nobody = segment_create(
        actor=None, name="Nikt", rules={"field": "country", "op": "in", "value": ["NZ"]}
    )
    out = StringIO()

    call_command("export", "contacts", "--segment", str(nobody.pk), stdout=out)

    assert out.getvalue().splitlines()[0].startswith("amity_id,")
    assert len(out.getvalue().splitlines()) == 1


def test_an_unknown_segment_is_a_clear_error(book):
    with pytest.raises(CommandError, match=r"No segment has the id 424242\."):
        call_command("export", "contacts", "--segment", "424242")


def test_a_segment_selects_contacts_only(vip):
    with pytest.raises(CommandError, match="--segment selects contacts"):
        call_command("export", "organizations", "--segment", str(vip.pk))


def test_a_segment_whose_rules_no_longer_work_is_a_clear_error(book):
    broken = Segment.objects.create(
        name="Zepsuty", rules={"field": "custom", "value": {"key": "usunięte", "value": "1"}}
    )

    with pytest.raises(CommandError, match="There is no custom field usunięte"):
        call_command("export", "contacts", "--segment", str(broken.pk))


@pytest.mark.slow
def test_the_amity_command_exits_non_zero_for_an_unknown_segment(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env |= {"AMITY_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}

    def amity(*args):
        return subprocess.run(
            [sys.executable, "-m", "amity", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    amity("migrate")
    result = amity("export", "contacts", "--segment", "7")

    assert result.returncode != 0
    assert "No segment has the id 7." in result.stderr
    assert result.stdout == ""
