"""The permission table for the core URLs (login, dashboard, cases, org admin, audit)."""

from tests.permissions import NO_ROW, case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "login": table(302, anonymous=200),
    "logout": table(405, anonymous=405),
    # Signed in with both factors already: each two-factor page sends you on.
    "two_factor": table(302),
    "two_factor_enrol": table(302),
    "recovery_codes_renew": table(200),
    "password_set": table(410, anonymous=410),  # no such link: "werkt niet meer"
    "password_change": table(200),  # a form; who signs in through the organisation: a note
    # how long the session has left, as JSON (static/deelwijzer/session.js); anonymous: 401
    "session_status": table(200, anonymous=401),
    "signed_in_again": table(200),
    "password_forgot": table(200, anonymous=200),
    "password_forgot_sent": table(200, anonymous=200),
    "invitation_accept": table(410, anonymous=410),  # no such invitation: "werkt niet meer"
    "dashboard": table(200),
    "healthz": table(200, anonymous=200),
    "readyz": table(200, anonymous=200),
    "case_new": table(403, professional=200, colleague=200, stranger=200),
    "case_detail": table(404, professional=200),
    "case_team_add": table(404, professional=200),
    "case_close": table(405),
    "case_reopen": table(405),
    "case_identity": table(404, professional=200),
    "case_team_remove": table(405),
    "case_hand_over": table(405),
    "admin_users": table(403, org_admin=200),
    "admin_user_invite": table(403, org_admin=200),
    "admin_user_edit": table(403, org_admin=200),
    "admin_user_active": table(403, org_admin=200),  # the question "uitschakelen?" (#16.11)
    "admin_role_grant_decide": table(405),
    "admin_invitation_resend": table(405),
    "admin_invitation_revoke": table(405),
    "admin_settings": table(403, org_admin=200),
    "audit_log": table(403, auditor=200),
    "audit_case": table(403, auditor=200),
}

# POST status for the views that only take POST (with a harmless body).
POST_TABLE: dict[str, dict[str, int]] = {
    "session_status": table(200, anonymous=401),  # keeps the session going
    # an empty form: refused (422, ui/refusals.py), the page again with what is missing
    "case_team_add": table(404, professional=422),
    # an empty form: refused, the case page (or team page) again with what is missing
    "case_close": table(404, professional=422),
    "case_reopen": table(404, professional=302),  # open: nothing to reopen, back to the case
    "case_identity": table(404, professional=422),
    "case_team_remove": table(404, professional=422),
    "case_hand_over": table(404, professional=422),
    "admin_user_active": table(403, org_admin=302),  # activating needs no confirmation
    "admin_role_grant_decide": table(403, org_admin=302),  # no such grant: a message
    "admin_invitation_resend": table(403, org_admin=302),  # no invitation: a message (#21)
    "admin_invitation_revoke": table(403, org_admin=302),
}


def url_kwargs(name: str, personas) -> dict:
    return {
        "case_detail": case_kwargs(personas),
        "case_team_add": case_kwargs(personas),
        "case_close": case_kwargs(personas),
        "case_reopen": case_kwargs(personas),
        "case_identity": case_kwargs(personas),
        "case_team_remove": case_kwargs(personas),
        "case_hand_over": case_kwargs(personas),
        "admin_user_edit": {"user_id": personas.colleague.public_id},
        "admin_user_active": {"user_id": personas.colleague.public_id},
        "admin_role_grant_decide": {"grant_id": NO_ROW},
        "admin_invitation_resend": {"user_id": personas.colleague.public_id},
        "admin_invitation_revoke": {"user_id": personas.colleague.public_id},
        "invitation_accept": {"secret": "no-such-invitation"},
        "audit_case": case_kwargs(personas),
        "password_set": {"uidb64": "MQ", "token": "set-password"},
    }.get(name, {})
