"""Every audited action has a Dutch label for the people who read the trail (the inzage export
and the audit pages); the codes stay as they are in the database."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import deelwijzer
from deelwijzer.audit.labels import ACTION_LABELS, action_label
from deelwijzer.organisations.models import Role
from deelwijzer.organisations.roles import role_label

SOURCE = Path(deelwijzer.__file__).parent
_LITERAL = re.compile(r'"([a-z_]+\.[a-z_]+)"')
_NOT_ACTIONS = {"txt", "pdf", "json", "html", "pickle", "py", "md", "tsv", "csv"}
# Actions built at run time: cases.entries.entry_read (model name + ".view") and the
# statements of step 3 (conversations.services.STATEMENT_ACTIONS + ".record"/".correct").
DYNAMIC = [
    *(f"{model}.view" for model in ("signal", "opinion", "diagnosis", "risk", "conversation")),
    *(
        f"{name}.{verb}"
        for name in ("conversation_skipped", "guardians_not_involved", "guardians_without_consent")
        for verb in ("record", "correct")
    ),
]


def _actions_in_source() -> set[str]:
    """The "entity.verb" literals of every module that writes or reads audit events."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        if {"migrations", "procedure"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if not re.search(r"audit_record|audit_org_admin|_audit\(|AuditEvent|\brecord\(", text):
            continue
        for literal in _LITERAL.findall(text):
            if literal.startswith("deelwijzer.") or literal.rsplit(".", 1)[1] in _NOT_ACTIONS:
                continue
            found.add(literal)
    return found


def test_every_audited_action_has_a_dutch_label():
    actions = _actions_in_source() | set(DYNAMIC)
    assert {"case.view", "auth.login", "disclosure.share"} <= actions  # the scan finds them
    missing = sorted(a for a in actions if a not in ACTION_LABELS)
    assert missing == [], f"add a Dutch label to deelwijzer/audit/labels.py for: {missing}"


def test_an_unknown_code_is_shown_as_it_is():
    assert action_label("case.view") == "Casus ingezien"
    assert action_label("something.new") == "something.new"
    assert role_label(Role.DECISION_MAKER) == "Beslisser (interne procedure)"
    assert role_label("team") == "Teamlid (direct betrokken collega)"
    assert role_label("") == "" and role_label("robot") == "robot"


def test_the_audit_pages_show_the_dutch_label_beside_the_code(personas, client_for):
    """NEN 7513 (the log is readable for whoever checks it): label and code side by side."""
    client_for(personas.professional).get(
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    url = reverse("audit_case", kwargs={"case_id": personas.case.public_id})
    page = client_for(personas.auditor).get(url).content.decode()
    assert 'Casus ingezien <code class="audit-code">case.view</code>' in page
    assert "<td>Teamlid (direct betrokken collega)</td>" in page
    # the object in the same words as the trail: the case by its pseudonym, not "case 1"
    assert f">casus {personas.case.pseudonym}</a>" in page
    assert f">case {personas.case.pk}<" not in page
