from __future__ import annotations

from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.advice.answers import AnswerInput
from deelwijzer.advice.models import AdviserKind, ExternalOrganisation, MayIndicate, Outcome, Timing
from deelwijzer.advice.services import ComposeInput
from deelwijzer.cases.entries import CORRECTION_NOTE_MISSING
from deelwijzer.inputs import input_from
from deelwijzer.ui.forms import DateInput, VisibleTexts, long_text, needed, pick_many, pick_one


class ComposeForm(VisibleTexts):
    signal_keys = pick_many(_("Welke signalen leg je voor?"))
    question = needed(
        long_text(
            _("Je vraag aan de adviseur"),
            help=_(
                "Bijvoorbeeld: kunnen deze signalen op radicalisering wijzen, en wat raad je aan?"
            ),
        )
    )
    adviser_kind = pick_one(_("Aan wie vraag je advies?"), AdviserKind.choices)
    adviser_member = forms.TypedChoiceField(
        label=_("Collega uit het team"), coerce=UUID, required=False, empty_value=None
    )
    external_organisation = forms.ChoiceField(
        label=_("Organisatie van de externe adviseur"),
        choices=[("", "—"), *ExternalOrganisation.choices],
        required=False,
    )
    external_name = forms.CharField(
        label=_("Naam of functie van de externe adviseur"), max_length=200, required=False
    )

    def __init__(self, *args, signals=(), colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signal_keys"].choices = [(s.key, signal_label(s)) for s in signals]
        self.member_keys = {m.user.public_id: m.user_id for m in colleagues}
        self.fields["adviser_member"].choices = [("", "—")] + [
            (m.user.public_id, f"{m.user.display_name()} ({m.role_on_team})") for m in colleagues
        ]

    def compose_input(self) -> ComposeInput:
        data = self.cleaned_data
        return ComposeInput(
            question=data["question"],
            adviser_kind=data["adviser_kind"],
            signal_keys=list(data["signal_keys"]),
            adviser_member_id=self.member_keys.get(data["adviser_member"]),
            external_organisation=data["external_organisation"],
            external_name=data["external_name"],
        )


def signal_label(signal) -> str:
    kind = _("contrasignaal") if signal.kind == "contra_signal" else _("signaal")
    text = signal.text if len(signal.text) <= 120 else signal.text[:117] + "…"
    return f"{signal.key} ({kind}): {text}"


class SendForm(VisibleTexts):
    request_text = long_text(
        _("De tekst die je verstuurt"),
        rows=10,
        help=_("Je kunt de tekst hier aanpassen voordat je hem verstuurt."),
    )
    version = forms.IntegerField(label=_("versie"), widget=forms.HiddenInput)


class AnswerForm(VisibleTexts):
    may_indicate_radicalisation = pick_one(
        _("Kunnen de signalen op radicalisering duiden?"), MayIndicate.choices
    )
    severity = long_text(_("Hoe ernstig zijn de signalen?"), rows=3)
    safety_risks = long_text(_("Welke veiligheidsrisico's zijn er?"), rows=3)
    timing = pick_one(_("Spelen die risico's op korte termijn of later?"), Timing.choices)
    follow_up_steps = long_text(_("Welke vervolgstappen zijn nodig?"), rows=3)
    follow_up_by = long_text(_("Wie kan die stappen zetten?"), rows=3)
    conversation_possible = pick_one(
        _("Kan iemand met de jongere en/of de ouders praten?"), [("yes", _("Ja")), ("no", _("Nee"))]
    )
    conversation_by = long_text(_("Wie kan dat gesprek voeren?"), rows=3)
    conversation_risks = long_text(
        _(
            "Welke veiligheidsrisico's kan het gesprek zelf geven "
            "(bijvoorbeeld impulsief geweld, uit beeld raken)?"
        ),
        rows=3,
    )
    outcome = pick_one(_("Besluit (kies er precies één)"), Outcome.choices)
    review_date = forms.DateField(
        label=_("Bij extra aandacht: opnieuw bekijken op"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )
    version = forms.IntegerField(label=_("versie"), widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if hasattr(self.data, "getlist") and len(self.data.getlist("outcome")) > 1:
            self.add_error(
                "outcome",
                _(
                    "Stap 2 (R2.5): je koos meer dan één besluit. Een advies eindigt in precies "
                    "één besluit."
                ),
            )
        return data

    def answer_input(self) -> AnswerInput:
        data = self.cleaned_data
        possible = {"yes": True, "no": False}.get(data.get("conversation_possible", ""))
        return input_from(AnswerInput, data, conversation_possible=possible)


class RecordAnswerForm(AnswerForm):
    """The answer of an adviser, recorded by the professional; ``correcting``: an answer is
    already recorded, so the note saying what changes is required (and asked)."""

    correction_note = long_text(
        _("Wat verander je en waarom?"),
        rows=3,
        help=_("De vorige versie van het antwoord blijft bewaard."),
        missing=CORRECTION_NOTE_MISSING,
    )

    def __init__(self, *args, correcting: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["correction_note"]


def answer_initial(request) -> dict:
    """The form's starting values from a request's recorded answer."""
    possible = {True: "yes", False: "no"}.get(request.conversation_possible, "")
    return {
        "may_indicate_radicalisation": request.may_indicate_radicalisation,
        "severity": request.severity,
        "safety_risks": request.safety_risks,
        "timing": request.timing,
        "follow_up_steps": request.follow_up_steps,
        "follow_up_by": request.follow_up_by,
        "conversation_possible": possible,
        "conversation_by": request.conversation_by,
        "conversation_risks": request.conversation_risks,
        "outcome": request.outcome,
        "review_date": request.review_date,
        "version": request.version,
    }
