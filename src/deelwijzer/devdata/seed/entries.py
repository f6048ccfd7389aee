"""The entries of one seeded case, as unsaved model objects in valid states.

Each versioned entry follows ``cases/entries.py``: keys per kind (``s1``, ``o1``, …), version 1
upwards, only the newest version ``is_current``, a correction note on every later version.
Advice requests go draft -> sent -> answered and decisions draft -> submitted -> signed off,
one version per change, as the services make them. References (opinions about signals, risks
based on signals, advisers and conversation holders on the team, guardians in conversations)
always point at something in the same case, so the case file the engine reads is valid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from deelwijzer.accounts.models import User
from deelwijzer.advice.models import AdviceRequest, AdviserKind, ExternalOrganisation
from deelwijzer.cases.models import Case
from deelwijzer.conversations.models import Conversation
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.devdata.seed.plan import CasePlan, advice_statuses
from deelwijzer.devdata.seed.texts import TextMaker
from deelwijzer.disclosures.models import Disclosure
from deelwijzer.organisations.models import Organisation
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Diagnosis, FollowUp, Opinion, Signal

SOURCE_ROLES = ("vakdocent", "conciërge", "moeder", "trainer")
PURPOSE = "nodig om het risico te verkleinen"
CORRECTED = "Datum en formulering verbeterd na overleg met een collega."


@dataclass
class OrgContext:
    organisation: Organisation
    professionals: list  # users
    attention_officer: User
    decision_maker: User
    contacts: list
    tags: list[str]
    number: int = 0


@dataclass
class CaseContext:
    case: Case
    org: OrgContext
    team: list  # users on the team, the first opened the case
    guardians: list
    birth_date: date
    today: date
    now: datetime
    rows: dict[type, list] = field(default_factory=dict)

    def add(self, obj) -> None:
        self.rows.setdefault(type(obj), []).append(obj)


def _day(ctx: CaseContext, rng: random.Random, within: int = 330) -> date:
    earliest = max(ctx.birth_date + timedelta(days=1), ctx.today - timedelta(days=within))
    span = (ctx.today - earliest).days
    return earliest + timedelta(days=rng.randint(0, max(span, 0)))


def _versions(ctx: CaseContext, versions: list) -> None:
    """Number the versions of one key, mark the last one current, add them to the case."""
    for number, entry in enumerate(versions, start=1):
        entry.version = number
        entry.is_current = number == len(versions)
        if number > 1 and not entry.correction_note:
            entry.correction_note = CORRECTED
        ctx.add(entry)


def _base(ctx: CaseContext, key: str, rng: random.Random) -> dict:
    return {"case": ctx.case, "key": key, "recorded_by": rng.choice(ctx.team)}


def signals(ctx: CaseContext, plan: CasePlan, text: TextMaker, rng: random.Random) -> list[str]:
    keys = []
    kinds = ["signal"] * plan.signals + ["contra_signal"] * plan.contra_signals
    for number, kind in enumerate(kinds, start=1):
        key = f"s{number}"
        keys.append(key)
        other = rng.random() < 0.3
        signal = Signal(
            **_base(ctx, key, rng),
            kind=kind,
            observed_on=_day(ctx, rng),
            text=text.signal() if kind == "signal" else text.contra_signal(),
            source_kind="other" if other else "own_observation",
            source_name=text.name() if other else "",
            source_role=rng.choice(("vakdocent", "conciërge", "moeder", "trainer"))
            if other
            else "",
            tags=rng.sample(ctx.org.tags, rng.randint(1, 2)) if rng.random() < 0.3 else [],
        )
        versions = [signal]
        if number <= plan.signal_corrections:
            versions.append(_copy(signal))
        _versions(ctx, versions)
    return keys


def _copy(entry):
    """A new unsaved row with the same field values (the next version of an entry)."""
    values = {
        f.attname: getattr(entry, f.attname)
        for f in type(entry)._meta.concrete_fields
        if f.attname not in {"id", "version", "is_current", "correction_note"}
    }
    return type(entry)(**values)


def opinions(ctx, plan: CasePlan, text: TextMaker, rng, signal_keys: list[str]) -> None:
    keys = [f"o{n}" for n in range(1, plan.opinions + 1)]
    with_notes = {keys[i % len(keys)] for i in range(plan.follow_ups)} if keys else set()
    notes_left = plan.follow_ups
    for key in keys:
        closed = key in with_notes and rng.random() < 0.7
        about = rng.sample(signal_keys, min(len(signal_keys), rng.randint(1, 2)))
        _versions(
            ctx,
            [
                Opinion(
                    **_base(ctx, key, rng),
                    about=about,
                    text=text.opinion(),
                    status=rng.choice(("confirmed", "refuted")) if closed else "open",
                )
            ],
        )
    for i in range(notes_left):
        ctx.add(
            FollowUp(
                case=ctx.case,
                opinion_key=keys[i % len(keys)],
                date=_day(ctx, rng, within=120),
                text=text.follow_up(),
                recorded_by=rng.choice(ctx.team),
            )
        )


def diagnoses(ctx, plan: CasePlan, text: TextMaker, rng) -> None:
    for n in range(1, plan.diagnoses + 1):
        body, relevance = text.diagnosis()
        _versions(
            ctx,
            [
                Diagnosis(
                    **_base(ctx, f"d{n}", rng),
                    text=body,
                    established_by_name=text.name(),
                    established_by_role=rng.choice(("GZ-psycholoog", "kinderpsychiater")),
                    relevance=relevance,
                )
            ],
        )


ADVISER_TURNS = (0.0, 0.6, 0.9)  # attention officer, team member, external


def _adviser(ctx: CaseContext, rng, turn: int | None = None) -> dict:
    roll = rng.random() if turn is None else ADVISER_TURNS[turn % 3]
    if roll < 0.5 and ctx.org.attention_officer is not None:
        return {"adviser_kind": AdviserKind.ATTENTION_OFFICER}
    if roll < 0.7 and len(ctx.team) > 1:
        return {"adviser_kind": AdviserKind.TEAM_MEMBER, "adviser_member": ctx.team[1]}
    return {
        "adviser_kind": AdviserKind.EXTERNAL,
        "external_organisation": rng.choice(ExternalOrganisation.values),
        "external_name": rng.choice(("casusregisseur", "wijkagent", "adviseur Platform JEP")),
    }


def _answered(request: AdviceRequest, ctx: CaseContext, text: TextMaker, rng) -> AdviceRequest:
    answered = _copy(request)
    answered.status = "answered"
    answered.may_indicate_radicalisation = rng.choice(("yes", "no", "unclear"))
    answered.severity = text.answer()
    answered.safety_risks = text.answer()
    answered.timing = rng.choice(("short_term", "later", "none"))
    answered.follow_up_steps = text.answer()
    answered.follow_up_by = "de mentor en de zorgcoördinator"
    answered.conversation_possible = rng.random() < 0.85
    answered.conversation_by = "de mentor"
    answered.conversation_risks = text.answer()
    answered.outcome = rng.choice(("no_follow_up", "extra_attention", "conversation"))
    kind = request.adviser_kind
    answered.answered_by = ctx.org.attention_officer if kind == "attention_officer" else None
    answered.answered_at = ctx.now
    answered.correction_note = "Antwoord van de adviseur vastgelegd."
    return answered


def advice(ctx, plan: CasePlan, text: TextMaker, rng, signal_texts: dict[str, str]) -> list[str]:
    answered_keys = []
    statuses = plan.advice_mix or advice_statuses(plan.advice, rng)
    for n, status in enumerate(statuses, start=1):
        key = f"a{n}"
        chosen = list(signal_texts)[:3]
        question, body = text.advice_request([signal_texts[k] for k in chosen])
        asker = ctx.team[0]
        draft = AdviceRequest(
            **_base(ctx, key, rng) | {"recorded_by": asker},
            asked_by=asker,
            asker_role="mentor",
            signal_keys=chosen,
            question=question,
            original_text=body,
            request_text=body,
            status="draft",
            **_adviser(ctx, rng, n - 1 if plan.advice_mix else None),
        )
        versions = [draft]
        if status in ("sent", "answered"):
            sent = _copy(draft)
            sent.status, sent.asked_on = "sent", _day(ctx, rng, within=200)
            sent.correction_note = "Verstuurd."
            versions.append(sent)
        if status == "answered":
            versions.append(_answered(versions[-1], ctx, text, rng))
            answered_keys.append(key)
        _versions(ctx, versions)
    return answered_keys


def conversations(ctx, plan: CasePlan, text: TextMaker, rng) -> str:
    consent = "not_asked"
    for n in range(1, plan.conversations + 1):
        with_guardians = bool(ctx.guardians) and rng.random() < 0.5
        consent = rng.choice(("given", "refused", "not_asked"))
        _versions(
            ctx,
            [
                Conversation(
                    **_base(ctx, f"c{n}", rng),
                    held_on=_day(ctx, rng, within=150),
                    held_by=[ctx.team[0].pk],
                    participants=["youth", "guardians"] if with_guardians else ["youth"],
                    guardian_ids=[ctx.guardians[0].pk] if with_guardians else [],
                    purpose_explained=True,
                    signals_and_concerns_described=True,
                    reaction_asked=True,
                    next_steps_after_reaction=rng.random() < 0.9,
                    reaction=text.reaction(),
                    youth_consents_to_parent_contact=True if with_guardians else None,
                    youth_consents_to_sharing=consent,
                )
            ],
        )
    return consent


def risks(ctx, plan: CasePlan, text: TextMaker, rng, signal_keys, advice_keys) -> list[str]:
    keys = []
    for n in range(1, plan.risks + 1):
        key = f"r{n}"
        keys.append(key)
        _versions(
            ctx,
            [
                Risk(
                    **_base(ctx, key, rng),
                    at_risk=rng.choice(("youth", "family", "surroundings", "professional")),
                    description=text.risk(),
                    severity="serious" if n == 1 else rng.choice(("limited", "considerable")),
                    timing=rng.choice(("short_term", "later")),
                    based_on=rng.sample(signal_keys, min(len(signal_keys), 2)),
                    advice_key=advice_keys[0] if advice_keys else "",
                )
            ],
        )
    return keys


def decision(ctx, plan: CasePlan, text: TextMaker, rng, consent: str, risk_keys) -> None:
    if not plan.decision:
        return
    share = plan.share if plan.decision == 3 else rng.random() < 0.5
    draft = SharingDecision(
        **_base(ctx, "b1", rng) | {"recorded_by": ctx.team[0]},
        share=share,
        consent=consent,
        serious_concrete_risks=risk_keys[:1] if share else [],
        only_way=share and consent != "given",
        only_way_reason=text.only_way() if share and consent != "given" else "",
        reasoning=text.reasoning(share),
        status="draft",
    )
    versions = [draft]
    if plan.decision >= 2:
        submitted = _copy(draft)
        submitted.status, submitted.submitted_by = "submitted", ctx.team[0]
        submitted.submitted_at, submitted.correction_note = ctx.now, "Ingediend bij de beslisser."
        versions.append(submitted)
        ctx.case.decision_maker_involved_at = ctx.now
    if plan.decision == 3:
        signed = _copy(versions[-1])
        signed.status, signed.decided_by = "signed_off", ctx.org.decision_maker
        signed.recorded_by = ctx.org.decision_maker
        signed.decided_role = ctx.org.organisation.decision_maker_role
        signed.decided_on = ctx.today
        signed.correction_note = "Afgetekend door de beslisser."
        versions.append(signed)
    _versions(ctx, versions)


def disclosure(ctx, plan: CasePlan, text: TextMaker, rng, consent: str, items) -> None:
    if not plan.disclosure or not items:
        return
    contact = ctx.org.contacts[0]
    sender = ctx.team[0]
    task_professional, task_recipient = text.tasks()
    risk = next((k for k in items if k.startswith("r")), "")
    chosen = [
        {"key": k, "purpose": "nodig om het risico te verkleinen", "risk": risk} for k in items
    ]
    ctx.add(
        Disclosure(
            case=ctx.case,
            key="x1",
            contact=contact,
            recipient_kind=contact.kind,
            recipient_name=contact.name,
            recipient_department=contact.department,
            items=chosen,
            identity=[],
            document=_document(ctx, contact, sender, chosen),
            purpose="; ".join(f"{i['key']}: {i['purpose']}" for i in chosen),
            steps_taken=text.steps_taken(),
            task_professional=task_professional,
            task_recipient=task_recipient,
            feedback_possible=True,
            feedback_due_on=ctx.today + timedelta(days=14),
            ground="consent" if consent == "given" else "serious_risk_only_way",
            decision_key="b1",
            shared_on=ctx.today,
            shared_by=sender,
        )
    )


def _document(ctx: CaseContext, contact, sender, chosen: list[dict]) -> dict:
    """The snapshot of what went out, in the shape ``disclosures.document.snapshot`` makes."""
    texts = {e.key: getattr(e, "text", "") or getattr(e, "description", "") for e in _current(ctx)}
    return {
        "sender": {
            "organisation": ctx.org.organisation.name,
            "professional": sender.get_full_name(),
            "role": "mentor",
        },
        "recipient": {"kind": contact.get_kind_display(), "name": contact.name, "department": ""},
        "items": [
            {
                "key": i["key"],
                "label": "Veiligheidsrisico" if i["key"].startswith("r") else "Signaal",
                "text": texts.get(i["key"], ""),
                "opinion": False,
                "purpose": i["purpose"],
                "risk": i["risk"],
            }
            for i in chosen
        ],
        "identity": [],
        "decision": {"key": "b1", "decided_on": ctx.today.isoformat(), "role": ""},
        "made_at": ctx.now.isoformat(),
    }


def _current(ctx: CaseContext):
    for model in (Signal, Risk):
        for entry in ctx.rows.get(model, []):
            if entry.is_current:
                yield entry
