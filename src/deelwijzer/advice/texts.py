"""The text of an advice request: composing it, pseudonymising it, checking it (R2.1).

Every check here asks ``procedure/``: the pseudonymiser for the proposal, and
``find_identifiers`` (the same function the engine's R2.1 uses) for the refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from deelwijzer.cases.models import Case
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.procedure.casefile import CaseFile, Guardian, Organisation, Youth, load_casefile
from deelwijzer.procedure.identifiers import find_identifiers
from deelwijzer.procedure.pseudonymise import PseudonymiseResult, pseudonymise

# Only who the youth is matters for pseudonymising; the steps' entries are left out so that
# a problem in one of them never stops a request from being made anonymous.
IDENTITY_PARTS = ("format", "evaluated_on", "organisation", "youth", "guardians", "team")


def identity_casefile(case: Case) -> CaseFile:
    """The case file of ``case`` with who the youth, the guardians and the team are."""
    data = build_casefile(case)
    return load_casefile({key: data[key] for key in IDENTITY_PARTS})


def identity_only(case: Case) -> CaseFile:
    """Who the youth and the guardians are, from rows already loaded (no query, no checks).

    ``case.youth`` and ``case.guardians`` should be fetched with the case (select_related /
    prefetch_related); the guardians come in the order the case file gives them.
    """
    youth = case.youth
    return CaseFile(
        organisation=Organisation(attention_officer=True, decision_maker_role=""),
        youth=Youth(case.pseudonym, youth.birth_date, youth.name, list(youth.identifiers)),
        guardians=[
            Guardian(f"g{g.pk}", g.has_authority, g.name, g.relation) for g in case.guardians.all()
        ],
    )


def redact(text: str, cf: CaseFile) -> str:
    """``text`` with every known identifier replaced by its placeholder (a second safety net
    for what the attention officer sees: the send check already refused them)."""
    parts, position = [], 0
    for match in find_identifiers(text, cf):
        parts += [text[position : match.start], match.placeholder]
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


def compose_text(question: str, signals: list) -> str:
    """The request as the professional composed it: the question, then the chosen signals."""
    lines = [question.strip()]
    if signals:
        lines += ["", _("Signalen:")]
        lines += [f"- {_signal_line(signal)}" for signal in signals]
    return "\n".join(lines)


def _signal_line(signal) -> str:
    kind = _("contrasignaal") if signal.kind == "contra_signal" else _("signaal")
    if signal.source_kind == "own_observation":
        source = _("eigen waarneming")
    else:
        source = _("gehoord van: %(role)s") % {"role": signal.source_role or _("een ander")}
    when = date_format(signal.observed_on, "F Y") if signal.observed_on else ""
    head = ", ".join(part for part in (kind, when, source) if part)
    return f"({head}) {signal.text.strip()}"


def remaining_identifiers(text: str, cf: CaseFile) -> list[str]:
    """Each known identifier still in ``text``, named for the refusal, once each."""
    named: list[str] = []
    for match in find_identifiers(text, cf):
        word = f"{match.label} ‘{match.original}’"
        if word not in named:
            named.append(word)
    return named


@dataclass(frozen=True)
class Proposal:
    """The pseudonymiser's proposal, ready to show side by side with the original."""

    result: PseudonymiseResult
    original_html: SafeString
    proposed_html: SafeString


def organisation_names(case: Case) -> list[str]:
    """The names of the case's own organisation: a request outside the team hides them too."""
    return [case.organisation.name]


def propose(text: str, cf: CaseFile, names: Sequence[str] = ()) -> Proposal:
    result = pseudonymise(text, cf, organisation_names=names)
    return Proposal(result, _marked_original(text, result), _marked_output(text, result))


def _marked_original(text: str, result: PseudonymiseResult) -> SafeString:
    parts, position = [], 0
    for r in result.replacements:
        parts.append(escape(text[position : r.start]))
        parts.append(
            format_html(
                '<mark>{}<span class="visually-hidden"> {}</span> <small>{}</small></mark>',
                r.original,
                _("wordt"),
                r.placeholder,
            )
        )
        position = r.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _marked_output(text: str, result: PseudonymiseResult) -> SafeString:
    parts, position = [], 0
    for r in result.replacements:
        parts.append(escape(text[position : r.start]))
        parts.append(format_html("<mark>{}</mark>", r.placeholder))
        position = r.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
