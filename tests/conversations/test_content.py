"""A conversation's content fields are declared once on its model (``Conversation.CONTENT``):
the form asks the declared questions, the API and the case file write the declared fields,
and the correction page is the versioned-entry kit's (``ui.entries``) in the step frame."""

from __future__ import annotations

from deelwijzer.api.endpoints.step3 import ConversationIn, ConversationOut, conversation_out
from deelwijzer.api.schemas import EntryMeta
from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.conversations import views
from deelwijzer.conversations.casefile import conversation_dict
from deelwijzer.conversations.forms import ConversationForm
from deelwijzer.conversations.models import Conversation
from deelwijzer.conversations.services import ConversationInput
from tests.conversations.permissions import existing_conversation_key

ENTRY_FIELDS = {f.name for f in VersionedEntry._meta.get_fields()} | {"id"}
DECLARED = Conversation.content_fields()


def test_every_content_field_of_the_model_is_declared_once():
    own = [f.name for f in Conversation._meta.concrete_fields if f.name not in ENTRY_FIELDS]
    assert sorted(own) == sorted(DECLARED)
    assert len(set(DECLARED)) == len(Conversation.CONTENT)


def test_the_form_asks_the_declared_questions_in_the_declared_order():
    form = ConversationForm(case=_Case(), team=[], guardians=[])
    assert [n for n in form.fields if n in DECLARED] == list(DECLARED)
    assert set(form.fields) - set(DECLARED) == {"safety_reason"}
    for content in Conversation.CONTENT:
        assert form.fields[content.name].label == content.question


def test_the_service_input_and_the_api_schemas_cover_the_declared_fields():
    assert list(ConversationInput.__dataclass_fields__) == [
        "held_on", "participants", "held_by", "guardian_ids", *DECLARED[4:]
    ]  # fmt: skip
    assert set(ConversationIn.model_fields) - set(DECLARED) == {"safety_reason"}
    assert set(ConversationOut.model_fields) - set(EntryMeta.model_fields) == set(DECLARED)


def test_the_api_and_the_case_file_write_every_declared_field(personas):
    key = existing_conversation_key(personas)
    entry = Conversation.current(personas.case).get(key=key)
    out = conversation_out(entry)
    assert set(DECLARED) <= set(out)
    assert out["held_on"] == entry.held_on and out["participants"] == entry.participants
    assert set(conversation_dict(entry)) == {"id", *DECLARED}


def test_the_correction_page_is_the_entry_kit_in_the_step_frame_with_identity_access():
    kind = views.CONVERSATION
    assert (kind.model, kind.step, kind.need, kind.framed) == (Conversation, 3, "identity", True)
    assert views.conversation_correct.__name__ == "conversation_entry"


class _Case:
    """Enough of a case for the form's date widget (its public id in a URL)."""

    public_id = "0190c8a0-0000-7000-8000-000000000000"


def test_the_correction_page_records_the_read_of_the_conversation_as_a_read(personas, client_for):
    from django.urls import reverse

    from deelwijzer.audit.labels import ACTION_LABELS, READ_ACTIONS
    from deelwijzer.audit.models import AuditEvent

    key = existing_conversation_key(personas)
    target = reverse(
        "step3_conversation_correct", kwargs={"case_id": personas.case.public_id, "key": key}
    )
    assert client_for(personas.professional).get(target).status_code == 200
    reads = AuditEvent.objects.filter(case_id=personas.case.pk, action="conversation.view")
    assert [(e.object_id, e.user_id) for e in reads] == [(key, personas.professional.pk)]
    # a read: the kept evaluation of the case stays valid, and the audit page has its label
    assert "conversation.view" in READ_ACTIONS and "conversation.view" in ACTION_LABELS
