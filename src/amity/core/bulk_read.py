"""Reading rows by a long list of keys. Django prepares every value of an ``__in`` list one
by one (500 ids: about 5 ms a query, more than twice the database's own time); an import
looks up each of its batches that way several times, a re-run more than a dozen times.

Plain columns only (text, numbers, booleans, foreign keys), as the database driver gives
them (a boolean is 0 or 1 on SQLite). The SQL is the same on every database.
"""

from collections.abc import Collection, Sequence
from typing import Any

from django.db import connection, models

_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, _PLAIN):
        raise TypeError(f"{model.__name__}.{name} is not a plain column")
    return connection.ops.quote_name(field.column)


def values_in(
    model: type[models.Model], fields: Sequence[str], key: str, values: Collection[Any]
) -> list[tuple]:
    """``model.objects.filter(**{key + "__in": values}).values_list(*fields)``, in no
    particular order."""
    if not values:
        return []
    values = list(values)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_column(model, name) for name in fields)
    where = _column(model, key)
    per_query = min(len(values), connection.features.max_query_params or len(values))
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_query):
            part = values[start : start + per_query]
            marks = ", ".join(["%s"] * len(part))
            # Only quoted table and column names are joined into the SQL; values are parameters.
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} IN ({marks})", part)  # noqa: S608
            found += cursor.fetchall()
    return found
