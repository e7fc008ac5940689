"""What Amity sets up once per process when Django starts."""

import phonenumbers
from phonenumbers import re_util

from amity.people.validation import clean_phone


def test_phone_number_patterns_stay_compiled_once_used():
    # Without phonenumbers' own pattern cache, numbers from many countries recompile the
    # patterns that fell out of the re module's cache: ten times slower across all regions.
    for region in ["TH", "PL", "JP", "SA", "BR", "DE"]:
        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        assert clean_phone(national, country=region).startswith("+")

    kept = re_util._COMPILED_PATTERNS  # (phonenumbers has no public way to ask)
    assert kept is not None
    assert len(kept) > 0
