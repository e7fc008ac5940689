"""The guidance a reader gets: the shipped notes in their language (English marked as a
fallback), administrators' edits on top as written."""

from django.utils import translation

from amity.culture.guidance.entries import SOURCE_LANGUAGE, CountryGuidance, GuidanceEntry, Source
from amity.culture.guidance.shipped import shipped_guidance
from amity.culture.models.guidance import CountryGuidanceOverride
from amity.culture.selectors import reader_locale


def reader_language(language: str | None = None) -> str:
    """The language a reader gets notes in: ``language`` when given (an API's ?language=),
    else the active interface language; only its primary subtag counts ("pt-br" -> "pt").
    DomainError (code unknown_language) when ``language`` is not a language code."""
    asked = (language or "").strip() or translation.get_language() or SOURCE_LANGUAGE
    return reader_locale(asked).split("_")[0].lower()


def _edited_entry(row: CountryGuidanceOverride) -> GuidanceEntry:
    return GuidanceEntry(
        field=row.field,
        value=row.value,
        note=row.note,
        sources=(Source(url=row.source_url, title=row.source_title),),
        edited=True,
        language="",  # written by a person in whatever language they use: shown as written
    )


def country_guidance(country: str, *, language: str | None = None) -> CountryGuidance:
    """A country's guidance: the shipped file, its notes in the reader's language (see
    ``reader_language``; English marked as a fallback when a note has no translation), with
    administrators' edits on top as written (one query). A country nobody described has no
    entries."""
    code = (country or "").upper()
    reader = reader_language(language)
    shipped = shipped_guidance().get(code)
    entries = (
        {name: entry.in_language(reader) for name, entry in shipped.entries.items()}
        if shipped
        else {}
    )
    if code:
        for row in CountryGuidanceOverride.objects.filter(country=code):
            entries[row.field] = _edited_entry(row)
    return CountryGuidance(country=code, entries=entries)


def countries_with_guidance() -> list[str]:
    """Codes of every country with shipped or edited guidance, sorted."""
    edited = CountryGuidanceOverride.objects.values_list("country", flat=True).distinct()
    return sorted(set(shipped_guidance()) | set(edited))
