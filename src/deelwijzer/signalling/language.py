"""The language checker's findings on a text, ready for a page: marked words, hints, rule IDs.

Advice only: nothing here blocks a save. The checker itself is ``procedure.language``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from deelwijzer.procedure.language import LanguageFinding, check_text

MAX_CHECKED = 50_000  # characters; a longer text is checked up to here


@dataclass(frozen=True)
class TextHints:
    marked: SafeString  # the text, escaped, with each finding in <mark>
    findings: list[LanguageFinding]

    def __bool__(self) -> bool:
        return bool(self.findings)


def marked_text(text: str, findings: list[LanguageFinding]) -> SafeString:
    parts, at = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at:
            continue
        parts.append(escape(text[at : f.start]))
        parts.append(format_html('<mark data-rule="{}">{}</mark>', f.rule, text[f.start : f.end]))
        at = f.end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def hints_for(text: str) -> TextHints:
    text = text[:MAX_CHECKED]
    findings = list(check_text(text))
    return TextHints(marked_text(text, findings), findings)
