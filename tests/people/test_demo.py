import random

import pytest

from amity.core.demo import DemoContext, load_demo
from amity.people.demo import MARKETS, _mailbox
from amity.people.models import Contact, Organization


def test_mailboxes_never_have_two_dots_in_a_row():
    local = _mailbox("Hans-D.", "Freudenberger", "de", random.Random(1))

    assert ".." not in local
    assert local == "hans-d.freudenberger".replace("-", "")


@pytest.mark.parametrize(
    ("given", "family", "language", "local"),
    [
        ("Przemysław", "Żółkiewski", "pl", "przemyslaw.zolkiewski"),
        ("José", "Gonçalves", "pt", "jose.goncalves"),
        ("Jürgen", "Weiß", "de", "jurgen.weiss"),
        ("สมชาย", "ใจดี", "th", "somchai.chaidi"),
    ],
)
def test_mailboxes_write_every_letter_of_the_name_in_ascii(given, family, language, local):
    assert _mailbox(given, family, language, random.Random(1)) == local


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_book_is_global_and_valid():
    context = load_demo(DemoContext(contacts=200, progress=lambda name: None))

    assert context.counts["contacts"] == 200
    assert Contact.objects.values("country").distinct().count() >= 20
    assert Contact.objects.filter(country="TH", full_name__regex=r"[\u0e00-\u0e7f]").exists()
    assert Contact.objects.filter(country="JP", name_order="family_given").exists()
    assert Organization.objects.count() == 25
    # Every company in a market with a known identifier scheme has a valid number (the
    # service validated its check digits).
    schemes = {market.country: market.scheme for market in MARKETS if market.scheme}
    companies = Organization.objects.filter(country__in=schemes).prefetch_related("identifiers")
    assert companies.count() >= 10
    for company in companies:
        assert [i.scheme for i in company.identifiers.all()] == [schemes[company.country]]
    assert context.counts["interactions"] > 0
