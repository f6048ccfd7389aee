"""Words of a text with their character spans, and sentence boundaries."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_SPEECH_BREAK = re.compile(r"[.!?;\n]")


class Tokens:
    """The lower-cased words of ``text``; ``span(i)`` is the i-th word's position."""

    def __init__(self, text: str) -> None:
        self.text = text
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

    def breaks_before(self, i: int, *, speech: bool = False) -> bool:
        """True when a sentence ends between word i-1 and word i."""
        if i <= 0 or i >= len(self.words):
            return True
        breaker = _SPEECH_BREAK if speech else _SENTENCE_BREAK
        return breaker.search(self.gap(i)) is not None

    def sentence(self, i: int, *, limit: int = 40, speech: bool = False) -> tuple[int, int]:
        """Index range [first, last + 1) of the sentence around word i, at most ``limit``
        words either side."""
        first = i
        while first > 0 and i - first < limit and not self.breaks_before(first, speech=speech):
            first -= 1
        last = i
        while (
            last + 1 < len(self.words)
            and last - i < limit
            and not self.breaks_before(last + 1, speech=speech)
        ):
            last += 1
        return first, last + 1
