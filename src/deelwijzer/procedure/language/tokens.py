"""Words of a text with their character spans, and sentence boundaries."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_SPEECH_BREAK = re.compile(r"[.!?;\n]")


class Tokens:
    """The lower-cased words of ``text``; ``span(i)`` is the i-th word's position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: dict[str, list[int]] = {}
        lowered = text.lower()
        if len(lowered) == len(text):
            self._matches = list(_WORD.finditer(lowered))
            self.words = [m[0] for m in self._matches]
        else:  # a few characters change length when lowered; keep the original spans
            self._matches = list(_WORD.finditer(text))
            self.words = [m[0].lower() for m in self._matches]

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        return self._matches[i].start()

    def end(self, i: int) -> int:
        return self._matches[i].end()

    def gap(self, i: int) -> str:
        """The characters between word i-1 and word i."""
        return self.text[self._matches[i - 1].end() : self._matches[i].start()]

    def _break_offsets(self, speech: bool) -> list[int]:
        key = "speech" if speech else "sentence"
        offsets = self._offsets.get(key)
        if offsets is None:
            breaker = _SPEECH_BREAK if speech else _SENTENCE_BREAK
            offsets = self._offsets[key] = [m.start() for m in breaker.finditer(self.text)]
        return offsets

    def breaks_before(self, i: int, *, speech: bool = False) -> bool:
        """True when a sentence ends between word i-1 and word i."""
        if i <= 0 or i >= len(self.words):
            return True
        offsets = self._break_offsets(speech)
        k = bisect_left(offsets, self._matches[i - 1].end())
        return k < len(offsets) and offsets[k] < self._matches[i].start()

    def sentence(self, i: int, *, limit: int = 40, speech: bool = False) -> tuple[int, int]:
        """Index range [first, last) of the sentence around word i, at most ``limit``
        words either side."""
        offsets = self._break_offsets(speech)
        k = bisect_left(offsets, self._matches[i].start())
        before = offsets[k - 1] if k > 0 else -1
        after = offsets[k] if k < len(offsets) else len(self.text)
        lo, hi = max(0, i - limit), min(len(self.words), i + limit + 1)
        first = bisect_right(self._matches, before, lo, i, key=_start)
        last = bisect_left(self._matches, after, i + 1, hi, key=_start)
        return first, last


def _start(match: re.Match[str]) -> int:
    return match.start()
