"""Record visibility on the remaining paths: organization suggestions and names typed in the
contact and organization forms, and the data-subject export and erasure (API and pages). A
record the reader may not see is answered like one that does not exist."""

import pytest

from amity.people.models import Contact, Organization
from amity.privacy.models import DataSubjectRequest, Erasure
from tests.people.test_pages import contact_form
from tests.people.test_visibility import book, restrict  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_organization_suggestions_leave_hidden_organizations_out(
    client,
    admin_user,
    agent,
    book,  # noqa: F811
):
    restrict(admin_user)
    client.force_login(agent)

    polish = client.get("/organizations/options/", {"q": "Żółw"}).content.decode()
    thai = client.get("/organizations/options/", {"q": "สยาม"}).content.decode()

    assert "Żółw" not in polish
    assert f"บริษัท สยามเทรดดิ้ง จำกัด · #{book['siam'].pk}" in thai


@pytest.mark.parametrize("typed", ["name", "reference"])
def test_a_contact_cannot_be_placed_at_a_hidden_organization(
    client,
    admin_user,
    agent,
    book,  # noqa: F811 (the fixture imported above)
    typed,
):
    restrict(admin_user)
    client.force_login(agent)
    zolw = book["zolw"]
    value = zolw.name if typed == "name" else f"{zolw.name} · #{zolw.pk}"
    before = Contact.objects.count()

    response = client.post(
        "/contacts/new/",
        contact_form(given_name="ソムチャイ", country="TH", role_0_organization=value),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_role_0_organization_error"' in html
    assert Contact.objects.count() == before


def test_a_visible_organization_is_still_found_by_name(
    client,
    admin_user,
    agent,
    book,  # noqa: F811
):
    restrict(admin_user)
    client.force_login(agent)

    response = client.post(
        "/contacts/new/",
        contact_form(
            given_name="ソムチャイ", country="TH", role_0_organization="บริษัท สยามเทรดดิ้ง จำกัด"
        ),
    )

    assert response.status_code == 302
    created = Contact.objects.get(given_name="ソムチャイ")
    assert created.roles.get().organization_id == book["siam"].pk


def test_the_export_of_a_hidden_contact_answers_404_in_the_api_and_the_pages(
    api_as,
    client,
    admin_user,
    agent,
    book,  # noqa: F811
):
    restrict(admin_user)
    api = api_as(agent)
    client.force_login(agent)
    anna = book["anna"].pk

    assert api.get(f"/contacts/{anna}/export").status_code == 404
    assert api.get(f"/contacts/{anna}/export?format=html").status_code == 404
    assert client.get(f"/contacts/{anna}/export/").status_code == 404
    created = api.post("/privacy/requests", {"contact_id": anna, "kind": "export"})
    assert created.status_code == 404, created.json()
    assert not DataSubjectRequest.objects.exists()
    assert api.get(f"/contacts/{book['somsri'].pk}/export").status_code == 200


def test_a_hidden_contact_cannot_be_erased_and_keeps_their_data(
    api_as,
    client,
    admin_user,
    manager,
    book,  # noqa: F811
):
    restrict(admin_user)  # the manager sees the Polish team's records, not the Thai ones
    somsri = book["somsri"]
    client.force_login(manager)

    assert api_as(manager).post(f"/contacts/{somsri.pk}/erase", {}).status_code == 404
    assert client.get(f"/contacts/{somsri.pk}/erase/").status_code == 404
    posted = client.post(f"/contacts/{somsri.pk}/erase/", {"confirm": somsri.full_name})
    assert posted.status_code == 404
    assert not Erasure.objects.exists()
    assert Contact.objects.get(pk=somsri.pk).given_name == "สมศรี"
    assert Organization.objects.filter(name="บริษัท สยามเทรดดิ้ง จำกัด").exists()
