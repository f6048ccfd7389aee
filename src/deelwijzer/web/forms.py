from uuid import UUID

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import CORRECTION_NOTE_MISSING
from deelwijzer.organisations.models import DecisionMakerRole, Organisation, Role, Sector
from deelwijzer.organisations.services import SETTINGS_FIELDS
from deelwijzer.procedure.limits import NAME_MAX, PSEUDONYM_MAX, RELATION_MAX, ROLE_MAX
from deelwijzer.ui.forms import DateInput, VisibleTexts, long_text, needed


def identifier_lines(raw: str) -> list[str]:
    """The identifiers typed one a line, without empty lines."""
    return [line.strip() for line in raw.splitlines() if line.strip()]


class CaseOpenForm(VisibleTexts):
    pseudonym = forms.CharField(
        label=_("Pseudoniem (mag leeg blijven)"),
        max_length=PSEUDONYM_MAX,
        required=False,
        help_text=_(
            "Dit ziet een adviseur buiten het team in plaats van de naam. Laat het leeg: dan "
            "kiest Deelwijzer een willekeurig pseudoniem. Kies je zelf een, dan mag er niets in "
            "staan waaraan je de jongere herkent."
        ),
    )
    name = needed(
        forms.CharField(label=_("Naam van de jongere"), max_length=NAME_MAX, required=False)
    )
    birth_date = needed(
        forms.DateField(
            label=_("Geboortedatum"),
            required=False,
            widget=DateInput(),
            error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
        )
    )
    identifiers = long_text(
        _("Andere gegevens waaraan je de jongere herkent"),
        rows=3,
        help=_(
            "Eén per regel: adres, school, klas, sportclub, account op sociale media. "
            "Deelwijzer haalt ze weg uit adviesvragen."
        ),
    )
    role_on_team = needed(
        forms.CharField(label=_("Jouw rol bij deze jongere"), max_length=ROLE_MAX, required=False)
    )
    # Each label says which parent: the error summary lists the labels without their fieldset.
    guardian1_name = forms.CharField(
        label=_("Naam van ouder 1"), max_length=NAME_MAX, required=False
    )
    guardian1_relation = forms.CharField(
        label=_("Relatie van ouder 1"), max_length=RELATION_MAX, required=False
    )
    guardian1_authority = forms.BooleanField(label=_("Ouder 1 heeft gezag"), required=False)
    guardian2_name = forms.CharField(
        label=_("Naam van ouder 2"), max_length=NAME_MAX, required=False
    )
    guardian2_relation = forms.CharField(
        label=_("Relatie van ouder 2"), max_length=RELATION_MAX, required=False
    )
    guardian2_authority = forms.BooleanField(label=_("Ouder 2 heeft gezag"), required=False)

    def identifier_list(self) -> list[str]:
        return identifier_lines(self.cleaned_data.get("identifiers") or "")


class TeamAddForm(VisibleTexts):
    user = forms.TypedChoiceField(label=_("Collega"), coerce=UUID, choices=())
    role_on_team = forms.CharField(label=_("Rol bij deze jongere"), max_length=100)

    def __init__(self, *args, colleagues=(), **kwargs):
        """``colleagues``: (user public id, name) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = list(colleagues)


class CloseForm(VisibleTexts):
    reason = long_text(
        _("Waarom sluit je de casus?"), rows=3, missing=_("Schrijf op waarom je de casus sluit.")
    )
    confirm = forms.BooleanField(
        label=_(
            "Ik weet dat een gesloten casus alleen nog te lezen is: niemand kan iets toevoegen "
            "of wijzigen tot iemand van het team hem heropent."
        ),
        error_messages={"required": _("Vink aan dat je de casus echt wilt sluiten.")},
    )


class ReopenForm(VisibleTexts):
    reason = long_text(
        _("Waarom heropen je de casus?"),
        rows=3,
        missing=_("Schrijf op waarom je de casus heropent."),
    )


class TeamRemoveForm(VisibleTexts):
    user = forms.UUIDField(widget=forms.HiddenInput)  # the user's public id
    reason = forms.CharField(
        label=_("Waarom gaat deze collega uit het team?"),
        max_length=2000,
        error_messages={"required": _("Schrijf op waarom deze collega uit het team gaat.")},
    )


class HandOverForm(VisibleTexts):
    user = forms.TypedChoiceField(
        label=_("Aan welke collega draag je de casus over?"),
        coerce=UUID,
        choices=(),
        error_messages={"required": _("Kies de collega die de casus overneemt.")},
    )
    role_on_team = forms.CharField(
        label=_("Rol van die collega bij deze jongere"),
        max_length=100,
        error_messages={"required": _("Vul de rol van de collega bij deze jongere in.")},
    )
    reason = long_text(
        _("Waarom draag je de casus over?"),
        rows=3,
        missing=_("Schrijf op waarom je de casus overdraagt."),
    )

    def __init__(self, *args, colleagues=(), **kwargs):
        """``colleagues``: (user public id, name) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("Kies een collega")), *colleagues]


def _parent_labels(n: int | None) -> tuple[str, str, str]:
    """The labels of parent ``n`` (as the fieldsets count them; None: the one being added).
    Each says which parent: the error summary lists the labels without their fieldset."""
    if n is None:
        return (
            gettext("Naam van de nieuwe ouder"),
            gettext("Relatie van de nieuwe ouder"),
            gettext("De nieuwe ouder heeft gezag"),
        )
    return (
        gettext("Naam van ouder %(n)s") % {"n": n},
        gettext("Relatie van ouder %(n)s") % {"n": n},
        gettext("Ouder %(n)s heeft gezag") % {"n": n},
    )


class IdentityForm(VisibleTexts):
    """The youth's and the parents' data, to correct: one group of fields per known parent
    (``g<id>_…``) and one for a parent not known before (``new_…``)."""

    name = forms.CharField(label=_("Naam van de jongere"), max_length=200, required=False)
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )
    identifiers = CaseOpenForm.base_fields["identifiers"]
    correction_note = long_text(
        _("Wat corrigeer je, en waarom?"), rows=3, missing=CORRECTION_NOTE_MISSING
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, guardians=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.guardian_prefixes = [f"g{g.pk}" for g in guardians] + ["new"]
        for n, prefix in enumerate(self.guardian_prefixes, start=1):
            name, relation, authority = _parent_labels(None if prefix == "new" else n)
            self.fields[f"{prefix}_name"] = forms.CharField(
                label=name, max_length=200, required=False
            )
            self.fields[f"{prefix}_relation"] = forms.CharField(
                label=relation, max_length=60, required=False
            )
            self.fields[f"{prefix}_authority"] = forms.BooleanField(label=authority, required=False)
        self.fields["correction_note"] = self.fields.pop("correction_note")  # last, as shown

    def guardian_groups(self) -> list[list]:
        """The bound fields per parent, for the template."""
        return [
            [self[f"{p}_name"], self[f"{p}_relation"], self[f"{p}_authority"]]
            for p in self.guardian_prefixes
        ]

    def identifier_list(self) -> list[str]:
        return identifier_lines(self.cleaned_data.get("identifiers") or "")


class InviteForm(VisibleTexts):
    email = forms.EmailField(label=_("E-mailadres"))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    job_title = forms.CharField(label=_("Functie"), max_length=100, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = list(SETTINGS_FIELDS)  # what organisation_update may change, declared there
        labels = {
            "decision_maker_role": _("Wie beslist over extern delen (stap 5, R5.3)"),
            "has_attention_officer": _("Er is een aandachtsfunctionaris radicalisering (R2.3)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # an organisation always has these: no empty "---------" to pick in the lists
        for name, field in self.fields.items():
            if isinstance(field, forms.TypedChoiceField):
                field.choices = [(value, label) for value, label in field.choices if value != ""]
            elif isinstance(field, forms.IntegerField):
                _one_range(field, Organisation._meta.get_field(name).validators)


def _one_range(field: forms.IntegerField, limits) -> None:
    """The model's limits on the form field, with one message naming both: -5 was refused
    with "minstens 0" and 0 with "minstens 1" (the walk)."""
    low = next(v.limit_value for v in limits if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in limits if isinstance(v, MaxValueValidator))
    said = _("Vul een heel getal van %(low)s tot en met %(high)s in.") % {"low": low, "high": high}
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
    ]
    field.validators += [MinValueValidator(low), MaxValueValidator(high)]
    field.widget.attrs.update(min=low, max=high)
    field.error_messages.update(min_value=said, max_value=said, invalid=said)


__all__ = ["DecisionMakerRole", "Sector"]


ALL_AT_ONCE = "alle"  # the leave form's field: one colleague for every case


class LeaveForm(forms.Form):
    """Disabling a user who leaves (#21): who takes over each of their cases, or one colleague
    for all. A case where others stay on the team may keep just them."""

    def __init__(self, *args, cases, successors, **kwargs):
        super().__init__(*args, **kwargs)
        people = [(str(pid), name) for pid, name in successors]
        self.fields[ALL_AT_ONCE] = forms.TypedChoiceField(
            coerce=UUID,
            empty_value=None,
            label=_("Eén collega neemt alle casussen over"),
            choices=[("", _("— liever per casus kiezen —"))] + people,
            required=False,
        )
        self.case_fields = []
        for case in cases:
            name = f"case_{case.public_id.hex}"
            empty = _("— kies een collega —")
            if not case.needs_colleague:
                empty = _("niemand: het team blijft")
            self.fields[name] = forms.TypedChoiceField(
                coerce=UUID,
                empty_value=None,
                label=_("Casus %(p)s (%(s)s)") % {"p": case.pseudonym, "s": case.status},
                choices=[("", empty)] + people,
                required=False,
                help_text=_("Verder niemand in het team: kies wie hem overneemt.")
                if case.needs_colleague
                else ngettext(
                    "Er blijft %(n)s ander in het team.",
                    "Er blijven %(n)s anderen in het team.",
                    case.others,
                )
                % {"n": case.others},
            )
            self.case_fields.append((case, name))

    def case_bound_fields(self) -> list:
        return [self[name] for _case, name in self.case_fields]

    def chosen(self) -> dict:
        """Case key -> the chosen colleague's public id (or None): per case, else all."""
        everyone = self.cleaned_data.get(ALL_AT_ONCE) or None
        return {
            case.pk: (self.cleaned_data.get(name) or everyone) for case, name in self.case_fields
        }
