"""One error summary on every form (issue #16.8): at the top of the form, every error at
once, each an anchor to its field; focused on load by static/deelwijzer/error-summary.js."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

import deelwijzer

SUMMARY = re.compile(r'<div class="error-summary"[^>]*data-error-summary>(.*?)</div>', re.S)


def _summary(page: str) -> str:
    found = SUMMARY.findall(page)
    assert len(found) == 1, f"expected one error summary, found {len(found)}"
    return found[0]


def _anchors(summary: str) -> list[str]:
    return re.findall(r'<a href="#([^"]+)">', summary)


def test_signal_form_posted_empty_lists_every_error_in_one_summary_above_the_form(
    personas, client_for
):
    case = personas.case
    page = (
        client_for(personas.professional)
        .post(reverse("signal_add", kwargs={"case_id": case.public_id}), {"signal-kind": "signal"})
        .content.decode()
    )
    summary = _summary(page)
    anchors = _anchors(summary)
    # the date and the text are both missing: both at once
    assert {"id_signal-observed_on", "id_signal-text"} <= set(anchors), anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in page, f"the summary links to #{anchor}, which is not there"
    assert "Vul de datum in: wanneer gebeurde het?" in summary
    assert "Beschrijf wat je zag of hoorde." in summary
    # the summary stands at the top of the form it is about, before its first field
    form_at = page.index(f'action="{reverse("signal_add", kwargs={"case_id": case.public_id})}"')
    summary_at = page.index("data-error-summary")
    assert page.index("Signaal of contrasignaal vastleggen") < summary_at < form_at
    assert form_at < page.index('id="id_signal-observed_on"')
    assert 'tabindex="-1"' in page[page.rfind("<div", 0, summary_at) : summary_at + 20]


def test_new_case_posted_with_garbage_keeps_what_was_typed_and_links_each_error(
    personas, client_for
):
    page = (
        client_for(personas.professional)
        .post(
            reverse("case_new"),
            {"pseudonym": "J-X", "name": "", "birth_date": "31-02-zz", "role_on_team": ""},
        )
        .content.decode()
    )
    anchors = _anchors(_summary(page))
    assert {"id_name", "id_birth_date", "id_role_on_team"} <= set(anchors), anchors
    assert page.index("data-error-summary") < page.index('id="id_name"')
    assert 'value="31-02-zz"' in page


def test_an_empty_post_of_the_new_case_form_names_everything_missing(personas, client_for):
    response = client_for(personas.professional).post(reverse("case_new"), {})
    assert response.status_code == 422
    anchors = _anchors(_summary(response.content.decode()))
    # the pseudonym may stay empty: Deelwijzer then makes one (issue #17.3)
    assert {"id_name", "id_birth_date", "id_role_on_team"} <= set(anchors)
    assert "id_pseudonym" not in anchors


def test_the_advice_forms_use_the_same_summary(personas, client_for):
    from deelwijzer.organisations.models import Role
    from tests.personas import make_user

    make_user("adviseur", personas.organisation, Role.ATTENTION_OFFICER)
    url = reverse("advice_compose", kwargs={"case_id": personas.case.public_id})
    page = client_for(personas.professional).post(url, {"question": ""}).content.decode()
    anchors = _anchors(_summary(page))
    assert {"id_question", "id_adviser_kind"} <= set(anchors), anchors


def test_every_form_template_includes_the_one_summary():
    root = Path(deelwijzer.__file__).parent
    own = [p for p in root.rglob("_form_errors.html")]
    assert [p.relative_to(root).as_posix() for p in own] == ["ui/templates/ui/_form_errors.html"]
    for template in root.rglob("*.html"):
        text = template.read_text()
        if "form.errors" in text or "_errors.html" in text:
            assert template.name == "_form_errors.html" or '"ui/_form_errors.html"' in text, (
                template
            )


def test_the_focusing_script_is_served_with_every_page(personas, client_for):
    assert finders.find("deelwijzer/error-summary.js")
    page = client_for(personas.professional).get(reverse("dashboard")).content.decode()
    assert f'src="{static("deelwijzer/error-summary.js")}"' in page


def test_each_line_of_the_new_case_summary_says_which_parent(personas, client_for):
    """A walk read "Naam:" and "Relatie:" twice in the summary, without which parent."""
    from deelwijzer.procedure.limits import NAME_MAX, RELATION_MAX

    too_long = {
        f"guardian{n}_{field}": "x" * (limit + 1)
        for n in (1, 2)
        for field, limit in (("name", NAME_MAX), ("relation", RELATION_MAX))
    }
    response = client_for(personas.professional).post(reverse("case_new"), too_long)
    assert response.status_code == 422
    summary = _summary(response.content.decode())
    lines = re.findall(r'<a href="#id_guardian\d_\w+">([^:<]+):', summary)
    assert sorted(lines) == [
        "Naam van ouder 1",
        "Naam van ouder 2",
        "Relatie van ouder 1",
        "Relatie van ouder 2",
    ]


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
# What makes a form one the user fills in: an included field or fieldset, a widget rendered
# from a form, or an input, text area or list written out. Hidden versions do not count.
FILLED_IN = re.compile(
    r"\{% include \"(?!ui/_form_errors)|\{\{\s*(form|f|field|\w+_form)(\.\w+)*\s*\}\}"
    r"|<input(?![^>]*type=\"(hidden|submit)\")|<textarea|<select"
)
HIDDEN = re.compile(
    r"\{\{\s*[\w.]*(expected_version|version)\s*\}\}"
    r"|\{% for h in \w+\.hidden_fields %\}\{\{ h \}\}\{% endfor %\}"
)


def test_every_form_to_fill_in_leaves_the_checking_to_the_page():
    """Without novalidate the browser's own tooltip (one field at a time, in the browser's
    words) stops a post before the page's error summary can name every error at once. A
    walk found four steps' forms without it (risks, step 5, the advice preview, withdrawing
    a file)."""
    root = Path(deelwijzer.__file__).parent
    missing, seen = [], 0
    for template in sorted(root.rglob("templates/**/*.html")):
        name = str(template.relative_to(root))
        for match in FORM.finditer(template.read_text()):
            attrs, body = match.groups()
            if 'method="post"' not in attrs or not FILLED_IN.search(HIDDEN.sub("", body)):
                continue
            seen += 1
            if "novalidate" not in attrs:
                missing.append(f"{name}: <form{attrs[:60]}")
    assert seen > 40, seen  # the scan reads the forms (about fifty)
    assert missing == []
