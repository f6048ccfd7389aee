"""The share document: a snapshot, taken when sharing, of exactly what goes out, and its PDF.

The snapshot holds only the ticked items (their texts as they went out: with placeholders
where the professional chose to replace identity found in them) and the identity that went
out: the ticked identity fields and what was declared of the identity found in the texts.
The PDF is rendered from the snapshot alone, so it shows what was shared even after later
corrections.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.attachments.models import Attachment
from deelwijzer.attachments.selectors import pictures_inline
from deelwijzer.cases.models import Case
from deelwijzer.disclosures.files import ShareableFile
from deelwijzer.disclosures.items import identity_options, shareable_items
from deelwijzer.disclosures.models import ContactKind, Disclosure, Ground
from deelwijzer.disclosures.outgoing import Outgoing
from deelwijzer.organisations.models import DecisionMakerRole
from deelwijzer.pdf import render_pdf


def _items(draft, data: dict, outgoing: Outgoing) -> list[dict]:
    by_key = {item.key: item for item in shareable_items(data)}
    out = []
    for chosen in draft.items:
        entry = by_key[chosen.key].snapshot()
        entry["text"] = outgoing.text(chosen.key, entry["text"])  # as it goes out
        entry["purpose"] = chosen.purpose.strip()
        entry["risk"] = chosen.risk
        out.append(entry)
    return out


def _identity(case: Case, codes: list[str]) -> list[dict]:
    return [
        {"label": label, "value": value}
        for code, label, value in identity_options(case)
        if code in codes
    ]


def _role_label(code: str) -> str:
    return str(DecisionMakerRole(code).label) if code in DecisionMakerRole.values else code


def _sender(case: Case, actor) -> dict:
    member = case.team.filter(user=actor).first()
    return {
        "organisation": case.organisation.name,
        "professional": actor.display_name(),
        "role": member.role_on_team if member else "",
    }


def _files(files: list[ShareableFile], draft, outgoing: Outgoing) -> list[dict]:
    out = []
    for shared, chosen in zip(files, draft.files, strict=True):
        entry = shared.snapshot(chosen.purpose, chosen.risk)
        entry["description"] = outgoing.text(shared.key, entry["description"])  # as it goes out
        out.append(entry)
    return out


def snapshot(
    case: Case,
    actor,
    contact,
    draft,
    data: dict,
    decision,
    outgoing: Outgoing,
    files: list[ShareableFile] = (),  # type: ignore[assignment]
) -> dict:
    """``draft`` with its texts as sent (``as_sent``); ``outgoing`` what its texts carry;
    ``files`` the chosen files, in the order of ``draft.files``."""
    return {
        "sender": _sender(case, actor),
        "recipient": {
            "kind": str(ContactKind(contact.kind).label),
            "name": contact.name,
            "department": contact.department,
        },
        "items": _items(draft, data, outgoing),
        "files": _files(list(files), draft, outgoing),
        "identity": _identity(case, list(draft.identity)) + outgoing.found_entries(),
        "decision": {
            "key": decision.key,
            "decided_on": decision.decided_on.isoformat() if decision.decided_on else "",
            "role": _role_label(decision.decided_role),
        },
        "made_at": timezone.now().isoformat(),
    }


def share_context(disclosure: Disclosure) -> dict:
    return {
        "x": disclosure,
        "doc": disclosure.document,
        "files": _shown_files(disclosure),
        "ground": Ground(disclosure.ground).label,
        "title": _("Verstrekking van informatie"),
    }


def shared_attachments(disclosure: Disclosure) -> dict[str, Attachment]:
    """The disclosure's files that are still there, unchanged since they were shared (same
    hash), by key; a file withdrawn since has no bytes left to give."""
    wanted = {f["key"]: f["sha256"] for f in disclosure.files or []}
    rows = Attachment.objects.filter(
        case_id=disclosure.case_id, key__in=list(wanted), withdrawn_at__isnull=True
    )
    return {a.key: a for a in rows if a.sha256 == wanted[a.key]}


def shared_pictures(disclosure: Disclosure) -> dict[str, str]:
    """``{key: data URI}`` of the shared images, for the PDF. Decrypts: only for the PDF,
    whose download is audited as a whole."""
    images = [a for a in shared_attachments(disclosure).values() if a.is_image]
    return pictures_inline(images)


def _shown_files(disclosure: Disclosure) -> list[dict]:
    pictures = shared_pictures(disclosure)
    files = (disclosure.document or {}).get("files") or []
    return [{**f, "picture": pictures.get(f["key"], "")} for f in files]


def render_share_pdf(disclosure: Disclosure) -> bytes:
    return render_pdf("disclosures/share_document.html", share_context(disclosure))
