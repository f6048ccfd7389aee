"""An entry kind's routes come from its declaration (``ui.entries.entry_urls``): its ``segment``
within the step, its ``add`` view and, where it has one, its ``follow_up`` view. The URLs the
templates, the permission tables and the API links use stay what they were."""

from __future__ import annotations

from uuid import uuid4

import pytest
from django.http import HttpResponse
from django.urls import resolve, reverse

from deelwijzer.risks import views as risk_views
from deelwijzer.signalling import entry_views
from deelwijzer.signalling.models import Signal
from deelwijzer.ui.entries import EntryKind, entry_urls


def _view(request, case_id, key=""):
    return HttpResponse()


def _kind(**routes) -> EntryKind:
    return EntryKind(
        name="sample", model=Signal, title="Voorbeeld", step=1, template="x.html",
        build_form=_view, correct=_view, **routes,
    )  # fmt: skip


def test_a_kind_with_an_add_and_a_follow_up_view_gets_three_routes():
    routes = entry_urls(_kind(segment="voorbeelden", add=_view, follow_up=_view))
    assert [(str(r.pattern), r.name) for r in routes] == [
        ("voorbeelden/", "sample_add"),
        ("voorbeelden/<slug:key>/", "sample_entry"),
        ("voorbeelden/<slug:key>/vervolg/", "sample_follow_up"),
    ]
    assert routes[0].callback is _view and routes[2].callback is _view
    assert routes[1].callback.__name__ == "sample_entry"  # the kit's entry page


def test_a_kind_without_an_add_or_follow_up_view_gets_only_its_entry_page():
    routes = entry_urls(_kind(segment="voorbeelden"))
    assert [(str(r.pattern), r.name) for r in routes] == [
        ("voorbeelden/<slug:key>/", "sample_entry")
    ]


# The routes as they were written out by hand before the kinds declared them.
STEP_ROUTES = [
    ("signal_add", "stap-1/signalen/", {}),
    ("signal_entry", "stap-1/signalen/s1/", {"key": "s1"}),
    ("opinion_add", "stap-1/meningen/", {}),
    ("opinion_entry", "stap-1/meningen/o2/", {"key": "o2"}),
    ("opinion_follow_up", "stap-1/meningen/o2/vervolg/", {"key": "o2"}),
    ("diagnosis_add", "stap-1/diagnoses/", {}),
    ("diagnosis_entry", "stap-1/diagnoses/d1/", {"key": "d1"}),
    ("risk_add", "stap-4/risicos/", {}),
    ("risk_entry", "stap-4/risicos/r3/", {"key": "r3"}),
]


@pytest.mark.parametrize(("name", "tail", "kwargs"), STEP_ROUTES, ids=[r[0] for r in STEP_ROUTES])
def test_the_step_apps_entry_routes_keep_their_names_and_paths(name, tail, kwargs):
    case_id = uuid4()
    url = reverse(name, kwargs={"case_id": case_id, **kwargs})
    assert url == f"/casussen/{case_id}/{tail}"
    assert resolve(url).url_name == name


def test_each_declared_kind_is_routed_to_its_own_views():
    for kind in (*entry_views.KINDS, risk_views.RISK):
        key = f"{kind.model.KEY_PREFIX}1"
        entry = resolve(reverse(f"{kind.name}_entry", kwargs={"case_id": uuid4(), "key": key}))
        assert entry.func.__name__ == f"{kind.name}_entry"
        assert resolve(reverse(f"{kind.name}_add", args=[uuid4()])).func is kind.add
    follow_up = reverse("opinion_follow_up", args=[uuid4(), "o1"])
    assert resolve(follow_up).func is entry_views.opinion_follow_up
