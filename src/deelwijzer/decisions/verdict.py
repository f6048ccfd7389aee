"""Would sharing be lawful now? The engine answers, on the would-be case file: the case as it
is, with the decision being prepared in place of the signed-off one (R5.1, R5.2, R5.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import ConsentHow
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import ConsentStatement, Context

# What the check and the save say when the engine cannot judge the would-be case file although
# the input passed every check of the form and the service (decision_input_errors): then what
# is wrong lies elsewhere in the case. Never "reload the page": that would throw the form away
# and change nothing.
NOT_JUDGED = _(
    "Deelwijzer kon dit besluit niet aan de regels toetsen. Kijk of de datums kloppen, ook in "
    "de andere stappen; lukt het dan nog niet, meld het dan bij je functioneel beheerder."
)


@dataclass(frozen=True)
class DecisionInput:
    share: bool | None
    consent: str
    serious_concrete_risks: list[str] = field(default_factory=list)
    only_way: bool = False
    only_way_reason: str = ""
    reasoning: str = ""
    # the record of a statement on consent that differs from step 3 (R5.1); see models
    consent_on: date | None = None
    consent_how: str = ""
    consent_note: str = ""
    consent_recorded_by: str | None = None  # the recorder's name (None: not known yet)

    @property
    def has_consent_record(self) -> bool:
        return self.consent_on is not None and bool(self.consent_how)


@dataclass(frozen=True)
class Verdict:
    valid: bool  # False when the would-be case file was refused (bad references)
    incomplete: bool = False  # not valid because the form does not say yet what consent is
    allowed: bool = False
    ground: str | None = None
    findings: list[Finding] = field(default_factory=list)  # the engine's step 5 findings
    consent: ConsentStatement | None = None  # the statement on consent the verdict rests on

    @property
    def consent_how_label(self) -> str:
        """How the recorded statement on consent was made, in the form's words."""
        record = self.consent.record if self.consent else None
        return str(dict(ConsentHow.choices).get(record.how, "")) if record else ""

    @property
    def not_judged(self) -> str:
        return str(NOT_JUDGED)

    def messages(self, rule: str) -> list[str]:
        return [f.message for f in self.findings if f.rule == rule]

    @property
    def overstated(self) -> list[Finding]:
        """R5.2's warning: lawful, but the decision names a risk as serious and concrete that
        step 4 does not describe so; submitting and signing it off are refused."""
        return [f for f in self.findings if f.rule == "R5.2" and f.kind == "warning"]

    @property
    def overstated_risks(self) -> str:
        return ", ".join(ref for f in self.overstated for ref in f.refs)


def decision_dict(
    data: DecisionInput, *, share: bool, decided_on: date, decided_by: dict | None
) -> dict:
    """The case file's ``decision`` object for the given values."""
    out = {
        "decided_on": decided_on.isoformat(),
        "decided_by": decided_by,
        "share": share,
        "consent": data.consent,
        "serious_concrete_risks": list(data.serious_concrete_risks),
        "only_way": data.only_way,
        "only_way_reason": data.only_way_reason.strip() or None,
    }
    if data.has_consent_record:
        assert data.consent_on is not None
        out["consent_record"] = {
            "recorded_on": data.consent_on.isoformat(),
            "how": data.consent_how,
            "note": data.consent_note.strip() or None,
            "recorded_by": data.consent_recorded_by,
        }
    return out


def would_be(
    case: Case,
    data: DecisionInput,
    *,
    decided_by: dict | None = None,
    casefile: dict | None = None,
) -> Verdict:
    """The engine's verdict if this were the decision, taken today by ``decided_by`` (by
    default the role the organisation's procedure names). Judged as a decision to share, so
    that the conditions still missing are always named. ``casefile``: the case as it is (a
    page passes the kept one, interchange.casefile.case_casefile; changed here)."""
    casefile = casefile if casefile is not None else build_casefile(case)
    by = decided_by or {"name": None, "role": case.organisation.decision_maker_role}
    casefile["decision"] = decision_dict(
        data, share=True, decided_on=timezone.localdate(), decided_by=by
    )
    try:
        loaded = load_casefile(casefile)
    except CaseFileError:
        return Verdict(valid=False, incomplete=not data.consent)
    evaluation = evaluate(loaded)
    return Verdict(
        valid=True,
        allowed=evaluation.sharing.allowed,
        ground=evaluation.sharing.ground,
        findings=[f for f in evaluation.findings if f.step == 5],
        consent=Context(loaded, timezone.localdate()).consent_statement,
    )
