"""Meeting participants in four zones, shared by the meeting finder's API, page and CLI tests."""

import pytest

from factories import make_contact


@pytest.fixture
def anna():
    return make_contact(
        given_name="Anna",
        family_name="Nowak",
        country="PL",
        timezone="Europe/Warsaw",
        languages=("pl",),
        emails=("anna.nowak@example.pl",),
    )


@pytest.fixture
def somchai():
    return make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        timezone="Asia/Bangkok",
        languages=("th",),
        emails=("somchai@example.co.th",),
        phones=("+66 81 234 5678",),
    )


@pytest.fixture
def taro():
    return make_contact(
        given_name="太郎",
        family_name="山田",
        name_order="family_given",
        country="JP",
        timezone="Asia/Tokyo",
        languages=("ja",),
        emails=("taro.yamada@example.jp",),
    )


@pytest.fixture
def layla():
    return make_contact(
        given_name="ليلى",
        family_name="الحربي",
        country="SA",
        timezone="Asia/Riyadh",
        languages=("ar",),
    )
