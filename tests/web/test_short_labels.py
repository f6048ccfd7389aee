"""Choice labels and lists show a text cut short (``ui.views.short``): after a whole word,
with an ellipsis. The transfer form cut its items at 120 characters, in the middle of a word
and without one (the transfers walk); the other lists cut mid-word too."""

from __future__ import annotations

import pytest

from deelwijzer.ui.views import short


@pytest.mark.parametrize(
    ("text", "size", "shown"),
    [
        ("Zegt dat hij niet meer naar muziekles gaat", 30, "Zegt dat hij niet meer naar…"),
        ("Zegt dat hij", 12, "Zegt dat hij"),  # fits: as it is
        ("abcd efgh ijk", 10, "abcd efgh…"),  # the cut falls on a space: the word is whole
        ("abcd efgh ijk", 9, "abcd…"),
        ("a" * 50, 10, "aaaaaaaaa…"),  # one long word: cut in it, there is nothing else
    ],
)
def test_a_text_is_cut_after_a_whole_word(text, size, shown):
    assert short(text, size) == shown
    assert len(short(text, size)) <= size


def test_the_transfer_form_cuts_its_items_after_a_whole_word():
    from types import SimpleNamespace

    from deelwijzer.transfers.forms import TransferForm

    text = "Vertelt in de klas dat hij " + "x" * 10 + " en de rest van de zin " * 8
    item = SimpleNamespace(key="s1", label="Signaal", text=text)
    form = TransferForm(items=[item], identity=[], organisations=[])
    (label,) = [label for _key, label in form.fields["items"].choices]
    shown = label.removeprefix("Signaal s1: ")
    assert shown.endswith("…") and len(shown) <= 120
    assert text.startswith(shown[:-1]) and text[len(shown) - 1] == " "  # a whole word
