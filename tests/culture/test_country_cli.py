"""amity country CODE: text for people, --json for scripts, non-zero exit on bad input."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("country", *args, stdout=out)
    return out.getvalue()


def test_json_for_scripts():
    body = json.loads(run("JP", "--year", "2026", "--json"))

    assert body["code"] == "JP"
    assert body["name_order"] == "family_first"
    substitute = next(h for h in body["holidays"] if h["date"] == "2026-05-06")
    assert substitute["local_name"] == "振替休日"
    assert substitute["english_name"] == "Substitute Holiday"


def test_thai_names_for_a_thai_reader():
    body = json.loads(run("SA", "--year", "2026", "--language", "th", "--json"))

    assert body["name"] == "ซาอุดีอาระเบีย"
    assert body["weekend"] == [4, 5]
    founding = next(h for h in body["holidays"] if h["date"] == "2026-02-22")
    assert founding["local_name"] == "يوم التأسيس"
    assert founding["english_name"] == "Founding Day Holiday"


def test_text_output_lists_weekend_hours_and_both_names():
    text = run("PL", "--year", "2026", "--language", "pl")

    assert text.splitlines()[0] == "Polska (PL)"
    assert "sobota, niedziela" in text
    assert "08:00\u201316:00" in text  # Polish typography: an en dash between the hours
    assert "2026-11-11" in text
    assert "Narodowe Święto Niepodległości / National Independence Day" in text


def test_us_state_holidays():
    body = json.loads(run("US", "--year", "2026", "--subdivision", "ca", "--json"))

    assert body["subdivision"] == "CA"
    assert {"2026-03-31", "2026-07-03"} <= {h["date"] for h in body["holidays"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("XX",), "XX is not an ISO 3166-1 country code"),
        (("TH", "--year", "1900"), "The year must be between 1970 and 2099."),
        (("US", "--subdivision", "ZZ"), "ZZ is not a subdivision"),
    ],
)
def test_bad_input_fails_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
