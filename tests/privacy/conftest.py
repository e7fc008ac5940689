import pytest

from factories import make_contact


@pytest.fixture
def anna(db):
    """A Polish contact with an email address (the issue's example)."""
    return make_contact(
        given_name="Anna",
        family_name="Wiśniewska",
        country="PL",
        languages=["pl"],
        emails=["anna.wisniewska@example.pl"],
        phones=["+48 601 234 567"],
    )


@pytest.fixture
def somchai(db):
    return make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        languages=["th"],
        emails=["somchai@example.co.th"],
        phones=["+66 81 234 5678"],
    )


@pytest.fixture
def taro(db):
    return make_contact(
        given_name="太郎",
        family_name="山田",
        name_order="family_given",
        country="JP",
        languages=["ja"],
        emails=["taro.yamada@example.jp"],
    )


@pytest.fixture
def layla(db):
    return make_contact(
        given_name="ليلى",
        family_name="الحربي",
        country="SA",
        languages=["ar"],
        emails=["layla@example.sa"],
    )


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
