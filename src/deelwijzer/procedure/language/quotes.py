"""Finding quoted speech: what someone said is a fact and is never flagged.

Recognised pairs: "...", „...” (or „...“), “...”, «...», ‘...’ and '...'. A quote
may run over a line break but not over an empty line. An apostrophe inside a word
(auto's, zo'n, m'n) or before 's, 't, 'n, 'k is not a quotation mark; a quote
that is never closed is ignored, so that it cannot hide the rest of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_NOT_PARAGRAPH = r"\n(?![ \t]*\n)"


def _pair(opening: str, closing: str) -> str:
    inner = f"(?:[^{closing}\\n]|{_NOT_PARAGRAPH})*"
    return f"{opening}{inner}[{closing}]"


_QUOTED = re.compile(
    "|".join(
        [
            _pair('"', '"'),
            _pair("„", '”“"'),
            _pair("“", "”"),
            _pair("«", "»"),
            r"‘(?:[^’\n]|’(?=\w)|" + _NOT_PARAGRAPH + r")*’(?!\w)",
            r"(?<!\w)'(?!(?:s|t|n|k|m|r)\b)(?=\S)(?:[^'\n]|'(?=\w)|"
            + _NOT_PARAGRAPH
            + r")*'(?!\w)",
        ]
    )
)


class QuotedSpans:
    """The quoted stretches of one text, with a fast overlap test."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _QUOTED.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) touches a quoted stretch."""
        index = bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.ends[index] > start

    def any_within(self, start: int, end: int) -> bool:
        """True when a whole quoted stretch lies inside [start, end)."""
        index = bisect_left(self.starts, start)
        return index < len(self.starts) and self.ends[index] <= end
