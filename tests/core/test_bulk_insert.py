"""Writing many rows at once: ids come back in order and the table's own id source moves on
(a later ordinary insert must not collide), and the planner learns how large tables grew."""

from django.db import connection

from amity.core.bulk_insert import insert_returning_ids, insert_rows, statistics_refresh
from amity.people.models import Organization, Tag


def test_new_rows_get_their_ids_in_order_and_later_inserts_follow_them(db):
    organizations = [Organization(name=name) for name in ("บริษัท สยาม", "Zakłady Łódź", "株式会社")]

    insert_returning_ids(Organization, organizations)
    later = Organization.objects.create(name="شركة المثال")

    ids = [organization.pk for organization in organizations]
    assert ids == sorted(ids)
    assert len(set(ids)) == 3
    assert later.pk > max(ids)
    stored = dict(Organization.objects.values_list("pk", "name"))
    assert [stored[pk] for pk in ids] == ["บริษัท สยาม", "Zakłady Łódź", "株式会社"]
    assert all(not organization._state.adding for organization in organizations)


def test_statistics_refresh_tells_postgresql_how_many_rows_a_table_has(db):
    insert_rows(Tag, [{"name": f"ลูกค้า {n}"} for n in range(250)])

    statistics_refresh([Tag])  # SQLite: nothing to do

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", [Tag._meta.db_table]
            )
            assert cursor.fetchone()[0] == 250
    assert Tag.objects.count() == 250
