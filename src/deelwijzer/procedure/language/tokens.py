"""Words of a text with their character spans, and sentence boundaries."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_SPEECH_BREAK = re.compile(r"[.!?;\n]")


class Tokens:
    """The lower-cased words of ``text``; ``start(i)``/``end(i)`` give the i-th word's span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._flags: dict[bool, list[bool]] = {}
        self._offsets: dict[bool, list[int]] = {}
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = list(_WORD.finditer(lowered))
            self.words = [m[0] for m in matches]
        else:  # a few characters change length when lowered; keep the original spans
            matches = list(_WORD.finditer(text))
            self.words = [m[0].lower() for m in matches]
        self._starts = [m.start() for m in matches]
        self._ends = [m.end() for m in matches]

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        return self._starts[i]

    def end(self, i: int) -> int:
        return self._ends[i]

    def gap(self, i: int) -> str:
        """The characters between word i-1 and word i."""
        return self.text[self._ends[i - 1] : self._starts[i]]

    def _break_offsets(self, speech: bool) -> list[int]:
        offsets = self._offsets.get(speech)
        if offsets is None:
            breaker = _SPEECH_BREAK if speech else _SENTENCE_BREAK
            offsets = self._offsets[speech] = [m.start() for m in breaker.finditer(self.text)]
        return offsets

    def break_flags(self, *, speech: bool = False) -> list[bool]:
        """``flags[i] == breaks_before(i)`` for 0 <= i <= len(self), computed once per text.

        A break character is never part of a word, so each one lies in the gap before the
        first word that starts after it.
        """
        flags = self._flags.get(speech)
        if flags is None:
            n = len(self.words)
            flags = [False] * (n + 1)
            flags[0] = flags[n] = True
            starts = self._starts
            for offset in self._break_offsets(speech):
                flags[bisect_right(starts, offset)] = True
            self._flags[speech] = flags
        return flags

    def breaks_before(self, i: int, *, speech: bool = False) -> bool:
        """True when a sentence ends between word i-1 and word i."""
        if i <= 0 or i >= len(self.words):
            return True
        return self.break_flags(speech=speech)[i]

    def sentence(self, i: int, *, limit: int = 40, speech: bool = False) -> tuple[int, int]:
        """Index range [first, last) of the sentence around word i, at most ``limit``
        words either side."""
        offsets = self._break_offsets(speech)
        starts = self._starts
        k = bisect_left(offsets, starts[i])
        before = offsets[k - 1] if k > 0 else -1
        after = offsets[k] if k < len(offsets) else len(self.text)
        lo, hi = max(0, i - limit), min(len(self.words), i + limit + 1)
        first = bisect_right(starts, before, lo, i)
        last = bisect_left(starts, after, i + 1, hi)
        return first, last
