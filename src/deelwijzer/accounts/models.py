from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from deelwijzer.accounts import recovery
from deelwijzer.ids import public_id_field


# The reverse relation from RecoveryCodeDevice: its base, django-otp's Device, has no types.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    """A person who signs in. What they may do comes from their memberships."""

    public_id = public_id_field()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's recovery codes as one django-otp device. The codes themselves are never
    stored: only a salted hash of each (ASVS 5.0 V6.5.2); a used code is deleted (V6.5.1)."""

    class Meta:
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        match = next((c for c in self.codes.all() if c.matches(str(token))), None)
        # Deleting the row is what spends the code: of two concurrent uses only one deletes it.
        if match is None or RecoveryCode.objects.filter(pk=match.pk).delete()[0] != 1:
            self.throttle_increment()
            return False
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(_("hash van de code"), max_length=128)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return f"herstelcode {self.pk} van {self.device}"

    def matches(self, code: str) -> bool:
        return recovery.code_matches(code, self.code_hash)
