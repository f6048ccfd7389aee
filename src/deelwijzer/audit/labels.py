"""Dutch labels for the action codes in the audit trail, for people who read it: the
subject-access export (inzage) and the audit pages (the roles' labels: organisations.roles).
The codes themselves stay English and stable in the database; an unknown code is shown as it
is, never dropped."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # the case and its dossier
    "case.open": _("Casus aangemaakt"),
    "case.import": _("Casus geïmporteerd"),
    "case.view": _("Casus ingezien"),
    "case.list": _("Casus in een lijst getoond (API)"),
    "access.denied": _("Toegang geweigerd"),
    "audit.view": _("Audittrail bekeken"),
    "audit.view_case": _("Audittrail van de casus bekeken"),
    "case.view_identity": _("Identiteit van de jongere ingezien"),
    "case.team_add": _("Teamlid toegevoegd"),
    "case.close": _("Casus gesloten"),
    "case.reopen": _("Casus heropend"),
    "case.identity_correct": _("Gegevens van jongere of ouders gecorrigeerd"),
    "case.team_remove": _("Teamlid uit het team gehaald"),
    "case.handover": _("Casus overgedragen aan een collega"),
    "case.purge": _("Casus vernietigd (bewaartermijn verstreken)"),
    "case.involve_decision_maker": _("Beslisser betrokken"),
    "case.subject_access_export": _("Inzage-overzicht gemaakt"),
    "dossier.view": _("Dossier ingezien"),
    "dossier.download_pdf": _("Dossier als PDF gedownload"),
    "dossier.export_casefile": _("Casusbestand geëxporteerd"),
    "crypto.decrypt_failed": _("Versleutelde gegevens niet leesbaar"),
    "crypto.key_add": _("Sleutel voor versleuteling toegevoegd"),
    "crypto.rotate_key": _("Gegevens opnieuw versleuteld met een nieuwe sleutel"),
    "audit.key_add": _("Nieuwe sleutel voor de audittrail in gebruik genomen"),
    "audit.rechain": _("Audittrail eenmalig opnieuw geketend met een geheime sleutel"),
    # step 1
    "signal.add": _("Signaal vastgelegd"),
    "signal.correct": _("Signaal gecorrigeerd"),
    "signal.view": _("Signaal ingezien"),
    "opinion.add": _("Mening of veronderstelling vastgelegd"),
    "opinion.correct": _("Mening of veronderstelling gecorrigeerd"),
    "opinion.view": _("Mening of veronderstelling ingezien"),
    "opinion.status": _("Status van een mening gewijzigd"),
    "opinion.follow_up": _("Vervolgaantekening vastgelegd"),
    "diagnosis.add": _("Diagnose vastgelegd"),
    "diagnosis.correct": _("Diagnose gecorrigeerd"),
    "diagnosis.view": _("Diagnose ingezien"),
    "no_contra_signals.state": _("Verklaard dat er geen contrasignalen bekend zijn"),
    "no_contra_signals.withdraw": _("Verklaring 'geen contrasignalen' ingetrokken"),
    # step 2
    "advice.compose": _("Adviesvraag opgesteld"),
    "advice.send": _("Adviesvraag verstuurd"),
    "advice.answer_record": _("Advies vastgelegd"),
    "advice.answer_correct": _("Advies gecorrigeerd"),
    "advice.inbox_list": _("Adviesvragen in de inbox bekeken"),
    "advice.inbox_read": _("Adviesvraag gelezen door de aandachtsfunctionaris"),
    "advice.inbox_answer": _("Adviesvraag beantwoord door de aandachtsfunctionaris"),
    # step 3
    "conversation.record": _("Gesprek vastgelegd"),
    "conversation.correct": _("Gesprek gecorrigeerd"),
    "conversation.view": _("Gesprek ingezien"),
    "conversation_skipped.record": _("Besluit om geen gesprek te voeren vastgelegd"),
    "conversation_skipped.correct": _("Besluit om geen gesprek te voeren gecorrigeerd"),
    "guardians_not_involved.record": _("Reden om de ouders niet te betrekken vastgelegd"),
    "guardians_not_involved.correct": _("Reden om de ouders niet te betrekken gecorrigeerd"),
    "guardians_without_consent.record": _("Ouders zonder toestemming betrokken: reden vastgelegd"),
    "guardians_without_consent.correct": _(
        "Ouders zonder toestemming betrokken: reden gecorrigeerd"
    ),
    # step 4
    "risk.add": _("Risico vastgelegd"),
    "risk.reassess": _("Risico opnieuw beoordeeld"),
    "risk.view": _("Risico ingezien"),
    # step 5
    "decision.save_draft": _("Concept van het besluit opgeslagen"),
    "decision.submit": _("Besluit voorgelegd aan de beslisser"),
    "decision.check": _("Besluit getoetst"),
    "decision.sign_off": _("Besluit genomen en ondertekend"),
    "decision.return": _("Besluit teruggestuurd"),
    "decision.queue_view": _("Lijst van voorgelegde besluiten bekeken"),
    # step 6
    "disclosure.share": _("Informatie verstrekt"),
    "disclosure.feedback": _("Terugkoppeling vastgelegd"),
    "disclosure.download_pdf": _("Verstrekkingsdocument gedownload"),
    "disclosure.register_view": _("Verstrekkingenregister bekeken"),
    # sign-in
    "auth.login": _("Ingelogd"),
    "auth.login_failed": _("Inloggen mislukt"),
    "auth.otp_failed": _("Verkeerde code bij tweestapsverificatie"),
    "auth.address_locked": _("Inloggen geweigerd: te veel mislukte pogingen vanaf dit adres"),
    "auth.enrol": _("Tweestapsverificatie ingesteld"),
    "auth.recovery_codes_renew": _("Nieuwe herstelcodes gemaakt"),
    "auth.logout": _("Uitgelogd"),
    "notifications.setting_change": _("Meldingen per e-mail aan- of uitgezet"),
    # the organisation (functional administrator)
    "organisation.create": _("Organisatie aangemaakt"),
    "organisation.update": _("Instellingen van de organisatie gewijzigd"),
    "user.invite": _("Gebruiker uitgenodigd"),
    "user.roles": _("Rollen van een gebruiker gewijzigd"),
    "role_grant.request": _("Rolwijziging aangevraagd (wacht op een tweede beheerder)"),
    "role_grant.approve": _("Rolwijziging goedgekeurd door een tweede beheerder"),
    "role_grant.reject": _("Rolwijziging afgewezen door een tweede beheerder"),
    "role_grant.operator": _("Rol toegekend door de beheerder van de installatie"),
    "user.activate": _("Gebruiker geactiveerd"),
    "user.deactivate": _("Gebruiker uitgeschakeld"),
    "invitation.send": _("Uitnodiging gemaild"),
    "invitation.resend": _("Uitnodiging opnieuw gemaild"),
    "invitation.revoke": _("Uitnodiging ingetrokken"),
    "invitation.accept": _("Uitnodiging gebruikt"),
    "auth.password_set": _("Nieuw wachtwoord gekozen via een link"),
    "auth.second_factor_reset": _("Tweede stap opnieuw ingesteld door de beheerder van de server"),
    "sso.configure": _("Inloggen via de organisatie ingesteld"),
    "sso.link": _("Account gekoppeld aan de provider van de organisatie"),
    "sso.unlink": _("Koppeling met de provider losgemaakt"),
    "sso.refused": _("Inloggen via de provider geweigerd"),
    "contact.add": _("Externe contactpersoon toegevoegd"),
    "contact.update": _("Externe contactpersoon gewijzigd"),
    "contact.set_active": _("Externe contactpersoon (de)geactiveerd"),
    "signal_list.add": _("Signaal aan de signaleringslijst toegevoegd"),
    "signal_list.set_active": _("Signaal op de signaleringslijst (de)geactiveerd"),
    "api_token.create": _("API-sleutel aangemaakt"),
    "api_token.revoke": _("API-sleutel ingetrokken"),
    "demo.load": _("Demo-organisatie geladen"),
    "seed.load": _("Voorbeeldgegevens geladen"),
}

# Actions that only read or check: they leave the case as it was. Every other action counts as a
# change and makes a kept evaluation of its case (or organisation) stale (audit.services), so an
# action missing here costs a rebuild, never a stale page.
READ_ACTIONS = frozenset(
    {
        "case.view",
        "case.list",
        "access.denied",
        "audit.view",
        "audit.view_case",
        "case.view_identity",
        "case.subject_access_export",
        "dossier.view",
        "dossier.download_pdf",
        "dossier.export_casefile",
        "crypto.decrypt_failed",
        "signal.view",
        "opinion.view",
        "diagnosis.view",
        "advice.inbox_list",
        "advice.inbox_read",
        "risk.view",
        "conversation.view",
        "decision.check",
        "decision.queue_view",
        "disclosure.download_pdf",
        "disclosure.register_view",
        "auth.login",
        "auth.login_failed",
        "auth.otp_failed",
        "auth.address_locked",
        "auth.logout",
    }
)


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code
