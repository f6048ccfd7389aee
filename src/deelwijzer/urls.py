from django.urls import include, path

from deelwijzer.accounts.middleware import SESSION_STATUS_PATH
from deelwijzer.accounts.views import (
    SignInView,
    password_change,
    session_status,
    signed_in_again,
)
from deelwijzer.api.api import api
from deelwijzer.sso import views as sso_views
from deelwijzer.sso.views import SignOutView
from deelwijzer.transfers import urls as transfer_urls
from deelwijzer.web.views import account, audit, cases, health, identity, orgadmin, team

urlpatterns = [
    path("inloggen/", SignInView.as_view(), name="login"),
    path("inloggen/code/", include("deelwijzer.accounts.urls")),
    path("inloggen/sso/", include("deelwijzer.sso.urls")),
    path("uitloggen/", SignOutView.as_view(), name="logout"),
    path("wachtwoord/<uidb64>/<token>/", account.PasswordSetView.as_view(), name="password_set"),
    path("wachtwoord-wijzigen/", password_change, name="password_change"),
    path(SESSION_STATUS_PATH.lstrip("/"), session_status, name="session_status"),
    path("sessie/weer-ingelogd/", signed_in_again, name="signed_in_again"),
    path("wachtwoord-vergeten/", account.PasswordForgotView.as_view(), name="password_forgot"),
    path(
        "wachtwoord-vergeten/verstuurd/", account.password_forgot_sent, name="password_forgot_sent"
    ),
    path("uitnodiging/<str:secret>/", account.invitation_accept, name="invitation_accept"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", cases.dashboard, name="dashboard"),
    path("casussen/nieuw/", cases.case_new, name="case_new"),
    path("casussen/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path("casussen/<uuid:case_id>/team/", team.case_team_add, name="case_team_add"),
    path("casussen/<uuid:case_id>/sluiten/", cases.case_close, name="case_close"),
    path("casussen/<uuid:case_id>/heropenen/", cases.case_reopen, name="case_reopen"),
    path("casussen/<uuid:case_id>/gegevens/", identity.case_identity, name="case_identity"),
    path("casussen/<uuid:case_id>/team/uit/", team.case_team_remove, name="case_team_remove"),
    path("casussen/<uuid:case_id>/overdragen/", team.case_hand_over, name="case_hand_over"),
    path("beheer/gebruikers/", orgadmin.users, name="admin_users"),
    path("beheer/gebruikers/nieuw/", orgadmin.user_invite, name="admin_user_invite"),
    path("beheer/gebruikers/<uuid:user_id>/", orgadmin.user_edit, name="admin_user_edit"),
    path(
        "beheer/gebruikers/<uuid:user_id>/actief/", orgadmin.user_active, name="admin_user_active"
    ),
    path(
        "beheer/gebruikers/<uuid:user_id>/uitnodiging/opnieuw/",
        orgadmin.invitation_resend,
        name="admin_invitation_resend",
    ),
    path(
        "beheer/gebruikers/<uuid:user_id>/uitnodiging/intrekken/",
        orgadmin.invitation_revoke,
        name="admin_invitation_revoke",
    ),
    path(
        "beheer/rolwijzigingen/<uuid:grant_id>/",
        orgadmin.role_grant_decide,
        name="admin_role_grant_decide",
    ),
    path("beheer/instellingen/", orgadmin.organisation_settings, name="admin_settings"),
    path("beheer/inloggen/", sso_views.provider_settings, name="sso_settings"),
    path(
        "beheer/gebruikers/<uuid:user_id>/koppeling/",
        sso_views.provider_link_release,
        name="sso_link_release",
    ),
    path("beheer/signalenlijst/", include("deelwijzer.signalling.admin_urls")),
    path("casussen/<uuid:case_id>/stap-1/", include("deelwijzer.signalling.urls")),
    path("casussen/<uuid:case_id>/stap-2/", include("deelwijzer.advice.urls")),
    path("casussen/<uuid:case_id>/stap-3/", include("deelwijzer.conversations.urls")),
    path("casussen/<uuid:case_id>/stap-4/", include("deelwijzer.risks.urls")),
    path("casussen/<uuid:case_id>/stap-5/", include("deelwijzer.decisions.urls")),
    path("casussen/<uuid:case_id>/stap-6/", include("deelwijzer.disclosures.urls")),
    path("casussen/<uuid:case_id>/dossier/", include("deelwijzer.documents.urls")),
    path("casussen/<uuid:case_id>/bijlagen/", include("deelwijzer.attachments.urls")),
    path("besluiten/", include("deelwijzer.decisions.queue_urls")),
    path("beheer/contacten/", include("deelwijzer.disclosures.admin_urls")),
    path("casussen/<uuid:case_id>/overdracht/", include(transfer_urls.case_urls)),
    path("overdrachten/", include("deelwijzer.transfers.urls")),
    path("ontvangen/", include("deelwijzer.disclosures.recipient_urls")),
    path("adviesvragen/", include("deelwijzer.advice.inbox_urls")),
    path("", include("deelwijzer.insight.urls")),
    path("audit/casussen/<uuid:case_id>/", audit.audit_case, name="audit_case"),
    path("api-sleutels/", include("deelwijzer.api.urls")),
    path("instellingen/meldingen/", include("deelwijzer.notifications.urls")),
    path("api/v1/", api.urls),
]

handler404 = "deelwijzer.web.views.errors.not_found"
