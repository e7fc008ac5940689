"""What country guidance is made of: its fields and their fixed values, each field's entry
(value, note, sources and the note's translations) and a country's entries in order."""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy

from amity.culture.models.guidance import GuidanceField

FIELDS: tuple[str, ...] = tuple(GuidanceField.values)
# The fields described by one of a few values (plus a note); the others are notes only.
VALUE_LABELS: dict[str, dict[str, object]] = {
    "directness": {
        "direct": gettext_lazy("Direct"),
        "indirect": gettext_lazy("Indirect"),
        "mixed": gettext_lazy("Varies: direct and indirect"),
    },
    "formality": {
        "formal": gettext_lazy("Formal by default"),
        "informal": gettext_lazy("Informal by default"),
    },
    "decisions": {
        "individual": gettext_lazy("One person decides"),
        "consensus": gettext_lazy("By consensus"),
    },
    "trust": {
        "relationship": gettext_lazy("The relationship"),
        "competence": gettext_lazy("Competence"),
    },
}
# The language of the "note" key; translations sit beside it as note_<code> (note_th, note_pl).
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Source:
    """A public page or publication a reader can open to check a piece of guidance."""

    url: str
    title: str
    accessed: str = ""  # ISO date the page was read, "" for an administrator's edit


@dataclass(frozen=True)
class GuidanceEntry:
    """One field of a country's guidance."""

    field: str
    value: str  # one of VALUE_LABELS[field], or "" (notes-only fields, or not characterized)
    note: str
    sources: tuple[Source, ...]
    edited: bool = False  # an administrator's edit replaced the shipped text
    # The note's language ("en", "th", "pl"); "" for an administrator's edit, shown as written.
    language: str = SOURCE_LANGUAGE
    # The reader asked for a language this note has no translation in: it is the English one.
    fallback: bool = False
    # Every shipped text of the note as (language, text), English first; () for an edit.
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return str(GuidanceField(self.field).label)

    @property
    def value_label(self) -> str:
        return value_label(self.field, self.value)

    def in_language(self, language: str) -> "GuidanceEntry":
        """This entry with its note in ``language``, else in English marked as a fallback; an
        administrator's edit stays as written."""
        if not self.translations:
            return self
        texts = dict(self.translations)
        if language in texts:
            return replace(self, note=texts[language], language=language, fallback=False)
        return replace(
            self,
            note=texts[SOURCE_LANGUAGE],
            language=SOURCE_LANGUAGE,
            fallback=language != SOURCE_LANGUAGE,
        )


@dataclass(frozen=True)
class CountryGuidance:
    country: str
    entries: dict[str, GuidanceEntry] = field(default_factory=dict)

    def ordered(self) -> list[GuidanceEntry]:
        """Entries in the fixed field order (communication first, things to avoid last)."""
        return [self.entries[name] for name in FIELDS if name in self.entries]


def field_label(name: str) -> str:
    return str(GuidanceField(name).label)


def value_label(name: str, value: str) -> str:
    """The translated label of a fixed value; "" when there is none."""
    return str(VALUE_LABELS.get(name, {}).get(value, "")) if value else ""


def has_fixed_values(name: str) -> bool:
    return name in VALUE_LABELS
