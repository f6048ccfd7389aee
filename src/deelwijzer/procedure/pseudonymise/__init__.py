"""The pseudonymiser for advice requests (Stap 2, R2.1); see :mod:`.core`."""

from deelwijzer.procedure.pseudonymise.core import PseudonymiseResult, Replacement, pseudonymise

__all__ = ["PseudonymiseResult", "Replacement", "pseudonymise"]
