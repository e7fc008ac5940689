"""The compiled-catalog check: stale when readers would get other text, not when Babel changes."""

import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from amity.core.translations import mo_matches


def polish_catalog(**translations: str) -> Catalog:
    catalog = Catalog(locale="pl")
    for msgid, msgstr in translations.items():
        catalog.add(msgid.replace("_", " "), msgstr)
    catalog.add(
        ("%(n)s contact", "%(n)s contacts"), ("%(n)s kontakt", "%(n)s kontakty", "%(n)s kontaktów")
    )
    return catalog


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def test_a_catalog_compiled_by_another_babel_version_is_current(monkeypatch):
    catalog = polish_catalog(Save="Zapisz", Time_zone="Strefa czasowa")
    mo = compiled(catalog)
    monkeypatch.setattr("babel.messages.catalog.VERSION", "1.0.0")
    older = compiled(catalog)

    assert b"Generated-By: Babel 1.0.0" in older
    assert older != mo
    assert mo_matches(older, catalog)


def test_a_changed_missing_or_extra_translation_makes_it_stale():
    catalog = polish_catalog(Save="Zapisz", Time_zone="Strefa czasowa")

    assert not mo_matches(
        compiled(polish_catalog(Save="Zachowaj", Time_zone="Strefa czasowa")), catalog
    )
    assert not mo_matches(compiled(polish_catalog(Save="Zapisz")), catalog)
    assert not mo_matches(
        compiled(polish_catalog(Save="Zapisz", Time_zone="Strefa", Delete="Usuń")), catalog
    )


def test_a_changed_plural_form_makes_it_stale():
    catalog = polish_catalog(Save="Zapisz")
    other = polish_catalog(Save="Zapisz")
    other.delete(("%(n)s contact", "%(n)s contacts"))
    other.add(
        ("%(n)s contact", "%(n)s contacts"), ("%(n)s kontakt", "%(n)s kontakty", "%(n)s kontakty")
    )

    assert not mo_matches(compiled(other), catalog)
