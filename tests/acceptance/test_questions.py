"""Analysts' questions over the demo data (questions.yaml), each with an answer worked out by hand.

One test per question. A question whose `defect` field is set is expected to fail today
(`xfail(strict=True)`): fixing the defect makes it pass, and strictness then asks for the field to go.
The expectation vocabulary is documented in docs/reference/acceptance.md and implemented once, below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import Demo

QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")
DOCS_FILE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "acceptance.md"
QUESTIONS: list[dict[str, Any]] = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))["questions"]
REQUIRED = ("id", "question", "request", "expect", "source")
EXPECT_KEYS = frozenset(
    {"status", "content_type", "items", "total", "total_ge", "total_le", "name_field", "contains_names"}
    | {"excludes_names", "names_equal", "all_items_match", "allow_empty", "any_item_matches", "fields"}
    | {"text_contains", "text_excludes"}
)
MISSING = object()


def _params() -> list[Any]:
    out = []
    for q in QUESTIONS:
        # raises=AssertionError: only a wrong answer counts as the defect; a broken ref, an unknown matcher or
        # a crash still fails the run.
        defect = q.get("defect")
        marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"defect: {defect}")] if defect else []
        out.append(pytest.param(q, id=q["id"], marks=marks))
    return out


# ---- paths: "a.b.0.c", "*" flattens a list ------------------------------------------------------------------


def get_path(value: Any, path: str | None) -> Any:
    """The value at a dotted path; `*` maps the rest of the path over a list (and flattens one level)."""
    if path in (None, "", "."):
        return value
    head, _, rest = str(path).partition(".")
    if head == "*":
        if not isinstance(value, list):
            return MISSING
        out: list[Any] = []
        for item in value:
            got = get_path(item, rest) if rest else item
            if got is MISSING:
                continue
            out.extend(got if isinstance(got, list) and rest and "*" in rest else [got])
        return out
    if isinstance(value, list):
        if not head.lstrip("-").isdigit() or int(head) >= len(value):
            return MISSING
        nxt = value[int(head)]
    elif isinstance(value, Mapping):
        if head not in value:
            return MISSING
        nxt = value[head]
    else:
        return MISSING
    return get_path(nxt, rest) if rest else nxt


# ---- matchers -------------------------------------------------------------------------------------------------


def _contains(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, str):
        return str(wanted) in actual
    if isinstance(actual, list):
        return wanted in actual
    return False


OPS: dict[str, Callable[[Any, Any, Any], bool]] = {
    "eq": lambda a, w, _: a == w,
    "ne": lambda a, w, _: a != w,
    "in": lambda a, w, _: a in w,
    "not_in": lambda a, w, _: a not in w,
    "ge": lambda a, w, _: isinstance(a, int | float) and a >= w,
    "le": lambda a, w, _: isinstance(a, int | float) and a <= w,
    "gt": lambda a, w, _: isinstance(a, int | float) and a > w,
    "contains": lambda a, w, _: _contains(a, w),
    "not_contains": lambda a, w, _: a is MISSING or not _contains(a, w),
    "contains_all": lambda a, w, _: all(_contains(a, x) for x in w),
    "is_null": lambda a, w, _: (a is None or a is MISSING) == bool(w),
    "exists": lambda a, w, _: (a is not MISSING) == bool(w),
    "matches": lambda a, w, _: isinstance(a, str) and re.search(w, a) is not None,
    "len": lambda a, w, _: isinstance(a, list | str) and len(a) == w,
    "len_ge": lambda a, w, _: isinstance(a, list | str) and len(a) >= w,
    # the value (or every value, for a list) differs from the item's own field at path w
    "ne_field": lambda a, w, item: (
        all(x != get_path(item, w) for x in a) if isinstance(a, list) else a != get_path(item, w)
    ),
}


def match(item: Any, cond: Mapping[str, Any]) -> list[str]:
    """Mismatches of one item against a condition {path: literal | {op: value}}; `any_of: [cond, …]`."""
    problems: list[str] = []
    for path, want in cond.items():
        if path == "any_of":
            if not any(not match(item, alt) for alt in want):
                problems.append(f"none of {want}")
            continue
        actual = get_path(item, path)
        ops = want if isinstance(want, Mapping) else {"eq": want}
        for op, value in ops.items():
            if op not in OPS:
                raise ValueError(f"unknown matcher {op!r} (known: {sorted(OPS)})")
            if not OPS[op](actual, value, item):
                shown = "<missing>" if actual is MISSING else actual
                problems.append(f"{path}: {op} {value!r} failed on {shown!r}")
    return problems


def _label(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)[:300]


def names_of(items: list[Any], name_field: str | list[str]) -> list[Any]:
    fields = [name_field] if isinstance(name_field, str) else name_field
    out: list[Any] = []
    for item in items:
        for f in fields:
            got = get_path(item, f)
            if got is not MISSING:
                out.extend(got if isinstance(got, list) else [got])
    return out


def check(expect: Mapping[str, Any], status: int, body: Any, text: str, content_type: str = "") -> list[str]:
    """Every failed expectation, as a readable line; [] = the answer is right."""
    errors: list[str] = []
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"unknown expectation keys {sorted(unknown)}")
    want_status = expect.get("status", 200)
    if status != want_status:
        return [f"status {status} != {want_status}: {text[:500]}"]
    if "content_type" in expect and expect["content_type"] not in content_type:
        errors.append(f"content type {content_type!r} is not {expect['content_type']!r}")
    if "items" in expect:
        items = get_path(body, expect["items"])
    elif isinstance(body, Mapping) and isinstance(body.get("items"), list):
        items = body["items"]
    else:
        items = body
    if any(k in expect for k in ("total", "total_ge", "total_le")):
        total = body.get("total", MISSING) if isinstance(body, Mapping) else MISSING
        if total is MISSING:
            total = len(items) if isinstance(items, list) else MISSING
        for key, op in (("total", "eq"), ("total_ge", "ge"), ("total_le", "le")):
            if key in expect and (total is MISSING or not OPS[op](total, expect[key], None)):
                errors.append(f"{key} {expect[key]} failed on total {total}")
    needs_items = {"contains_names", "excludes_names", "names_equal", "all_items_match", "any_item_matches"}
    if needs_items & set(expect) and not isinstance(items, list):
        return [*errors, f"no list of items at {expect.get('items', 'items')!r}: {text[:300]}"]
    name_field = expect.get("name_field", "name")
    if "contains_names" in expect:
        names = set(names_of(items, name_field))
        missing = [n for n in expect["contains_names"] if n not in names]
        if missing:
            errors.append(f"missing names {missing}")
    if "excludes_names" in expect:
        names = set(names_of(items, name_field))
        present = [n for n in expect["excludes_names"] if n in names]
        if present:
            errors.append(f"names that should not be there {present}")
    if "names_equal" in expect:
        names = set(names_of(items, name_field))
        want = set(expect["names_equal"])
        if names != want:
            errors.append(f"names differ: missing {sorted(want - names)}, extra {sorted(names - want)}")
    if "all_items_match" in expect:
        if not items and not expect.get("allow_empty", False):
            errors.append("all_items_match on an empty list")
        for item in items:
            problems = match(item, expect["all_items_match"])
            if problems:
                errors.append(f"item {_label(item)}: {problems}")
                break
    for cond in _as_list(expect.get("any_item_matches")):
        if not any(not match(item, cond) for item in items):
            errors.append(f"no item matches {cond}")
    if "fields" in expect:
        errors.extend(match(body, expect["fields"]))
    for needle in _as_list(expect.get("text_contains")):
        if needle not in text:
            errors.append(f"text lacks {needle!r}")
    for needle in _as_list(expect.get("text_excludes")):
        if needle in text:
            errors.append(f"text has {needle!r}")
    return errors


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---- requests -------------------------------------------------------------------------------------------------


def _fill(value: Any, refs: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: refs.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_fill(v, refs) for v in value]
    if isinstance(value, Mapping):
        return {k: _fill(v, refs) for k, v in value.items()}
    return value


def resolve_refs(demo: Demo, specs: Mapping[str, Any]) -> dict[str, str]:
    """Ids looked up by name: {ref: {path, params, items, where, take}} → the `take` field of the first item of
    GET path?params matching `where`. Ids are hashes; questions name things as analysts do. A ref that finds
    nothing raises LookupError (not an assertion): it is never taken for the question's defect."""
    refs: dict[str, str] = {}
    for key, spec in specs.items():
        resp = demo.client.get(_fill(spec["path"], refs), params=_fill(spec.get("params"), refs))
        if resp.status_code != 200:
            raise LookupError(f"ref {key}: {spec['path']} answered {resp.status_code}")
        body = resp.json()
        items = get_path(body, spec.get("items", "items"))
        hits = [i for i in items if not match(i, spec.get("where", {}))] if isinstance(items, list) else []
        if not hits:
            raise LookupError(f"ref {key}: nothing in {spec['path']} {spec.get('params')} matches {spec.get('where')}")
        refs[key] = str(get_path(hits[0], spec.get("take", "id")))
    return refs


def ask(demo: Demo, request: Mapping[str, Any]) -> tuple[int, Any, str, str]:
    """(status, JSON body or None, text, content type)."""
    method = request.get("method", "GET").upper()
    if method == "EXPORT":  # not HTTP: `innokg export --format F [--query Q]`; JSONL is read back as a list
        text = demo.export(request["format"], request.get("query"), request.get("params"))
        records = (
            [json.loads(line) for line in text.splitlines() if line.strip()] if request["format"] == "jsonl" else None
        )
        return 200, records, text, ""
    if request.get("client") == "upload":
        client = demo.upload()
        headers = demo.upload_headers if request.get("auth", True) else {}
        files = [("files", (f["name"], f["content"].encode("utf-8"))) for f in request.get("files", [])]
        data = request.get("form")
        resp = client.request(method, request["path"], files=files or None, data=data, headers=headers)
    else:
        resp = demo.client.request(method, request["path"], params=request.get("params"), json=request.get("body"))
    try:
        body = resp.json()
    except ValueError:
        body = None
    text = json.dumps(body, ensure_ascii=False) if body is not None else resp.text
    return resp.status_code, body, text, resp.headers.get("content-type", "")


def test_the_bundled_demo_data_loads(demo: Demo) -> None:
    assert demo.failed == []


def test_questions_file_is_well_formed() -> None:
    ids = [q.get("id") for q in QUESTIONS]
    assert len(ids) == len(set(ids)), "question ids must be unique"
    for q in QUESTIONS:
        lacking = [k for k in REQUIRED if not q.get(k)]
        assert not lacking, f"{q.get('id')}: missing {lacking}"
        unknown = set(q["expect"]) - EXPECT_KEYS
        assert not unknown, f"{q['id']}: unknown expectation keys {sorted(unknown)} (known: {sorted(EXPECT_KEYS)})"
    assert len(QUESTIONS) >= 60


def test_docs_table_matches_the_questions() -> None:
    """docs/reference/acceptance.md lists every question with `pass` or `known defect: …`, as the YAML says today."""
    rows = re.findall(
        r"^\| \d+ \| `([^`]+)` \|.*\| (pass|known defect: [^|]+?) \|$", DOCS_FILE.read_text("utf-8"), re.M
    )
    documented = dict(rows)
    wanted = {q["id"]: f"known defect: {q['defect']}" if q.get("defect") else "pass" for q in QUESTIONS}
    assert documented == wanted


@pytest.mark.parametrize("q", _params())
def test_question(q: dict[str, Any], demo: Demo) -> None:
    refs = resolve_refs(demo, q.get("refs", {}))
    status, body, text, content_type = ask(demo, _fill(q["request"], refs))
    errors = check(_fill(q["expect"], refs), status, body, text, content_type)
    assert not errors, f"{q['id']}: {q['question']}\n  " + "\n  ".join(errors)
