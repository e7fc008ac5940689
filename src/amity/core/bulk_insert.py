"""Writing many new rows fast: the one place outside the search engines that knows which
database runs. Imports write tens of thousands of rows a minute; Django's ``bulk_create``
compiles every value of every row through the ORM, which costs more than the database does.

- ``insert_returning_ids``: model instances, multi-row ``INSERT ... RETURNING id`` on SQLite
  (3.35+; the ids come back in the order of the rows, as Django's own bulk_create relies
  on), ids taken from the sequence and ``COPY`` on PostgreSQL.
- ``insert_rows``: rows given as ``{attname: value}`` whose ids nobody needs: ``executemany``
  on SQLite, ``COPY`` on PostgreSQL (what the import benchmark's raw baseline does).

Missing values take the field's default, ``auto_now``/``auto_now_add`` fields the time of the
call; values that need it (JSON, datetimes) go through the field's own database preparation,
plain text, numbers and booleans pass through untouched. No signals, no ``save()``: callers
are services that have validated every value.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Field classes whose Python value is already what the database driver takes.
_PASSTHROUGH = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
_NEEDS_PREPARATION = (models.JSONField, models.DateTimeField, models.DecimalField)
_MISSING = object()


@dataclass(frozen=True)
class _Column:
    field: models.Field
    prepare: bool  # converted with the field's get_db_prep_save
    stamped: bool  # auto_now / auto_now_add


@cache
def _columns(model: type[models.Model]) -> tuple[_Column, ...]:
    """The concrete columns an insert writes (all but an automatic primary key)."""
    return tuple(
        _Column(
            field=field,
            prepare=isinstance(field, _NEEDS_PREPARATION) or not isinstance(field, _PASSTHROUGH),
            stamped=bool(
                getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            ),
        )
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, models.AutoField))
    )


def _converted(column: _Column, value: Any, memo: dict, ops: Any) -> Any:
    if not column.prepare or value is None:
        return value
    if isinstance(column.field, models.JSONField):  # what get_db_prep_save ends up doing
        return ops.adapt_json_value(value, column.field.encoder)
    # The same object (one batch timestamp) is converted once.
    key = (column.field.attname, id(value))
    if key not in memo:
        memo[key] = (value, column.field.get_db_prep_save(value, connection))
    return memo[key][1]


def _sql_names(model: type[models.Model]) -> tuple[str, str]:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.field.column) for column in _columns(model))
    return quote(model._meta.db_table), names


def insert_returning_ids(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert new instances and set their primary keys (one statement per chunk)."""
    if not objects:
        return
    columns = _columns(model)
    now, memo, ops = timezone.now(), {}, connection.ops  # (the proxy costs a lookup a use)
    names = [column.field.attname for column in columns]
    stamped = [name for name, column in zip(names, columns, strict=True) if column.stamped]
    prepared = [i for i, column in enumerate(columns) if column.prepare]
    rows = []
    for obj in objects:
        for name in stamped:
            setattr(obj, name, now)
        values = obj.__dict__
        row = [values[name] for name in names]
        for i in prepared:
            row[i] = _converted(columns[i], row[i], memo, ops)
        rows.append(row)
    if connection.vendor == "postgresql":
        _copy_with_new_ids(model, objects, rows)
        return
    table, names = _sql_names(model)
    pk = connection.ops.quote_name(model._meta.pk.column)
    per_statement = max(1, min(500, connection.features.max_query_params // len(columns)))
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([row_sql] * len(chunk))
            # Only quoted table and column names are joined into the SQL; values are parameters.
            sql = f"INSERT INTO {table} ({names}) VALUES {values} RETURNING {pk}"  # noqa: S608
            cursor.execute(sql, [value for row in chunk for value in row])
            ids = [found[0] for found in cursor.fetchall()]
            _saved(objects[start : start + per_statement], ids)


def _copy_with_new_ids(model: type[models.Model], objects: Sequence[models.Model], rows) -> None:
    """PostgreSQL: take the ids from the table's sequence, then COPY the rows with them (a
    multi-row INSERT's thousands of parameters are quoted one by one in Python by the driver's
    client-side binding: 100,000 contacts took 21 s that way, COPY takes a second)."""
    table, names = _sql_names(model)
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk, len(rows)],
        )
        ids = [found[0] for found in cursor.fetchall()]
        raw = cursor.cursor
        with raw.copy(
            f"COPY {table} ({connection.ops.quote_name(pk)}, {names}) FROM STDIN"
        ) as copy:
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row([pk_value, *row])
    _saved(objects, ids)


def _saved(objects: Sequence[models.Model], ids: list[int]) -> None:
    for obj, pk_value in zip(objects, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert new rows given as ``{attname: value}``; returns how many were written."""
    columns = _columns(model)
    now, memo, ops = timezone.now(), {}, connection.ops
    names = [column.field.attname for column in columns]
    # A missing value takes the field's default: computed per row only when it is callable
    # (a fresh dict for a JSON field), once otherwise.
    defaults = [
        now  # rows written together were written at one moment
        if column.field.default is timezone.now
        else column.field.get_default
        if column.field.has_default() and callable(column.field.default)
        else column.field.get_default()
        for column in columns
    ]
    stamped = [i for i, column in enumerate(columns) if column.stamped]
    prepared = [i for i, column in enumerate(columns) if column.prepare]
    values = []
    for row in rows:
        out = [row.get(name, _MISSING) for name in names]
        for i in stamped:
            out[i] = now
        if _MISSING in out:
            out = [
                (defaults[i]() if callable(defaults[i]) else defaults[i])
                if value is _MISSING
                else value
                for i, value in enumerate(out)
            ]
        for i in prepared:
            out[i] = _converted(columns[i], out[i], memo, ops)
        values.append(out)
    if not values:
        return 0
    table, sql_names = _sql_names(model)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY streams the rows in one command
            with raw.copy(f"COPY {table} ({sql_names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({sql_names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, values)
    return len(values)


def statistics_refresh(models_: Iterable[type[models.Model]]) -> None:
    """Tell the query planner how large these tables have grown (PostgreSQL; SQLite plans
    from its indexes alone). After a bulk write grew a table from nothing, autovacuum
    analyzes it a minute or more later; until then lookups into it are planned as scans
    (100,000 contacts: 500 external ids looked up in 17 ms instead of 3)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
