from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.organisations.models import DecisionMakerRole, Organisation, Role, Sector
from deelwijzer.procedure.limits import NAME_MAX, PSEUDONYM_MAX, RELATION_MAX, ROLE_MAX, TEXT_MAX


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CaseOpenForm(forms.Form):
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
    name = forms.CharField(label=_("Naam van de jongere"), max_length=NAME_MAX, required=False)
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )
    identifiers = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Andere gegevens waaraan je de jongere herkent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eén per regel: adres, school, klas, sportclub, account op sociale media. "
            "Deelwijzer haalt ze weg uit adviesvragen."
        ),
    )
    role_on_team = forms.CharField(
        label=_("Jouw rol bij deze jongere"), max_length=ROLE_MAX, required=False
    )
    guardian1_name = forms.CharField(label=_("Naam"), max_length=NAME_MAX, required=False)
    guardian1_relation = forms.CharField(
        label=_("Relatie"), max_length=RELATION_MAX, required=False
    )
    guardian1_authority = forms.BooleanField(label=_("Heeft gezag"), required=False)
    guardian2_name = forms.CharField(label=_("Naam"), max_length=NAME_MAX, required=False)
    guardian2_relation = forms.CharField(
        label=_("Relatie"), max_length=RELATION_MAX, required=False
    )
    guardian2_authority = forms.BooleanField(label=_("Heeft gezag"), required=False)

    def identifier_list(self) -> list[str]:
        raw = self.cleaned_data.get("identifiers") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class TeamAddForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Collega"), coerce=int, choices=())
    role_on_team = forms.CharField(label=_("Rol bij deze jongere"), max_length=100)

    def __init__(self, *args, colleagues=(), **kwargs):
        """``colleagues``: (user id, name) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = list(colleagues)


class CloseForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Waarom sluit je de casus?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
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
        fields = [
            "name",
            "sector",
            "decision_maker_role",
            "has_attention_officer",
            "retention_months",
        ]
        labels = {
            "decision_maker_role": _("Wie beslist over extern delen (stap 5, R5.3)"),
            "has_attention_officer": _("Er is een aandachtsfunctionaris radicalisering (R2.3)"),
        }


__all__ = ["DecisionMakerRole", "Sector"]
