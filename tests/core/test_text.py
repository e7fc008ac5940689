import pytest

from amity.core.text import fold, romanize


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz", "lukasz"),
        ("Żółw", "zolw"),
        ("GRZEGORZ BRZĘCZYSZCZYKIEWICZ", "grzegorz brzeczyszczykiewicz"),
        ("Müller Straße", "muller strasse"),
        ("São Paulo", "sao paulo"),
        ("İstanbul", "istanbul"),
        ("Ελένη", "eleni"),
    ],
)
def test_fold_removes_case_and_accents_from_latin_greek_cyrillic(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["นายสมชาย ใจดี", "山田 太郎", "محمد الحربي", "김민준"])
def test_fold_keeps_other_scripts_and_their_marks(text):
    assert fold(text) == text


def test_folded_thai_substring_matches_without_spaces():
    assert fold("สมชาย") in fold("นายสมชาย ใจดี")


@pytest.mark.parametrize(
    ("name", "language", "latin"),
    [
        ("สมชาย ใจดี", "th", "somchai chaidi"),
        ("山田 太郎", "ja", "yamada tarou"),
        ("やまだ", None, "yamada"),
        ("王 小明", "zh", "wang xiaoming"),
        ("Łukasz Żółkiewski", "pl", "lukasz zolkiewski"),
        ("Иван Петров", "ru", "ivan petrov"),
    ],
)
def test_romanize_uses_each_scripts_convention(name, language, latin):
    assert romanize(name, language=language) == latin
