"""The widgets made in Python (ui.renderers.FastRenderer) give Django's own markup exactly."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date
from unittest.mock import patch

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import deelwijzer
from deelwijzer.ui.renderers import MADE_HERE, FastRenderer

DJANGO = DjangoTemplates()
FAST = FastRenderer()

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
attribute_names = st.sampled_from(["class", "rows", "placeholder", "data-x", "aria-describedby"])
attribute_values = st.one_of(text, st.booleans(), st.integers(-5, 2000), st.none())
attributes = st.dictionaries(attribute_names, attribute_values, max_size=3)
labels = st.one_of(text, st.integers(0, 5000), text.map(mark_safe))
choices = st.lists(st.tuples(st.one_of(text, st.integers(0, 99)), labels), max_size=4)
grouped = st.lists(
    st.one_of(st.tuples(st.one_of(text, st.integers(0, 9)), labels), st.tuples(text, choices)),
    max_size=3,
)
values = st.one_of(st.none(), text, st.integers(-3, 3000), st.just(date(2026, 11, 29)))

SIMPLE = [
    forms.TextInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.TimeInput,
    forms.DateTimeInput,
    forms.Textarea,
    forms.CheckboxInput,
    forms.NullBooleanSelect,
]
CHOOSING = [
    forms.Select,
    forms.SelectMultiple,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
]


def _both(widget: forms.Widget, name: str, value, attrs: dict) -> tuple[str, str]:
    """(made in Python, made by Django's templates); the first may not touch a template."""
    with patch.object(DjangoTemplates, "render", side_effect=AssertionError("a template")):
        made = widget.render(name, value, attrs=attrs, renderer=FAST)
    return made, widget.render(name, value, attrs=attrs, renderer=DJANGO)


def test_the_app_renders_its_forms_with_it():
    assert settings.FORM_RENDERER == "deelwijzer.ui.renderers.FastRenderer"
    assert isinstance(get_default_renderer(), FastRenderer)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    widget=st.sampled_from(SIMPLE),
    name=text,
    value=values,
    attrs=attributes,
    with_id=st.booleans(),
)
def test_simple_widgets_match_djangos_markup(widget, name, value, attrs, with_id):
    if with_id:
        attrs = {**attrs, "id": f"id_{name}"}
    made, django_made = _both(widget(), name, value, attrs)
    assert made == django_made


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    widget=st.sampled_from(CHOOSING),
    name=text,
    options=grouped,
    value=st.one_of(st.none(), text, st.lists(text, max_size=2), st.integers(0, 99)),
    attrs=attributes,
    with_id=st.booleans(),
)
def test_choice_widgets_match_djangos_markup(widget, name, options, value, attrs, with_id):
    if with_id:
        attrs = {**attrs, "id": f"id_{name}"}
    made, django_made = _both(widget(choices=options), name, value, attrs)
    assert made == django_made


def test_what_it_does_not_know_goes_to_djangos_templates():
    widget = forms.SelectDateWidget(years=[2025, 2026])  # a widget of several widgets
    made = widget.render("dag", date(2026, 11, 29), attrs={"id": "id_dag"}, renderer=FAST)
    assert made == widget.render("dag", date(2026, 11, 29), attrs={"id": "id_dag"})
    assert "django/forms/widgets/select_date.html" not in MADE_HERE


def test_text_is_escaped_and_safe_text_is_not():
    made = forms.RadioSelect(choices=[("<a>", "<b>"), ("x", mark_safe("<i>ok</i>"))]).render(
        "n&m", "<a>", attrs={"id": "id_n", "title": '"quoted"'}, renderer=FAST
    )
    assert 'name="n&amp;m"' in made and 'value="&lt;a&gt;"' in made and "checked" in made
    assert "&lt;b&gt;" in made and "<i>ok</i>" in made and 'title="&quot;quoted&quot;"' in made


def _app_forms():
    """The app's own forms that can be made without arguments (the others are forms over a
    case's records; their widgets are the kinds the tests above cover)."""
    found = []
    for module_info in pkgutil.walk_packages(deelwijzer.__path__, "deelwijzer."):
        if module_info.name.rsplit(".", 1)[-1] != "forms":
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                try:
                    cls()
                except TypeError:
                    continue
                found.append(cls)
    return found


APP_FORMS = _app_forms()


def test_the_apps_forms_are_found():
    assert len(APP_FORMS) >= 10


@pytest.mark.parametrize("form_class", APP_FORMS, ids=lambda cls: cls.__qualname__)
def test_every_field_of_the_apps_own_forms_matches(form_class):
    fast, django_made = form_class(renderer=FAST), form_class(renderer=DJANGO)
    for name in fast.fields:
        assert str(fast[name]) == str(django_made[name])
