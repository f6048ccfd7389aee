"""A group of check boxes is a fieldset: its question is the legend, above the boxes, marked
"(verplicht)" when one must be ticked, and every box has a label of its own.

A walk found the roles on the invitation form inside one label with the boxes, the word
"Rollen" printed under them and not marked as required although the server refused an empty
choice; a screen reader read every role as the name of the first box.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse


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
