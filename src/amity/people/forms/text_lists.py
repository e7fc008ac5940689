"""Lists typed as text: "th, en-GB" or one per line, with an optional label before a colon."""

import re

# "work: anna@example.pl" or "mobile: +48 601 234 567": an optional label before a colon. A
# label never starts with a digit or "+" and has no "@", so addresses and numbers stay whole.
LABELLED_LINE = re.compile(r"^([^:@+\d][^:@]{0,39}):\s*(\S.*)$")


def split_list(text: str) -> list[str]:
    """ "th, en-GB" or one per line -> ["th", "en-GB"]."""
    return [piece.strip() for piece in re.split(r"[,;\n、،]", text or "") if piece.strip()]


def labelled_lines(text: str) -> list[tuple[str, str]]:
    """(label, value) for each non-empty line; label "" when the line has none."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = LABELLED_LINE.match(line)
        found.append((match.group(1).strip(), match.group(2).strip()) if match else ("", line))
    return found


def labelled_text(items) -> str:
    return "\n".join(f"{label}: {value}" if label else value for value, label in items)
