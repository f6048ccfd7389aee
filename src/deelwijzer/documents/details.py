"""What the dossier shows of an entry besides its main text: the facts that account for the
step, as labelled rows (when it was seen and from whom, what went to which adviser and when,
who took part, on what ground, who signed off, what was shared with whom and what was agreed).

The labels are the step pages' and the models' own. One reading of the names (team, parents,
advice requests) per dossier, whatever the number of entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from deelwijzer.advice.answers import answer_rows
from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.advice.selectors import adviser_label
from deelwijzer.cases.models import Case, TeamMember
from deelwijzer.conversations.models import (
    Conversation,
    ConversationSkipped,
    GuardiansNotInvolved,
)
from deelwijzer.dates import nl_date
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.disclosures.models import Disclosure
from deelwijzer.risks import history as risk_history
from deelwijzer.risks.models import CONTENT_FIELDS as RISK_FIELDS
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Diagnosis, Opinion, Signal, SourceKind

Row = tuple[str, str]


@dataclass(frozen=True)
class Names:
    """Who and what the entries refer to by id: team members (by user id), parents (by id)
    and advice requests (by key)."""

    team: dict[int, str]
    guardians: dict[int, str]
    advice: dict[str, str]

    def advice_ref(self, key: str) -> str:
        if not key:
            return _("geen")
        return self.advice.get(key, key)


def names_of(case: Case) -> Names:
    team = {
        m.user_id: m.user.display_name()
        for m in TeamMember.everyone.filter(case=case).select_related("user")
    }
    guardians = {g.pk: f"{g.name} ({g.relation})" for g in case.guardians.all()}
    rows = AdviceRequest.current(case).select_related("adviser_member").order_by()
    advice = {r.key: _advice_ref(r) for r in rows}
    return Names(team, guardians, advice)


def _advice_ref(r: AdviceRequest) -> str:
    if r.asked_on:
        return _("%(key)s: advies van %(who)s, gevraagd op %(d)s") % {
            "key": r.key,
            "who": adviser_label(r),
            "d": nl_date(r.asked_on),
        }
    return _("%(key)s: adviesvraag aan %(who)s") % {"key": r.key, "who": adviser_label(r)}


def _label(model: type[models.Model], name: str) -> str:
    return str(capfirst(cast(models.Field, model._meta.get_field(name)).verbose_name))


def _yes_no(value: bool | None) -> str:
    return _("ja") if value else _("nee")


def _keys(keys: list[str]) -> str:
    return ", ".join(keys) or _("geen")


# Step 1


def signal_rows(s: Signal, names: Names) -> list[Row]:
    if s.source_kind == SourceKind.OTHER:
        who = ", ".join(part for part in (s.source_name, s.source_role) if part)
        source = f"{s.get_source_kind_display()}: {who}" if who else s.get_source_kind_display()
    else:
        source = s.get_source_kind_display()
    rows = [
        (_label(Signal, "observed_on"), nl_date(s.observed_on)),
        (_label(Signal, "source_kind"), source),
    ]
    if s.tags:
        rows.append((_label(Signal, "tags"), ", ".join(s.tags)))
    return rows


def opinion_rows(o: Opinion, names: Names) -> list[Row]:
    return [(_label(Opinion, "about"), _keys(o.about))]


def diagnosis_rows(d: Diagnosis, names: Names) -> list[Row]:
    return [
        (_label(Diagnosis, name), getattr(d, name))
        for name in ("established_by_name", "established_by_role", "relevance")
    ]


# Step 2


def _adviser(r: AdviceRequest) -> str:
    if r.adviser_kind == AdviserKind.EXTERNAL:
        return f"{r.get_adviser_kind_display()}: {adviser_label(r)}"
    return capfirst(adviser_label(r))


def advice_rows(r: AdviceRequest, names: Names) -> list[Row]:
    """To whom, when, and the text that went: what the adviser got, beside the text as the
    professional wrote it (internal: the dossier is the team's own record, R2.1)."""
    sent = r.status != RequestStatus.DRAFT
    rows = [(_label(AdviceRequest, "adviser_kind"), _adviser(r))]
    if sent:
        rows.append((_("Verstuurd op"), nl_date(r.asked_on)))
        rows.append((_("Gevraagd door"), r.asked_by.display_name()))
    if r.signal_keys:
        rows.append((_("Signalen"), _keys(r.signal_keys)))
    if sent:
        rows.append((_("Verstuurde tekst"), r.request_text))
        rows.append((_label(AdviceRequest, "identifies_youth"), _yes_no(r.identifies_youth)))
    else:
        rows.append((_("Voorgestelde tekst (nog niet verstuurd)"), r.request_text))
    if r.changed_from_draft:
        rows.append((_("Zoals je hem opstelde (alleen zichtbaar voor het team)"), r.original_text))
    rows += [(str(capfirst(q)), a or _("(niet ingevuld)")) for q, a in answer_rows(r)]
    if r.review_date:
        rows.append((_("Opnieuw bekijken op"), nl_date(r.review_date)))
    if r.answered_by and r.status == RequestStatus.ANSWERED:
        rows.append((_("Advies vastgelegd door"), r.answered_by.display_name()))
    return rows


# Step 3


def _participants(c: Conversation, names: Names) -> str:
    parts = []
    if "youth" in c.participants:
        parts.append(_("de jongere"))
    if "guardians" in c.participants:
        parents = [names.guardians.get(pk, "?") for pk in c.guardian_ids]
        word = _("ouder") if len(parents) == 1 else _("ouders")
        parts.append(f"{word}: {', '.join(parents)}" if parents else word)
    return ", ".join(parts) or _("niet vastgelegd")


def _steps_of_conversation(c: Conversation) -> str:
    steps = (
        (c.purpose_explained, _("doel uitgelegd")),
        (c.signals_and_concerns_described, _("signalen en zorgen beschreven")),
        (c.reaction_asked, _("om een reactie gevraagd")),
        (c.next_steps_after_reaction, _("pas daarna vervolgstappen genoemd")),
    )
    return "; ".join(f"{_yes_no(done)}: {what}" for done, what in steps)


def _parent_contact(value: bool | None) -> str:
    if value is None:
        return _("niet gevraagd")
    return _("gegeven") if value else _("niet gegeven")


def conversation_rows(c: Conversation, names: Names) -> list[Row]:
    held_by = [names.team.get(pk, _("oud-teamlid")) for pk in c.held_by]
    return [
        (_("Datum"), nl_date(c.held_on)),
        (_("Deelnemers"), _participants(c, names)),
        (_("Gevoerd door (R3.5)"), ", ".join(held_by) or _("niet vastgelegd")),
        (_("Gespreksopbouw (R3.1)"), _steps_of_conversation(c)),
        (_("Reactie van de jongere"), c.reaction or _("niet vastgelegd")),
        (
            _("Toestemming om met de ouders te praten"),
            _parent_contact(c.youth_consents_to_parent_contact),
        ),
        (_("Toestemming om extern te delen"), c.get_youth_consents_to_sharing_display()),
    ]


def skipped_rows(s: ConversationSkipped, names: Names) -> list[Row]:
    return [(_("Advies"), names.advice_ref(s.advice_key))]


def not_involved_rows(s: GuardiansNotInvolved, names: Names) -> list[Row]:
    return [
        (_("Grond (R3.2)"), s.get_ground_display()),
        (_("Advies"), names.advice_ref(s.advice_key)),
    ]


# Step 4


def risk_rows(r: Risk, names: Names) -> list[Row]:
    rows = []
    for name in RISK_FIELDS:
        if name == "description":
            continue
        value = risk_history.shown(r, name)
        if name == "advice_key" and r.advice_key:
            value = names.advice_ref(r.advice_key)
        rows.append((str(capfirst(risk_history.label(name))), value))
    return rows


# Step 5


def _consent(d: SharingDecision) -> str:
    text = d.get_consent_display()
    if d.consent_on:
        text += ": " + _("vastgelegd als uitspraak van %(when)s, %(how)s") % {
            "when": nl_date(d.consent_on),
            "how": d.get_consent_how_display(),
        }
        if d.consent_recorded_by:
            text += " " + _("(door %(who)s)") % {"who": d.consent_recorded_by.display_name()}
        if d.consent_note:
            text += f". {d.consent_note}"
    return text


def decision_rows(d: SharingDecision, names: Names) -> list[Row]:
    rows = [
        (_("Besluit"), _("extern delen") if d.share else _("niet extern delen")),
        (_("Toestemming van de jongere"), _consent(d)),
    ]
    if d.serious_concrete_risks:
        rows.append((_("Ernstige, concrete risico's"), _keys(d.serious_concrete_risks)))
    if d.only_way or d.only_way_reason:
        reason = f": {d.only_way_reason}" if d.only_way_reason else ""
        rows.append((_("Delen is de enige weg"), _yes_no(d.only_way) + reason))
    if d.submitted_by:
        rows.append(
            (
                _("Ingediend"),
                _("door %(who)s op %(when)s")
                % {
                    "who": d.submitted_by.display_name(),
                    "when": nl_date(d.submitted_at),
                },
            )
        )
    if d.decided_by:
        rows.append(
            (
                _("Beslist"),
                _("door %(who)s (%(role)s) op %(when)s")
                % {
                    "who": d.decided_by.display_name(),
                    "role": d.decided_role_label.lower(),
                    "when": nl_date(d.decided_on),
                },
            )
        )
    return rows


# Step 6


def _item(item: dict) -> str:
    text = item["key"]
    if item.get("purpose"):
        text += f": {item['purpose']}"
    if item.get("risk"):
        text += " " + _("(bij risico %(r)s)") % {"r": item["risk"]}
    return text


def _feedback_agreed(x: Disclosure) -> str:
    if not x.feedback_possible:
        return _("niet afgesproken")
    if x.feedback_due_on is None:
        return _("afgesproken")
    return _("verwacht uiterlijk %(d)s") % {"d": nl_date(x.feedback_due_on)}


def disclosure_rows(x: Disclosure) -> list[Row]:
    rows = [(_("Gedeeld op"), nl_date(x.shared_on))]
    if x.recipient_department:
        rows.append((_label(Disclosure, "recipient_department"), x.recipient_department))
    rows.append((_("Op grond van besluit"), x.decision_key))
    # each item with why it was shared (the disclosure's ``purpose`` is the summary of these)
    rows.append((_label(Disclosure, "items"), "\n".join(_item(i) for i in x.items) or _("geen")))
    if x.files:  # one a line: a purpose is a sentence of its own
        rows.append((_label(Disclosure, "files"), "\n".join(_item(f) for f in x.files)))
    rows += [
        (_("Gedeelde identiteitsgegevens"), ", ".join(x.identity_labels) or _("geen")),
        (_("Al gezette stappen (R6.2)"), x.steps_taken),
        (_("Wat de beroepskracht doet (R6.4)"), x.task_professional),
        (_("Wat de ontvanger doet (R6.4)"), x.task_recipient),
        (_("Terugkoppeling (R6.5)"), _feedback_agreed(x)),
    ]
    return rows


# Per kind of versioned entry: its rows, the related rows they read (joined in the one query
# of that kind), and whether the rows hold the main text too (then the event has none apart).
@dataclass(frozen=True)
class Detail:
    rows: Callable[..., list[Row]]
    related: tuple[str, ...] = ()
    holds_text: bool = False


DETAILS: dict[type[models.Model], Detail] = {
    Signal: Detail(signal_rows),
    Opinion: Detail(opinion_rows),
    Diagnosis: Detail(diagnosis_rows),
    AdviceRequest: Detail(
        advice_rows, ("asked_by", "adviser_member", "answered_by"), holds_text=True
    ),
    Conversation: Detail(conversation_rows, holds_text=True),
    ConversationSkipped: Detail(skipped_rows),
    GuardiansNotInvolved: Detail(not_involved_rows),
    Risk: Detail(risk_rows),
    SharingDecision: Detail(decision_rows, ("submitted_by", "decided_by", "consent_recorded_by")),
}


def entry_title(entry) -> str:
    """The kind of entry as the dossier names it: a contra-signal is no signal."""
    if isinstance(entry, Signal):
        return str(entry.get_kind_display())
    return str(capfirst(type(entry)._meta.verbose_name))
