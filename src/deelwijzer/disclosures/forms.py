from __future__ import annotations

import re
from typing import cast
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deelwijzer.disclosures.contacts import NO_EMAIL, NO_KIND, NO_NAME
from deelwijzer.disclosures.deliveries import WITHDRAWAL_REASON_MISSING
from deelwijzer.disclosures.items import Shareable, format_marks, read_marks
from deelwijzer.disclosures.models import ContactKind
from deelwijzer.disclosures.services import (
    FEEDBACK_DATE_MISSING,
    FEEDBACK_DATE_OUTSIDE,
    FEEDBACK_TEXT_MISSING,
    DisclosureInput,
    ItemInput,
    item_places,
)
from deelwijzer.ui.forms import DateInput, VisibleTexts, group, long_text, pick_many, pick_one

DATE_ERRORS = {"invalid": _("Vul een geldige datum in (dag-maand-jaar).")}
YES_NO = (("yes", _("Ja")), ("no", _("Nee")))


def contact_label(c) -> str:
    department = f", {c.department}" if c.department else ""
    return f"{ContactKind(c.kind).label}: {c.name}{department}"


class DisclosureForm(VisibleTexts):
    # Refusing an empty or unknown recipient is the service's job (R6.6), with its message;
    # empty_value=None so that "" never reaches a database lookup as an id.
    contact = forms.TypedChoiceField(
        label=_("Ontvanger"),
        coerce=UUID,  # the contact's public id (#17.15); to_input gives the service its key
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Stap 6 (R6.6): kies de ontvanger uit de lijst met contacten.")
        },
    )
    # the fieldset of the entries and files to choose from (item_rows, file_rows)
    items = group(
        _("Wat deel je, en waarom? (R6.3)"),
        help=_(
            "Vink alleen aan wat de ontvanger nodig heeft. Schrijf bij elk onderdeel waarvoor "
            "het nodig is, of kies het risico dat het helpt verkleinen. Meningen gaan mee als "
            "mening (R6.1)."
        ),
    )
    identity = pick_many(_("Gegevens van de jongere die meegaan (alleen wat je aanvinkt)"))
    steps_taken = long_text(
        _("Stappen die je al zette (R6.2)"),
        rows=6,
        help=_("Deelwijzer vulde dit in vanuit het dossier. Pas het aan waar nodig."),
    )
    task_professional = long_text(_("Wat jij doet (R6.4)"), rows=2)
    task_recipient = long_text(_("Wat de ontvanger doet (R6.4)"), rows=2)
    feedback_possible = pick_one(_("Kan de ontvanger aan jou terugkoppelen? (R6.5)"), YES_NO)
    feedback_due_on = forms.DateField(
        label=_("Terugkoppeling uiterlijk op"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )
    found_identity = pick_one(
        _("Wat doe je met de herkenbare gegevens die Deelwijzer in je tekst vond?"),
        (
            ("declare", _("Ze gaan bewust mee: leg ze vast als gedeelde identiteit")),
            (
                "replace",
                _("Vervang ze in wat er uitgaat door bijvoorbeeld [JONGERE] of [PLAATS-1]"),
            ),
        ),
        error_messages={"invalid_choice": _("Kies een van de twee mogelijkheden.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik heb nagelezen wat er uitgaat, en deel dit nu met deze ontvanger."),
        required=False,
    )

    images_checked = forms.BooleanField(
        label=_(
            "Ik heb de afbeeldingen die ik deel bekeken: er staat niets op dat iemand herkenbaar "
            "maakt, of alleen wat bewust meegaat."
        ),
        required=False,
    )

    def __init__(
        self, *args, items: list[Shareable], risks, identity, contacts, files=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.shareable = items
        self.identity_options = list(identity)
        self.shareable_files = list(files)
        self.has_contacts = bool(contacts)
        self.contact_keys = {c.public_id: c.pk for c in contacts}
        cast(forms.ChoiceField, self.fields["contact"]).choices = [
            ("", _("Kies een ontvanger"))
        ] + [(c.public_id, contact_label(c)) for c in contacts]
        cast(forms.ChoiceField, self.fields["identity"]).choices = [
            (code, f"{lab}: {val}") for code, lab, val in identity
        ]
        risk_choices = [("", _("Geen risico gekozen"))] + list(risks)
        for item in [*items, *self.shareable_files]:
            self.fields[f"item_{item.key}"] = forms.BooleanField(
                label=_("Deel %(label)s %(key)s") % {"label": item.label, "key": item.key},
                required=False,
            )
            self.fields[f"purpose_{item.key}"] = forms.CharField(
                label=_("Waarvoor is %(key)s nodig?") % {"key": item.key},
                required=False,
                max_length=500,
            )
            self.fields[f"risk_{item.key}"] = forms.ChoiceField(
                label=_("Welk risico helpt %(key)s verkleinen?") % {"key": item.key},
                choices=risk_choices,
                required=False,
            )
        # in the order of the page, which the error summary follows
        rows = [name for name in self.fields if name not in self.base_fields]
        self.order_fields(["contact", "items", *rows, "images_checked"])

    def at_rows(self, error: ValidationError, draft: DisclosureInput) -> ValidationError:
        """The service's refusal of ``draft`` (made by ``to_input``), with each error about one
        chosen entry or file (``items.0.purpose``, see ``services.item_places``) at its row: a
        missing purpose at its purpose field, an entry that is gone at its tick box. What is
        about the choice as a whole stands in the fieldset of the rows (``items``)."""
        if not hasattr(error, "error_dict"):
            return error
        places = dict(item_places(draft))
        moved: dict[str, list[ValidationError]] = {}
        for name, errors in error.error_dict.items():
            place, _dot, part = name.rpartition(".")
            if place in places:
                row = f"{'purpose' if part == 'purpose' else 'item'}_{places[place].key}"
                name = row if row in self.fields else "items"
            moved.setdefault(name, []).extend(errors)
        return ValidationError(moved)

    def read_marks(self) -> str:
        """What this page shows of each text to choose from, to send back with Delen
        (``items.read_marks``)."""
        return format_marks(read_marks(self.shareable, self.identity_options))

    def item_rows(self) -> list[tuple]:
        return [
            (item, self[f"item_{item.key}"], self[f"purpose_{item.key}"], self[f"risk_{item.key}"])
            for item in self.shareable
        ]

    def file_rows(self) -> list[tuple]:
        return [
            (f, self[f"item_{f.key}"], self[f"purpose_{f.key}"], self[f"risk_{f.key}"])
            for f in self.shareable_files
        ]

    @property
    def has_images(self) -> bool:
        return any(f.is_image for f in self.shareable_files)

    def _chosen(self, items) -> list[ItemInput]:
        data = self.cleaned_data
        return [
            ItemInput(
                key=item.key,
                purpose=data.get(f"purpose_{item.key}") or "",
                risk=data.get(f"risk_{item.key}") or "",
            )
            for item in items
            if data.get(f"item_{item.key}")
        ]

    def to_input(self) -> DisclosureInput:
        data = self.cleaned_data
        possible = {"yes": True, "no": False}.get(data.get("feedback_possible") or "")
        return DisclosureInput(
            contact_id=self.contact_keys.get(data.get("contact")),
            items=self._chosen(self.shareable),
            files=self._chosen(self.shareable_files),
            images_checked=bool(data.get("images_checked")),
            identity=list(data.get("identity") or []),
            steps_taken=data.get("steps_taken") or "",
            task_professional=data.get("task_professional") or "",
            task_recipient=data.get("task_recipient") or "",
            feedback_possible=possible,
            feedback_due_on=data.get("feedback_due_on"),
            found_identity=data.get("found_identity") or "",
        )


# A date the browser's date picker sends (it takes years up to 275760) that Python's dates
# cannot hold: well-formed, only far outside the range a feedback date may have.
FAR_DATE = re.compile(r"\d{5,6}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


class FeedbackDateField(forms.DateField):
    """A feedback date: unreadable gets "fill in a valid date"; a well-formed date after the
    year 9999 gets the range message the service gives for any date after today."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            if isinstance(value, str) and FAR_DATE.fullmatch(value.strip()):
                raise ValidationError(FEEDBACK_DATE_OUTSIDE, code="out_of_range") from None
            raise


class FeedbackForm(VisibleTexts):
    """Both answers required (marked so); the service says the same to the API."""

    received_on = FeedbackDateField(
        label=_("Ontvangen op"),
        widget=DateInput(),
        error_messages={"required": FEEDBACK_DATE_MISSING, **DATE_ERRORS},
    )
    text = long_text(_("Wat koppelde de ontvanger terug?"), rows=3, missing=FEEDBACK_TEXT_MISSING)


class WithdrawLinkForm(VisibleTexts):
    """The reason for withdrawing a delivery's link; the service asks the same of the API."""

    reason = long_text(
        _("Waarom trek je de link in?"),
        rows=3,
        missing=WITHDRAWAL_REASON_MISSING,
        help=_(
            "Bijvoorbeeld: naar een verkeerd e-mailadres gestuurd, of de ontvanger heeft het "
            "niet meer nodig. De reden komt in het dossier, niet bij de ontvanger."
        ),
    )


class ContactForm(VisibleTexts):
    """A contact, with the service's words for what it refuses (disclosures.contacts)."""

    kind = forms.ChoiceField(
        label=_("Soort instantie"),
        choices=[("", _("Kies de soort instantie"))] + ContactKind.choices,
        error_messages={"required": NO_KIND, "invalid_choice": NO_KIND},
    )
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages={"required": NO_NAME})
    department = forms.CharField(label=_("Afdeling of functie"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"), required=False, error_messages={"invalid": NO_EMAIL}
    )
