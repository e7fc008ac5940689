from datetime import UTC, datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import timezone, translation


def render(source: str, **context) -> str:
    return Template("{% load l10n tz %}" + source).render(Context(context))


def test_numbers_follow_the_active_locale():
    value = Decimal("1240.5")

    with translation.override("en"):
        english = render("{{ value }}", value=value)
    with translation.override("pl"):
        polish = render("{{ value }}", value=value)

    assert english == "1,240.5"
    assert polish.replace("\xa0", " ") == "1 240,5"


def test_dates_follow_the_active_locale_and_zone():
    moment = datetime(2026, 4, 13, 3, 30, tzinfo=UTC)  # Songkran, 10:30 in Bangkok

    with translation.override("pl"), timezone.override("Europe/Warsaw"):
        polish = render('{{ when|date:"DATETIME_FORMAT" }}', when=moment)
    with translation.override("th"), timezone.override("Asia/Bangkok"):
        thai = render('{{ when|date:"DATETIME_FORMAT" }}', when=moment)

    assert "kwietnia 2026" in polish
    assert "05:30" in polish
    assert "เมษายน" in thai
    assert "10:30" in thai
