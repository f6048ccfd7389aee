"""The rules for a new password, in our own words (settings.AUTH_PASSWORD_VALIDATORS).

Django's checks stay; only what the user reads is ours. Its Dutch catalogue says "u", and it
no longer matches the wording of the length rule in Django 5.2, so that message came out in
English. Deelwijzer has no catalogue of its own (docs/i18n.md): the Dutch is written here."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(n)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(n)d tekens, bijvoorbeeld een paar "
            "woorden achter elkaar.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Je wachtwoord heeft minstens %(n)d teken.",
            "Je wachtwoord heeft minstens %(n)d tekens.",
            self.min_length,
        ) % {"n": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # %(verbose_name)s: Django fills in the field's name (gebruikersnaam, e-mailadres …).
        return _(
            "Dit wachtwoord lijkt te veel op je %(verbose_name)s. Kies een wachtwoord dat "
            "niets over jou zegt."
        )

    def get_help_text(self) -> str:
        return _("Je wachtwoord lijkt niet op je naam, gebruikersnaam of e-mailadres.")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _(
            "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden. Kies een ander, "
            "bijvoorbeeld een paar woorden achter elkaar."
        )

    def get_help_text(self) -> str:
        return _("Je wachtwoord is geen veelgebruikt wachtwoord.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook letters.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord bestaat niet alleen uit cijfers.")


class DistinctCharactersValidator:
    """Refuses a password of only a few different characters, however long ("aaaa…",
    "abababab…"): the length rule alone let 5,000 times the letter a through."""

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                _(
                    "Dit wachtwoord heeft te weinig verschillende tekens. Gebruik er minstens "
                    "%(n)d, bijvoorbeeld een paar woorden achter elkaar."
                ),
                code="password_too_few_distinct",
                params={"n": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return _("Je wachtwoord heeft minstens %(n)d verschillende tekens.") % {
            "n": self.min_distinct
        }
