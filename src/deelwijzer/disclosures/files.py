"""Files that can be shared in step 6 (issue #19): a file attached to a signal, contra-signal
or conversation, chosen beside the entries. The engine's case file knows no files, so they are
kept apart from the disclosure's ``items``: the disclosure records them in ``files`` and its
document snapshot describes each (description, name, hash), an image also as a picture.

An image may show identity the text check cannot see (an account name, a face, a school
logo): sharing one needs the professional's confirmation that they looked (R6.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from deelwijzer.attachments.models import Attachment, extensions_for
from deelwijzer.cases.models import Case
from deelwijzer.dates import nl_date


@dataclass(frozen=True)
class ShareableFile:
    attachment: Attachment

    @property
    def key(self) -> str:
        return self.attachment.key

    @property
    def is_image(self) -> bool:
        return self.attachment.is_image

    @property
    def label(self) -> str:
        return _("Afbeelding") if self.is_image else _("Bestand")

    @property
    def text(self) -> str:
        """What the professional and the identity check read of the file: its description."""
        return self.attachment.description

    @property
    def outgoing_name(self) -> str:
        """The name the file goes out under: its key and the extension of what it is
        ("f1.png"), never the name it was added with. That name is no part of what the
        recipient needs, and it can name the young person in a way the identity check does not
        read ("Lieke_Jansen_klas3B.png": the walk found it in the share document after
        "replace"), or carry an extension that is not what the file is."""
        a = self.attachment
        return f"{a.key}{next(iter(extensions_for(a.content_type)), '')}"

    def snapshot(self, purpose: str, risk: str) -> dict:
        a = self.attachment
        return {
            "key": a.key,
            "label": self.label,
            "image": self.is_image,
            "entry": a.entry_key,
            "filename": self.outgoing_name,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
            "description": a.description,
            "made_on": nl_date(a.made_on),
            "purpose": purpose.strip(),
            "risk": risk,
        }


def shareable_files(case: Case) -> list[ShareableFile]:
    """The case's files that are still there (withdrawn ones have no bytes to share)."""
    rows = Attachment.objects.filter(case=case, withdrawn_at__isnull=True)
    return [ShareableFile(a) for a in rows.order_by("added_at", "pk")]


def file_texts(files) -> dict[str, str]:
    """What the identity check reads of each file: its description (its name does not go out:
    ``ShareableFile.outgoing_name``)."""
    return {f.key: f.text for f in files}


def image_refusal() -> str:
    return _(
        "Stap 6 (R6.3): je deelt een afbeelding. Een afbeelding kan iemand herkenbaar maken "
        "(een gezicht, een accountnaam, een schoolnaam), en dat ziet Deelwijzer niet. Bekijk de "
        "afbeelding en vink aan dat je dat deed. Er is nog niets gedeeld; wat je invulde staat "
        "er nog."
    )
