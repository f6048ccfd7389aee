"""A group of check boxes is a fieldset: its question is the legend, above the boxes, marked
"(verplicht)" when one must be ticked, and every box has a label of its own.

A walk found the roles on the invitation form inside one label with the boxes, the word
"Rollen" printed under them and not marked as required although the server refused an empty
choice; a screen reader read every role as the name of the first box.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse

from tests.conversations.helpers import conversation_post, url


class _Groups(HTMLParser):
    """The fieldsets of a page: their legend text and the labels within them."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[dict] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "fieldset":
            self.groups.append({"legend": "", "labels": 0, "boxes": 0})
        if self.groups and tag == "label" and "fieldset" in self._in:
            self.groups[-1]["labels"] += 1
        if self.groups and tag == "input" and dict(attrs).get("type") == "checkbox":
            self.groups[-1]["boxes"] += 1
        if tag not in {"input", "br"}:
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if "legend" in self._in and self.groups:
            self.groups[-1]["legend"] += data


def test_the_roles_of_an_invitation_are_a_required_group_with_a_label_per_box(personas, client_for):
    page = client_for(personas.org_admin).get(reverse("admin_user_invite")).content.decode()
    parser = _Groups()
    parser.feed(page)
    roles = [g for g in parser.groups if g["legend"].strip().startswith("Rollen")]
    assert roles, "no fieldset with the legend 'Rollen'"
    group = roles[0]
    assert "(verplicht)" in group["legend"]
    assert group["boxes"] >= 5
    assert group["labels"] == group["boxes"]
    assert '<label class="checkbox"><div' not in page  # no box group inside one label


class _GroupErrors(HTMLParser):
    """Per fieldset: its aria-describedby, and the ids of the error paragraphs inside it; and
    the ids of error paragraphs that stand outside every fieldset."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[dict] = []
        self.outside: list[str] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            group = {"id": attrs.get("id"), "described": attrs.get("aria-describedby") or ""}
            self.groups.append({**group, "errors": []})
            self._open.append(self.groups[-1])
        if tag == "p" and "error" in (attrs.get("class") or "").split() and attrs.get("id"):
            (self._open[-1]["errors"] if self._open else self.outside).append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "fieldset" and self._open:
            self._open.pop()


def _group_with(page: str, error_id: str) -> dict:
    parser = _GroupErrors()
    parser.feed(page)
    assert error_id not in parser.outside, f"{error_id} stands after its group, not in it"
    groups = [g for g in parser.groups if error_id in g["errors"]]
    assert groups, f"no fieldset holds {error_id}"
    return groups[-1]


def test_a_groups_error_stands_inside_its_fieldset_and_describes_it(personas, client_for):
    """The mobile walk: the error of a group of choices stood after the closed fieldset, below
    the last answer and outside the group a screen reader announces (ui/_field.html, the
    conversation form's groups)."""
    invite = client_for(personas.org_admin).post(
        reverse("admin_user_invite"),
        {"email": "nora@school.invalid", "first_name": "Nora", "last_name": "N"},
    )
    assert invite.status_code == 422
    group = _group_with(invite.content.decode(), "id_roles_error1")
    assert "id_roles_error1" in group["described"].split()

    data = conversation_post(personas.case, personas.professional, participants=None)
    talk = client_for(personas.professional).post(
        url("step3_conversation_new", personas.case), data
    )
    assert talk.status_code == 422
    group = _group_with(talk.content.decode(), "id_participants_error1")
    assert group["id"] == "id_participants"
    assert "id_participants_error1" in group["described"].split()


def test_step_6s_and_a_transfers_choices_have_their_errors_in_their_group(personas, client_for):
    """Step 6's feedback question and the found-identity question (step 6, a transfer) were
    fieldsets written out by hand, with errors that had no id and described nothing."""
    from tests.disclosures.helpers import ready_case, share_body, step6_url

    contact = ready_case(personas)
    team = client_for(personas.professional)
    body = {**share_body(contact), "feedback_possible": "misschien", "action": "check"}
    refused = team.post(step6_url(personas), body)
    assert refused.status_code == 422
    group = _group_with(refused.content.decode(), "id_feedback_possible_error1")
    assert "id_feedback_possible_error1" in group["described"].split()

    transfer = team.post(
        reverse("transfer_new", kwargs={"case_id": personas.case.public_id}),
        {"to_organisation": "Jeugdhulp Noord", "items": ["s1"], "found_identity": "alles"},
    )
    assert transfer.status_code == 422
    group = _group_with(transfer.content.decode(), "id_found_identity_error1")
    assert "id_found_identity_error1" in group["described"].split()
