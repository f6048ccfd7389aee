"""Form widgets every step form uses, and the form of an entry whose questions are declared
on its model."""

from typing import Any, ClassVar

from django import forms


class DeclaredForm(forms.Form):
    """A form of a versioned entry that asks the questions declared on its model
    (``entry_model.CONTENT``, see ``deelwijzer.cases.entries.Content``): each declared field
    the form has gets the declared question as its label and the declared hint as its help."""

    entry_model: ClassVar[Any]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for content in self.entry_model.CONTENT:
            if content.form and content.name in self.fields:
                self.fields[content.name].label = content.question
                self.fields[content.name].help_text = content.help


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
