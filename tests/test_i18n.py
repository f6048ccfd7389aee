"""Dutch source text without a catalogue (docs/i18n.md): plurals still come out right, and no
module of deelwijzer translates a text while it is being imported.

A text translated at import time is fixed in whatever language is active then (none yet,
before the app registry is ready): such texts use ``gettext_lazy`` or are translated when the
code runs. The scan reads every module's syntax tree and reports calls to a name bound to
``gettext``, ``ngettext``, ``pgettext`` or ``npgettext`` that run on import: at module level,
in a class body, in a default argument or a decorator. Function bodies and lambdas run later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

import deelwijzer
from deelwijzer.disclosures.summary import steps_taken_summary

PACKAGE = Path(deelwijzer.__file__).resolve().parent
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
TRANSLATION_MODULE = "django.utils.translation"


def _eager_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names bound to an eager gettext function, and names bound to the translation module."""
    functions: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == TRANSLATION_MODULE:
            functions |= {a.asname or a.name for a in node.names if a.name in EAGER}
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules |= {a.asname or a.name for a in node.names if a.name == "translation"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == TRANSLATION_MODULE and a.asname}
    return functions, modules


def _is_eager_call(node: ast.AST, functions: set[str], modules: set[str]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in functions
    return (
        isinstance(func, ast.Attribute)
        and func.attr in EAGER
        and isinstance(func.value, ast.Name)
        and func.value.id in modules
    )


def _run_on_import(statements: list[ast.stmt]):
    """Every node that runs when these statements run, without entering a function body."""
    pending: list[ast.AST] = list(statements)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            pending.extend(node.decorator_list)
            pending.extend(node.args.defaults)
            pending.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        if isinstance(node, ast.Lambda):
            pending.extend(node.args.defaults)
            pending.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def import_time_calls(source: str) -> list[int]:
    """Line numbers of eager gettext calls that run when the module is imported."""
    tree = ast.parse(source)
    functions, modules = _eager_names(tree)
    found = [n.lineno for n in _run_on_import(tree.body) if _is_eager_call(n, functions, modules)]
    return sorted(found)


def test_no_module_of_deelwijzer_translates_at_import_time():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/migrations/" in f"/{relative}":
            continue
        for line in import_time_calls(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative}:{line}")
    assert offenders == [], "gettext at import time; use gettext_lazy or translate when it runs"


def test_the_scan_finds_module_class_default_and_decorator_calls():
    source = """
from django.utils.translation import gettext as _, ngettext
from django.utils import translation as t

TITLE = _("Titel")
PAIRS = {k: ngettext("een", "twee", k) for k in (1, 2)}

class Form:
    label = t.gettext("Label")

    def method(self, text=_("standaard")):
        return _("bij het draaien")

@register(_("naam"))
def view(request):
    return _("bij het draaien")

later = lambda: _("bij het draaien")
"""
    assert import_time_calls(source) == [5, 6, 9, 11, 14]


def test_the_scan_leaves_lazy_texts_and_calls_at_run_time_alone():
    source = """
from django.utils.translation import gettext_lazy as _, gettext

TITLE = _("Titel")

class Form:
    label = _("Label")

    def clean(self):
        return gettext("bij het draaien")

def helper(text=_("lui")):
    return [gettext(x) for x in ("a", "b")]
"""
    assert import_time_calls(source) == []


# --- plurals: without a catalogue, ngettext and blocktranslate count pick the Dutch form --------


def _summary(signals: int, contra: int, risks: int) -> str:
    data = {
        "signals": [{"kind": "signal"}] * signals + [{"kind": "contra_signal"}] * contra,
        "risks": [{"severity": "serious"}] * risks,
    }
    with translation.override("nl"):
        return steps_taken_summary(data)


def test_the_steps_summary_says_one_signal_and_one_risk_in_the_singular():
    assert _summary(1, 1, 1).splitlines() == [
        "1 signaal vastgelegd en 1 contrasignaal.",
        "1 veiligheidsrisico getaxeerd, waarvan 1 ernstig.",
    ]


def test_the_steps_summary_counts_more_signals_and_risks_in_the_plural():
    assert _summary(3, 2, 0).splitlines() == ["3 signalen vastgelegd en 2 contrasignalen."]
    assert _summary(2, 0, 4).splitlines() == [
        "2 signalen vastgelegd.",
        "4 veiligheidsrisico's getaxeerd, waarvan 4 ernstig.",
    ]


def _menu_count(n: int) -> str:
    with translation.override("nl"):
        return render_to_string("notifications/_count.html", {"n": n, "id": "count-x"})


def test_the_menu_count_reads_wacht_for_one_and_wachten_for_more():
    assert '1<span class="visually-hidden"> wacht op je</span>' in _menu_count(1)
    assert '3<span class="visually-hidden"> wachten op je</span>' in _menu_count(3)


def test_django_own_texts_still_come_in_dutch_from_djangos_catalogue():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        forms.CharField().clean("")
    assert refused.value.messages == ["Dit veld is verplicht."]
