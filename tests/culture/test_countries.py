"""Country profiles from CLDR, tzdata and the holidays package: languages, formats, subdivisions
and holiday names in the local language and English."""

from datetime import date, time

import pytest

from amity.culture.calendars import public_holidays
from amity.culture.countries import country_codes, country_profile


def test_thai_profile():
    thailand = country_profile("TH", locale="th")

    assert thailand.name == "ไทย"
    assert thailand.languages == ("th",)
    assert thailand.common_languages[:2] == ("th", "en")
    assert thailand.business_hours == (time(8, 30), time(17, 30))
    assert thailand.first_day_of_week == 6  # Sunday
    assert thailand.era == "buddhist"
    assert thailand.holiday_language == "th"
    assert thailand.formats.locale == "th_TH"
    assert thailand.formats.short_date_pattern == "d/M/yy"
    assert thailand.formats.short_date == "31/12/26"
    assert thailand.formats.currency == "฿1,234.50"


def test_polish_profile_writes_numbers_the_polish_way():
    poland = country_profile("PL", locale="pl")

    assert poland.name == "Polska"
    assert poland.currencies == ("PLN",)
    assert poland.first_day_of_week == 0  # Monday
    assert poland.formats.short_date == "31.12.2026"
    assert poland.formats.decimal == "1\xa0234\xa0567,891"  # no-break spaces
    assert poland.formats.currency == "1\xa0234,50\xa0zł"
    assert len(poland.subdivisions) == 16  # voivodeships


def test_japan_puts_the_family_name_first_and_writes_year_first():
    japan = country_profile("JP")

    assert japan.family_name_first is True
    assert japan.formats.short_date == "2026/12/31"
    assert japan.formats.currency == "￥1,234"  # no minor unit


def test_saudi_and_israeli_profiles():
    saudi = country_profile("SA", locale="ar")
    israel = country_profile("IL")

    assert saudi.name == "المملكة العربية السعودية"
    assert saudi.weekend == (4, 5)
    assert saudi.formats.locale == "ar_SA"
    assert israel.languages == ("he", "ar")
    assert israel.formats.short_date == "31.12.2026"


def test_india_groups_digits_in_lakhs_and_lists_its_states():
    india = country_profile("IN")

    assert india.formats.decimal == "12,34,567.891"
    assert india.weekend == (6,)
    assert {"MH", "KA", "TN", "DL"} <= set(india.subdivisions)


def test_us_and_brazil_subdivisions_come_from_the_holidays_package():
    assert "CA" in country_profile("US").subdivisions
    assert "SP" in country_profile("BR").subdivisions
    assert country_profile("TH").subdivisions == ()


def test_every_country_has_format_samples():
    for code in country_codes():
        profile = country_profile(code)
        assert profile.formats.short_date, code
        assert profile.formats.decimal, code


def test_unknown_country_is_refused():
    with pytest.raises(LookupError):
        country_profile("XX")


def test_holidays_with_local_and_english_names():
    songkran = [h for h in public_holidays("TH", 2026, language="pl") if h.day == date(2026, 4, 13)]
    japan = {h.day: h for h in public_holidays("JP", 2026, language="en_US")}
    uae = {h.day: h for h in public_holidays("AE", 2026, language="ar")}

    assert songkran[0].local_name == "วันสงกรานต์"
    assert songkran[0].english_name == "Songkran Festival"
    assert songkran[0].name == "Songkran Festival"  # no Polish names for Thai holidays: English
    assert japan[date(2026, 5, 6)].local_name == "振替休日"
    assert japan[date(2026, 5, 6)].english_name == "Substitute Holiday"
    assert uae[date(2026, 12, 2)].name == "اليوم الوطني"
    assert uae[date(2026, 12, 2)].english_name == "National Day"


def test_subdivision_holidays_and_observed_days():
    california = {h.day: h.english_name for h in public_holidays("US", 2026, subdivision="CA")}
    brazil_sp = {h.day: h.local_name for h in public_holidays("BR", 2026, subdivision="SP")}

    assert california[date(2026, 3, 31)] == "Cesar Chavez Day"
    assert california[date(2026, 7, 3)] == "Independence Day (observed)"
    assert brazil_sp[date(2026, 7, 9)] == "Revolução Constitucionalista"
