import random

import pytest

from amity.core.demo import DemoContext, load_demo
from amity.people.demo import _mailbox
from amity.people.models import Contact, Organization, OrganizationIdentifier


def test_mailboxes_never_have_two_dots_in_a_row():
    local = _mailbox("Hans-D.", "Freudenberger", "de", random.Random(1))

    assert ".." not in local
    assert local == "hans-d.freudenberger".replace("-", "")


@pytest.mark.django_db
def test_the_demo_book_is_global_and_valid():
    context = load_demo(DemoContext(contacts=200, progress=lambda name: None))

    assert context.counts["contacts"] == 200
    assert Contact.objects.values("country").distinct().count() >= 20
    assert Contact.objects.filter(country="TH", full_name__regex=r"[\u0e00-\u0e7f]").exists()
    assert Contact.objects.filter(country="JP", name_order="family_given").exists()
    assert Organization.objects.count() == 25
    assert OrganizationIdentifier.objects.filter(scheme="pl_nip").exists() or not (
        Organization.objects.filter(country="PL").exists()
    )
    assert context.counts["interactions"] > 0
