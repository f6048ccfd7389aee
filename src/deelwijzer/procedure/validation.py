"""Validation of a case file: the published JSON Schema plus checks of meaning.

Every problem is one line that starts with its JSON path, e.g.
``$.advice[1].outcome: 'maybe' is not one of [...]``. All problems are reported, not only the
first. The checks of meaning (duplicate ids, unknown references, impossible dates) are written
to tolerate a file that also breaks the schema, so one run lists everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

# Groups of objects that carry an id, with the word used for them in problems.
ID_GROUPS: dict[str, str] = {
    "guardians": "guardian",
    "team": "team member",
    "signals": "signal",
    "opinions": "opinion",
    "diagnoses": "diagnosis",
    "advice": "advice request",
    "conversations": "conversation",
    "risks": "risk",
    "disclosures": "disclosure",
}
STEP_1_TO_3 = ("signals", "opinions", "diagnoses", "advice", "conversations")

# Dates of events: none may lie before the birth date or after the evaluation date.
_EVENT_DATES = (
    ("signals", "observed_on"),
    ("advice", "asked_on"),
    ("conversations", "held_on"),
    ("disclosures", "shared_on"),
)


@cache
def load_schema(name: str = "casefile-1.json") -> dict[str, Any]:
    text = resources.files("deelwijzer.procedure").joinpath("schema", name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    """Built once per schema; local ``$ref``s are inlined so that validating does not look
    each one up again (a third of the time on a large file). The problems stay the same:
    only the schema-side paths, which are never shown, lose their ``$ref`` step."""
    schema = load_schema(name)
    return Draft202012Validator(_inline_refs(schema, schema), format_checker=FormatChecker())


_NOT_INLINED = frozenset({"$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$schema"})


def _inline_refs(node: Any, root: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A copy of ``node`` with every ``{"$ref": "#/..."}`` replaced by its target's keywords,
    in place and in order; a ref that is recursive or would clash stays a ref."""
    if isinstance(node, list):
        return [_inline_refs(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref, target = _inlinable(node, root, seen)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and target is not None:
            for k, v in target.items():
                out[k] = _inline_refs(v, root, (*seen, ref))
        else:
            out[key] = _inline_refs(value, root, seen)
    return out


def _inlinable(
    node: dict[str, Any], root: dict[str, Any], seen: tuple[str, ...]
) -> tuple[str, dict[str, Any] | None]:
    """The node's local ref and its target, when the target's keywords can take its place."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or ref in seen:
        return "", None
    target = _local_target(root, ref)
    if not isinstance(target, dict) or _NOT_INLINED & target.keys():
        return ref, None
    if target.keys() & (node.keys() - {"$ref"}):
        return ref, None
    return ref, target


def _local_target(root: dict[str, Any], ref: str) -> Any:
    """The subschema a ``#/a/b`` reference points to, or None."""
    if not ref.startswith("#/"):
        return None
    node: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _sort_key(path: Any) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)


def schema_problems(data: Any, schema_name: str = "casefile-1.json") -> list[str]:
    errors = sorted(_validator(schema_name).iter_errors(data), key=lambda e: _sort_key(e.path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def validate_casefile(data: Any, *, today: date | None = None, schema: bool = True) -> list[str]:
    """Every problem of ``data`` (parsed JSON) as one line each; empty when valid.

    ``schema=False`` leaves out the JSON Schema pass (see ``load_casefile``)."""
    problems = schema_problems(data) if schema else []
    if not isinstance(data, dict):
        return problems
    ids = _collect_ids(data, problems)
    problems.extend(_reference_problems(data, ids))
    problems.extend(_participant_problems(data))
    problems.extend(_date_problems(data, today or date.today()))
    return problems


# --- helpers tolerant of bad structure ---------------------------------------------------------


def _entries(data: dict[str, Any], group: str) -> Iterator[tuple[str, dict[str, Any]]]:
    value = data.get(group)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield f"$.{group}[{i}]", item


def _obj(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = data.get(key)
    return value if isinstance(value, dict) else None


def _str_list(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --- ids and references --------------------------------------------------------------------


def _collect_ids(data: dict[str, Any], problems: list[str]) -> dict[str, str]:
    """Map id -> group; report duplicates."""
    seen: dict[str, str] = {}
    where: dict[str, str] = {}
    for group in ID_GROUPS:
        for path, item in _entries(data, group):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                problems.append(f"{path}.id: duplicate id '{ident}' (first used at {where[ident]})")
                continue
            seen[ident] = group
            where[ident] = f"{path}.id"
    return seen


def _expect(ids: dict[str, str], path: str, value: Any, groups: tuple[str, ...]) -> list[str]:
    if not isinstance(value, str) or ids.get(value) in groups:
        return []
    wanted = " or ".join(ID_GROUPS[g] for g in groups)
    if value in ids:
        return [f"{path}: '{value}' is a {ID_GROUPS[ids[value]]}, expected a {wanted}"]
    return [f"{path}: unknown id '{value}', expected the id of a {wanted} in this file"]


def _expect_all(ids: dict[str, str], path: str, value: Any, groups: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for i, ref in _str_list(value):
        out.extend(_expect(ids, f"{path}[{i}]", ref, groups))
    return out


def _reference_problems(data: dict[str, Any], ids: dict[str, str]) -> list[str]:
    out: list[str] = []
    for path, s in _entries(data, "signals"):
        out += _expect(ids, f"{path}.recorded_by", s.get("recorded_by"), ("team",))
    for path, o in _entries(data, "opinions"):
        out += _expect_all(ids, f"{path}.about", o.get("about"), ("signals", "diagnoses"))
    for path, a in _entries(data, "advice"):
        out += _expect(ids, f"{path}.asked_by", a.get("asked_by"), ("team",))
        adviser = _obj(a, "adviser") or {}
        out += _expect(ids, f"{path}.adviser.member", adviser.get("member"), ("team",))
    for path, c in _entries(data, "conversations"):
        out += _expect_all(ids, f"{path}.held_by", c.get("held_by"), ("team",))
        out += _expect_all(ids, f"{path}.guardian_ids", c.get("guardian_ids"), ("guardians",))
    for key in ("conversation_skipped", "guardians_not_involved"):
        obj = _obj(data, key) or {}
        out += _expect(ids, f"$.{key}.advice_id", obj.get("advice_id"), ("advice",))
    for path, r in _entries(data, "risks"):
        out += _expect_all(ids, f"{path}.based_on", r.get("based_on"), STEP_1_TO_3)
        out += _expect(ids, f"{path}.advice_id", r.get("advice_id"), ("advice",))
    decision = _obj(data, "decision") or {}
    path = "$.decision.serious_concrete_risks"
    out += _expect_all(ids, path, decision.get("serious_concrete_risks"), ("risks",))
    for path, x in _entries(data, "disclosures"):
        out += _expect_all(ids, f"{path}.items", x.get("items"), (*STEP_1_TO_3, "risks"))
    return out


def _participant_problems(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for path, c in _entries(data, "conversations"):
        participants = [p for _, p in _str_list(c.get("participants"))]
        guardian_ids = _str_list(c.get("guardian_ids"))
        if "guardians" in participants and not guardian_ids:
            out.append(f"{path}.guardian_ids: guardians took part but none is named")
        if guardian_ids and "guardians" not in participants:
            out.append(f"{path}.participants: guardians are named but 'guardians' is not listed")
    return out


# --- dates ---------------------------------------------------------------------------------


def _event_dates(data: dict[str, Any]) -> Iterator[tuple[str, date]]:
    """(path, date) for every dated event: none may precede the birth or follow evaluation."""
    for group, key in _EVENT_DATES:
        for path, item in _entries(data, group):
            if (d := _parse_date(item.get(key))) is not None:
                yield f"{path}.{key}", d
    for path, o in _entries(data, "opinions"):
        for i, f in enumerate(o.get("follow_ups") or []):
            if isinstance(f, dict) and (d := _parse_date(f.get("date"))) is not None:
                yield f"{path}.follow_ups[{i}].date", d
    decision = _obj(data, "decision") or {}
    if (d := _parse_date(decision.get("decided_on"))) is not None:
        yield "$.decision.decided_on", d
    record = _obj(decision, "consent_record") or {}
    if (d := _parse_date(record.get("recorded_on"))) is not None:
        yield "$.decision.consent_record.recorded_on", d
    for path, x in _entries(data, "disclosures"):
        feedback = _obj(x, "feedback") or {}
        if (d := _parse_date(feedback.get("received_on"))) is not None:
            yield f"{path}.feedback.received_on", d


def _date_problems(data: dict[str, Any], today: date) -> list[str]:
    out: list[str] = []
    evaluated_on = _parse_date(data.get("evaluated_on")) or today
    label = "the evaluation date" if data.get("evaluated_on") else "today"
    youth = _obj(data, "youth") or {}
    birth = _parse_date(youth.get("birth_date"))
    if birth is not None and birth > evaluated_on:
        out.append(f"$.youth.birth_date: {birth} lies after {label} ({evaluated_on})")
        birth = None
    for path, d in _event_dates(data):
        if birth is not None and d < birth:
            out.append(f"{path}: {d} lies before the birth date ({birth})")
        if d > evaluated_on:
            out.append(f"{path}: {d} lies after {label} ({evaluated_on})")
    return out
