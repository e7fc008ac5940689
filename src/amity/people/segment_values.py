"""The segment rule builder's vocabulary: how it asks for a rule field's value. Every
``SegmentField`` (this app's and those other apps' record kinds contribute) names one of these
value kinds; the builder, the rule row's inputs and the rules in words read it from the field,
so they never name a field another app owns."""

CODES, INDUSTRY, SIZE, OWNER, FLAG, CUSTOM, ACTIVITY, RAW = (
    "codes",  # codes or names typed with commas: countries, languages, tags
    "industry",  # industries picked from the list
    "size",  # organization sizes picked from the list
    "owner",  # users to tick
    "flag",  # yes or no
    "custom",  # a custom field and what it is compared with
    "activity",  # {"count": n, "days": d, "channel": c}: how many records in how many days
    "json",  # anything else: the value as JSON
)

# The inputs of a rule row each value kind asks for, after the field and the condition (a
# field may word them its own way: SegmentField.input_labels and input_help).
SHOWN = {
    CODES: ("value",),
    INDUSTRY: ("value",),
    SIZE: ("value",),
    OWNER: ("owners",),
    FLAG: ("flag",),
    CUSTOM: ("key", "value"),
    ACTIVITY: ("count", "days", "channel"),
    RAW: ("value",),
}

# What an activity rule assumes when count or days are left out: at least one in the last 30
# days. A field of this value kind reads a value without them the same way in its ``to_q``.
DEFAULT_COUNT, DEFAULT_DAYS = 1, 30
