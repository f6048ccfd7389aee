"""A plain summary of the steps already taken (R6.2), made from the case file.

It pre-fills the disclosure form; the professional edits it before sharing. It names what was
done and when, not the content of the entries.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext

from deelwijzer.dates import nl_date

ADVISERS = {
    "team_member": N_("een collega uit het team"),
    "attention_officer": N_("de aandachtsfunctionaris radicalisering"),
    "external": N_("een externe adviseur"),
}
OUTCOMES = {
    "no_follow_up": N_("geen vervolgstappen"),
    "extra_attention": N_("extra aandacht voor nieuwe of andere signalen"),
    "conversation": N_("een gesprek met de jongere om naar passende hulp te leiden"),
    "more_advice": N_("meer advies vragen"),
}
PARTICIPANTS = {"youth": N_("de jongere"), "guardians": N_("de ouders met gezag")}


def _signals(data: dict) -> list[str]:
    signals = [s for s in data.get("signals") or [] if s.get("kind") == "signal"]
    contra = [s for s in data.get("signals") or [] if s.get("kind") == "contra_signal"]
    if not signals:
        return []
    line = ngettext("%(n)s signaal vastgelegd", "%(n)s signalen vastgelegd", len(signals)) % {
        "n": len(signals)
    }
    if contra:
        line += " " + ngettext("en %(c)s contrasignaal", "en %(c)s contrasignalen", len(contra)) % {
            "c": len(contra)
        }
    return [line + "."]


def _advice(data: dict) -> list[str]:
    lines = []
    for a in data.get("advice") or []:
        adviser = _(ADVISERS.get((a.get("adviser") or {}).get("kind", ""), "een adviseur"))
        outcome = a.get("outcome")
        line = _("Advies gevraagd op %(date)s aan %(who)s") % {
            "date": nl_date(a.get("asked_on")),
            "who": adviser,
        }
        if outcome:
            line += "; " + _("uitkomst: %(o)s") % {"o": _(OUTCOMES.get(outcome, outcome))}
        else:
            line += "; " + _("nog geen antwoord")
        lines.append(line + ".")
    return lines


def _conversations(data: dict) -> list[str]:
    lines = []
    for c in data.get("conversations") or []:
        who = " en ".join(_(PARTICIPANTS.get(p, p)) for p in c.get("participants") or [])
        lines.append(
            _("Gesprek gevoerd op %(date)s met %(who)s.")
            % {"date": nl_date(c.get("held_on")), "who": who or "?"}
        )
    if data.get("conversation_skipped"):
        lines.append(_("Het gesprek is op advies overgeslagen vanwege de veiligheid."))
    return lines


def _risks(data: dict) -> list[str]:
    risks = data.get("risks") or []
    if not risks:
        return []
    serious = sum(1 for r in risks if r.get("severity") == "serious")
    line = ngettext(
        "%(n)s veiligheidsrisico getaxeerd", "%(n)s veiligheidsrisico's getaxeerd", len(risks)
    ) % {"n": len(risks)}
    return [line + ", " + _("waarvan %(s)s ernstig.") % {"s": serious}]


def _role_label(code: str) -> str:
    """The decision maker's role in words ("teamleider"), not its code ("team_leader")."""
    from deelwijzer.organisations.models import DecisionMakerRole

    if code in DecisionMakerRole.values:
        return str(DecisionMakerRole(code).label).lower()
    return _("beslisser")


def _decision(data: dict) -> list[str]:
    decision = data.get("decision")
    if not decision:
        return []
    verdict = _("te delen") if decision.get("share") else _("niet te delen")
    role = _role_label((decision.get("decided_by") or {}).get("role") or "")
    return [
        _("Besloten %(verdict)s op %(date)s, door de %(role)s.")
        % {"verdict": verdict, "date": nl_date(decision.get("decided_on")), "role": role}
    ]


def steps_taken_summary(data: dict) -> str:
    """One line per step taken, oldest step first."""
    lines: list[str] = []
    for part in (_signals, _advice, _conversations, _risks, _decision):
        lines += part(data)
    return "\n".join(lines)
