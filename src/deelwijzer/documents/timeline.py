"""The dossier: one chronological timeline of everything recorded in a case, with who and when.

Every version of every entry is an event (a correction shows as a new version with its note),
as are follow-up notes, statements and their withdrawal, advice answers, the decision and its
sign-off, disclosures, how they reached the recipient and their feedback, transfers to another
organisation, and the case being opened and closed. One query per kind of record, whatever the
number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.cases.models import Case, TeamMember
from deelwijzer.dates import nl_date
from deelwijzer.userref import Withdrawable

STEP_OF_APP = {
    "signalling": 1,
    "advice": 2,
    "conversations": 3,
    "risks": 4,
    "decisions": 5,
    "disclosures": 6,
}
TEXT_FIELDS = ("text", "description", "question", "reasoning", "reason", "reaction")


@dataclass(frozen=True)
class Event:
    at: datetime
    who: str
    step: int | None
    what: str  # "Signaal s1, versie 2", "Casus geopend", …
    text: str = ""
    note: str = ""  # the reason of a correction, the reason of closing, …
    origin: str = ""  # an entry that came in through a transfer: from whom, when (#20)
    details: tuple[tuple[str, str], ...] = ()  # labelled facts of the entry (documents.details)


def _name(user) -> str:
    return user.display_name() if user is not None else _("onbekend")


def versioned_models() -> list[type[VersionedEntry]]:
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, VersionedEntry) and model._meta.app_label in STEP_OF_APP
    ]
    return sorted(found, key=lambda m: (STEP_OF_APP[m._meta.app_label], m.__name__))


def _text_parts(entry, with_text: bool = True) -> list[tuple[str, str]]:
    """The parts of an entry's text in the dossier, each with what it is (to say which of them
    a new version changed)."""
    parts = []
    for name in TEXT_FIELDS if with_text else ():
        value = getattr(entry, name, "")
        if isinstance(value, str) and value.strip():
            parts.append((_("Tekst"), value.strip()))
            break
    if hasattr(entry, "get_status_display"):
        parts.append((_("Status"), _("Status: %(s)s.") % {"s": entry.get_status_display()}))
    if getattr(entry, "outcome", ""):
        parts.append((_("Uitkomst"), _("Uitkomst: %(o)s.") % {"o": entry.get_outcome_display()}))
    if getattr(entry, "return_remark", ""):
        remark = _("Opmerking van de beslisser: %(r)s") % {"r": entry.return_remark}
        parts.append((_("Opmerking van de beslisser"), remark))
    return parts


def _origin(origins: dict, entry) -> str:
    origin = origins.get(entry.key) if entry.version == 1 else None
    if origin is None:
        return ""
    return _("Ingelezen: overgedragen door %(org)s op %(d)s.") % {
        "org": origin.sender,
        "d": nl_date(origin.on),
    }


def _versioned_events(case: Case) -> list[Event]:
    from deelwijzer.documents.details import DETAILS, Detail, entry_title, names_of
    from deelwijzer.transfers.selectors import entry_origins

    origins = entry_origins(case)
    names = names_of(case)
    events = []
    for model in versioned_models():
        step = STEP_OF_APP[model._meta.app_label]
        detail = DETAILS.get(model, Detail(lambda entry, names: []))
        withdrawable = issubclass(model, Withdrawable)
        related = ("recorded_by", "withdrawn_by") if withdrawable else ("recorded_by",)
        rows = model.objects.filter(case=case).select_related(*related, *detail.related)
        earlier: dict[str, Version] = {}  # each key's version before this one
        for entry in rows.order_by("key", "version"):
            version = Version(
                tuple(_text_parts(entry, with_text=not detail.holds_text)),
                tuple(detail.rows(entry, names)),
            )
            what = _("%(label)s %(key)s, versie %(v)s") % {
                "label": entry_title(entry),
                "key": entry.key,
                "v": entry.version,
            }
            if entry.key in earlier:
                what = f"{what} {_replaces(earlier[entry.key], version, entry.version - 1)}"
            earlier[entry.key] = version
            events.append(
                Event(
                    entry.recorded_at,
                    _name(entry.recorded_by),
                    step,
                    what,
                    " ".join(text for _what, text in version.text),
                    entry.correction_note,
                    _origin(origins, entry),
                    version.details,
                )
            )
            if getattr(entry, "withdrawn_at", None):
                events.append(_withdrawal(entry, step, entry_title(entry)))
    return events


@dataclass(frozen=True)
class Version:
    """What the dossier shows of one version of an entry: its text in parts and its labelled
    facts, each as (what it is, what it says)."""

    text: tuple[tuple[str, str], ...]
    details: tuple[tuple[str, str], ...]


def _replaces(before: Version, now: Version, number: int) -> str:
    """Says "(vervangt versie 1; gewijzigd: Tekst, Waargenomen op)": which of the facts the
    dossier shows differ from the version before (the step 5 walk: a correction read as a new
    entry, and what it changed had to be found by comparing two blocks by eye)."""
    was, is_now = dict(before.text + before.details), dict(now.text + now.details)
    changed = [label for label in {**was, **is_now} if was.get(label) != is_now.get(label)]
    if not changed:
        return _("(vervangt versie %(n)s)") % {"n": number}
    return _("(vervangt versie %(n)s; gewijzigd: %(what)s)") % {
        "n": number,
        "what": ", ".join(changed),
    }


def _withdrawal(entry, step: int, label: str) -> Event:
    """A statement withdrawn because it no longer holds (step 3): who, when and why."""
    what = _("%(label)s %(key)s ingetrokken") % {"label": label, "key": entry.key}
    reason = getattr(entry, "withdrawal_reason", "")
    return Event(entry.withdrawn_at, _name(entry.withdrawn_by), step, what, "", reason)


def _step1_notes(case: Case) -> list[Event]:
    from deelwijzer.signalling.models import FollowUp, NoContraSignalsStatement

    events = []
    for n in FollowUp.objects.filter(case=case).select_related("recorded_by"):
        what = _("Vervolgaantekening bij %(key)s van %(d)s") % {
            "key": n.opinion_key,
            "d": nl_date(n.date),
        }
        events.append(Event(n.recorded_at, _name(n.recorded_by), 1, what, n.text))
    statements = NoContraSignalsStatement.objects.filter(case=case).select_related(
        "made_by", "withdrawn_by"
    )
    made = _("Verklaard: geen contrasignalen bekend")
    withdrawn = _("Verklaring 'geen contrasignalen bekend' ingetrokken")
    for st in statements:
        events.append(Event(st.made_at, _name(st.made_by), 1, made))
        if st.withdrawn_at:
            events.append(Event(st.withdrawn_at, _name(st.withdrawn_by), 1, withdrawn))
    return events


def _disclosure_events(case: Case) -> list[Event]:
    from deelwijzer.disclosures.models import Disclosure
    from deelwijzer.documents.details import disclosure_rows

    events = []
    rows = Disclosure.objects.filter(case=case).select_related("shared_by")
    rows = rows.prefetch_related(
        "feedback__recorded_by", "deliveries__sent_by", "deliveries__withdrawn_by"
    )
    for x in rows:
        what = _("Verstrekking %(key)s aan %(to)s") % {
            "key": x.key,
            "to": f"{x.get_recipient_kind_display()}: {x.recipient_name}",
        }
        text = _("Gedeeld: %(items)s. Grond: %(g)s.") % {
            "items": ", ".join(x.item_keys),
            "g": x.get_ground_display(),
        }
        facts = tuple(disclosure_rows(x))
        events.append(Event(x.shared_at, _name(x.shared_by), 6, what, text, details=facts))
        for fb in x.feedback.all():
            what = _("Terugkoppeling op %(key)s, ontvangen %(d)s") % {
                "key": x.key,
                "d": nl_date(fb.received_on),
            }
            who = _("de ontvanger, via de link") if fb.from_recipient else _name(fb.recorded_by)
            events.append(Event(fb.recorded_at, who, 6, what, fb.text))
        for delivery in x.deliveries.all():
            events += _delivery_events(x.key, delivery)
    return events


def _transfer_events(case: Case) -> list[Event]:
    """The case handed over to another organisation (#20.2): external sharing, so the
    dossier holds it as it holds a disclosure: prepared (what went, why, on what ground) and
    the receiver's answer (the walk: the sending side kept no trace of it)."""
    from deelwijzer.transfers.models import Transfer, TransferStatus

    events = []
    rows = Transfer.objects.filter(case=case).select_related(
        "to_organisation", "prepared_by", "decided_by"
    )
    for t in rows:
        what = _("Overdracht aan %(org)s klaargezet") % {"org": t.receiver}
        text = _("Gaat mee: %(items)s; %(who)s. Besluit %(d)s. Waarom: %(why)s") % {
            "items": ", ".join(t.item_keys),
            "who": ", ".join(["pseudoniem", *t.identity_labels()]),
            "d": t.decision_key,
            "why": t.purpose,
        }
        events.append(Event(t.prepared_at, _name(t.prepared_by), 6, what, text))
        if t.decided_at and t.status == TransferStatus.ACCEPTED:
            what = _("Overdracht aan %(org)s aanvaard") % {"org": t.receiver}
            events.append(Event(t.decided_at, t.receiver, 6, what))
        elif t.decided_at and t.status == TransferStatus.DECLINED:
            what = _("Overdracht aan %(org)s afgewezen") % {"org": t.receiver}
            events.append(Event(t.decided_at, t.receiver, 6, what, "", t.decline_reason))
    return events


CODE_WENT = {
    "phone": _l("telefonisch, voorgelezen door de afzender"),
    "email": _l("in een tweede e-mail"),
}


def _delivery_events(key: str, delivery) -> list[Event]:
    """How a disclosure reached its recipient (issue #20.1): the link sent and how the code
    went, opened, receipt confirmed, locked after wrong codes, withdrawn (the recipient walk:
    the dossier said only that it was shared)."""
    recipient = _("de ontvanger, via de link")
    sent = _("Link naar %(key)s verstuurd aan %(email)s") % {"key": key, "email": delivery.email}
    how = _("De code ging %(how)s; de link werkt tot en met %(d)s.") % {
        "how": CODE_WENT.get(delivery.code_channel, delivery.code_channel),
        "d": nl_date(timezone.localdate(delivery.expires_at)),
    }
    events = [Event(delivery.sent_at, _name(delivery.sent_by), 6, sent, how)]
    if delivery.first_opened_at:
        opened = _("Link naar %(key)s geopend (%(n)s keer, het laatst op %(d)s)") % {
            "key": key,
            "n": delivery.opened_count,
            "d": nl_date(timezone.localdate(delivery.last_opened_at)),
        }
        events.append(Event(delivery.first_opened_at, recipient, 6, opened))
    if delivery.confirmed_at:
        confirmed = _("Ontvangst van %(key)s bevestigd") % {"key": key}
        events.append(Event(delivery.confirmed_at, recipient, 6, confirmed))
    if delivery.locked_at:
        locked = _("Link naar %(key)s geblokkeerd na %(n)s foute codes") % {
            "key": key,
            "n": delivery.failed_attempts,
        }
        events.append(Event(delivery.locked_at, "", 6, locked))
    if delivery.withdrawn_at:
        withdrawn = _("Link naar %(key)s ingetrokken") % {"key": key}
        who, why = _name(delivery.withdrawn_by), delivery.withdrawal_reason
        events.append(Event(delivery.withdrawn_at, who, 6, withdrawn, "", why))
    return events


def _case_events(case: Case) -> list[Event]:
    events = [Event(case.opened_at, _name(case.opened_by), None, _("Casus geopend"))]
    for member in TeamMember.everyone.filter(case=case).select_related("user"):
        what = _("%(who)s in het team, als %(role)s") % {
            "who": _name(member.user),
            "role": member.role_on_team,
        }
        events.append(Event(member.added_at, "", None, what))
    for change in case.changes.select_related("changed_by", "about"):
        what = change.get_kind_display()
        if change.about is not None:
            what = f"{what}: {_name(change.about)}"
        who = _name(change.changed_by)
        events.append(Event(change.changed_at, who, None, what, "", change.reason))
    if case.closed_at and not any(e.at == case.closed_at for e in events):  # closed before
        closer = AuditEvent.objects.filter(case_id=case.pk, action="case.close").first()  # 0004
        who = _name(_user(closer.user_id)) if closer and closer.user_id else _("onbekend")
        events.append(Event(case.closed_at, who, None, _("Casus gesloten"), "", case.close_reason))
    for version in case.identity_versions.filter(version__gt=1).select_related("recorded_by"):
        what = _("Gegevens van jongere of ouders gecorrigeerd (versie %(n)s)") % {
            "n": version.version
        }
        who = _name(version.recorded_by)
        events.append(Event(version.recorded_at, who, None, what, "", version.correction_note))
    return events


def _user(user_id: int):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_id).first()


def case_timeline(case: Case) -> list[Event]:
    """Everything, oldest first."""
    events = _case_events(case) + _versioned_events(case) + _step1_notes(case)
    events += _disclosure_events(case) + _transfer_events(case)
    return sorted(events, key=lambda e: e.at)
