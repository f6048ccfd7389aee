"""Forms of step 3. They only collect input; the services (and through them the engine)
decide what may be recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import CORRECTION_NOTE_MISSING, Correction
from deelwijzer.conversations.models import (
    Conversation,
    ExceptionGround,
    Participant,
    SharingConsent,
)
from deelwijzer.conversations.services import (
    NOT_INVOLVED_REASON_MISSING,
    SKIP_ADVICE_MISSING,
    SKIP_REASON_MISSING,
    WITHOUT_CONSENT_REASON_MISSING,
    ConversationInput,
    statement_model,
    withdrawal_reason_missing,
)
from deelwijzer.ids import public_ids_for
from deelwijzer.procedure.conversation_checks import AgeRule
from deelwijzer.ui.forms import (
    DateInput,
    DeclaredForm,
    VisibleTexts,
    long_text,
    pick_many,
    pick_one,
)

PARENT_CONSENT = (
    ("yes", _("Ja, de jongere geeft toestemming")),
    ("no", _("Nee, de jongere geeft geen toestemming")),
    ("not_asked", _("Niet gevraagd")),
)
PARENT_CONSENT_VALUES = {"yes": True, "no": False, "not_asked": None}
CHECKLIST = (
    "purpose_explained",
    "signals_and_concerns_described",
    "reaction_asked",
    "next_steps_after_reaction",
)


class CorrectionMixin:
    """Adds the note and the version the user was looking at, when correcting."""

    # What the form it is mixed into has.
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    data: Any
    is_bound: bool
    if TYPE_CHECKING:  # declared only: the form's own method must not be shadowed

        def add_prefix(self, field_name: str) -> str: ...

    def add_correction_fields(self, version: int | None) -> None:
        """The note is required, and asked with the other fields; except in a post from a
        page that showed no statement yet (no version): someone recorded one meanwhile, and
        the service says so instead (``changed_meanwhile``)."""
        if version is None:
            return
        note = long_text(_("Wat corrigeer je en waarom?"), rows=2, missing=CORRECTION_NOTE_MISSING)
        note.required = not self.is_bound or bool(
            self.data.get(self.add_prefix("expected_version"))
        )
        self.fields["correction_note"] = note
        self.fields["expected_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=version, required=False
        )

    def correction(self) -> Correction | None:
        if self.cleaned_data.get("expected_version") is None:
            return None
        return Correction(
            note=self.cleaned_data.get("correction_note") or "",
            expected_version=self.cleaned_data["expected_version"],
        )


class ConversationForm(CorrectionMixin, DeclaredForm):
    """Questions: ``Conversation.CONTENT``; ``safety_reason`` is not the conversation's own
    field (it records the R3.3 statement beside it)."""

    entry_model = Conversation
    rule: AgeRule | None = None  # the age rule of the date entered, for the correction page
    held_on = forms.DateField(
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum van het gesprek in."),
            "invalid": _("Vul een geldige datum in (dag-maand-jaar)."),
        },
    )
    participants = pick_many(choices=Participant.choices)
    guardian_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    held_by = forms.TypedMultipleChoiceField(
        coerce=UUID,  # users' public ids (#17.15); conversation_input gives the service keys
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purpose_explained = forms.BooleanField(required=False)
    signals_and_concerns_described = forms.BooleanField(required=False)
    reaction_asked = forms.BooleanField(required=False)
    next_steps_after_reaction = forms.BooleanField(required=False)
    reaction = long_text()
    youth_consents_to_parent_contact = forms.ChoiceField(
        choices=PARENT_CONSENT,
        widget=forms.RadioSelect,
        initial="not_asked",
        required=False,
    )
    youth_consents_to_sharing = forms.ChoiceField(
        choices=SharingConsent.choices,
        widget=forms.RadioSelect,
        initial=SharingConsent.NOT_ASKED,
        required=False,
    )
    safety_reason = long_text(
        _("Reden voor de veiligheid (R3.3)"),
        rows=3,
        help=_(
            "Alleen nodig als je met de ouders van een jongere van 16 of ouder sprak zonder "
            "diens toestemming: waarom was dat nodig voor de veiligheid van de jongere of "
            "van anderen?"
        ),
    )

    def __init__(self, *args, case, team, guardians, override=None, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_keys = {m.user.public_id: m.user_id for m in team}
        self.fields["held_by"].choices = [
            (m.user.public_id, f"{m.user.display_name()} ({m.role_on_team})") for m in team
        ]
        self.fields["guardian_ids"].choices = [(g.pk, _guardian_label(g)) for g in guardians]
        self.fields["held_on"].widget.attrs.update(
            {
                "hx-get": reverse("step3", kwargs={"case_id": case.public_id}),
                "hx-trigger": "change",
                # the region's content, not the region: a live region put in anew is not
                # read out, so the new rule went unannounced (the keyboard walk)
                "hx-target": "#leeftijdsregel",
                "hx-select": "#leeftijdsregel > *",
                "hx-swap": "innerHTML",
            }
        )
        if override is not None:
            del self.fields["safety_reason"]
        self.add_correction_fields(version)

    def conversation_input(self) -> ConversationInput:
        """The input as far as the form could read it (a field it refused is left empty)."""
        data = self.cleaned_data
        return ConversationInput(
            held_on=data.get("held_on"),
            participants=list(data.get("participants") or []),
            held_by=[self.team_keys[public] for public in data.get("held_by") or []],
            guardian_ids=list(data.get("guardian_ids") or []),
            reaction=data.get("reaction") or "",
            youth_consents_to_parent_contact=PARENT_CONSENT_VALUES[
                data.get("youth_consents_to_parent_contact") or "not_asked"
            ],
            youth_consents_to_sharing=data.get("youth_consents_to_sharing")
            or SharingConsent.NOT_ASKED,
            **{name: bool(data.get(name)) for name in CHECKLIST},
        )

    def checklist(self):
        return [self[name] for name in CHECKLIST]


def initial_from(conversation) -> dict:
    """The form's starting values for correcting ``conversation``."""
    consent = {True: "yes", False: "no", None: "not_asked"}
    return {
        "held_on": conversation.held_on,
        "participants": conversation.participants,
        "guardian_ids": conversation.guardian_ids,
        "held_by": public_ids_for(get_user_model(), conversation.held_by),
        "reaction": conversation.reaction,
        "youth_consents_to_parent_contact": consent[conversation.youth_consents_to_parent_contact],
        "youth_consents_to_sharing": conversation.youth_consents_to_sharing,
        **{name: getattr(conversation, name) for name in CHECKLIST},
    }


def _guardian_label(guardian) -> str:
    authority = _("met gezag") if guardian.has_authority else _("zonder gezag")
    return f"{guardian.name} ({guardian.relation}, {authority})"


def _advice_field(choices, label, *, missing=None) -> forms.CharField:
    """The advice of step 2 a statement rests on; with ``missing`` it is required and that is
    what the form says when none is chosen."""
    options = [("", _("Kies een advies uit stap 2")), *choices]
    return forms.CharField(
        label=label,
        required=missing is not None,
        error_messages={"required": missing} if missing is not None else None,
        widget=forms.Select(choices=options),
    )


# The texts a statement's service requires are required fields too, so the page marks them
# "(verplicht)"; left empty, the form says what the service says (services.*_MISSING), and
# the service still checks for the API and for white space only.
class SkipForm(CorrectionMixin, VisibleTexts):
    reason = long_text(
        _("Waarom is het gesprek te riskant? (R3.4)"),
        rows=3,
        help=_("Voor wie (jou, de jongere, gezinsleden) en welk risico: geweld, uit beeld raken."),
        missing=SKIP_REASON_MISSING,
    )

    def __init__(self, *args, advice, version=None, **kwargs):
        kwargs.setdefault("prefix", "skip")
        super().__init__(*args, **kwargs)
        self.fields["advice_key"] = _advice_field(
            advice, _("Het advies dat het gesprek te riskant vindt"), missing=SKIP_ADVICE_MISSING
        )
        self.add_correction_fields(version)


class NotInvolvedForm(CorrectionMixin, VisibleTexts):
    ground = pick_one(_("Grond"), ExceptionGround.choices)
    reason = long_text(_("Reden"), rows=3, missing=NOT_INVOLVED_REASON_MISSING)

    def __init__(self, *args, advice, version=None, **kwargs):
        kwargs.setdefault("prefix", "gn")
        super().__init__(*args, **kwargs)
        self.fields["advice_key"] = _advice_field(
            advice, _("Het advies waarop dit rust (nodig bij de grond 'onveilig volgens advies')")
        )
        self.add_correction_fields(version)


class WithoutConsentForm(CorrectionMixin, VisibleTexts):
    reason = long_text(
        _("Waarom was het gesprek met de ouders nodig voor de veiligheid? (R3.3)"),
        rows=3,
        missing=WITHOUT_CONSENT_REASON_MISSING,
    )

    def __init__(self, *args, version=None, **kwargs):
        kwargs.setdefault("prefix", "gw")
        super().__init__(*args, **kwargs)
        self.add_correction_fields(version)


class WithdrawStatementForm(VisibleTexts):
    """Withdraw a case-level statement that no longer holds, with the reason (which the
    service also requires, for the API)."""

    reason = long_text(
        _("Waarom klopt deze verklaring niet meer?"),
        rows=2,
        help=_(
            "Bijvoorbeeld: er is toch een gesprek met beide ouders gevoerd. De verklaring blijft "
            "zichtbaar in het dossier, als ingetrokken."
        ),
    )

    def __init__(self, *args, key: str, **kwargs):
        kwargs.setdefault("prefix", f"intrekken-{key}")
        super().__init__(*args, **kwargs)
        model = statement_model(key)
        if model is not None:
            reason = self.fields["reason"]
            reason.required = True
            reason.error_messages["required"] = withdrawal_reason_missing(model)
