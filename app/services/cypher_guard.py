"""Parse-time guard for user Cypher (POST /cypher, the console), run before a query reaches the engine.

The engine's parser is exponential in nesting depth (depth 20: 2.3 s, 24: > 20 s, and its query timeout
does not cover parsing), and ``range()`` materialises its whole list before any timeout or memory
capacity check (``range(1, 1000000000)`` took the server to 24 GB and the OOM killer). Both are refused
here in one linear scan, with a 400 naming the limit; docs/operations/reliability.md lists every limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class QueryRejected(ValueError):
    """A query refused before it reached the engine; ``limit`` names the setting it broke."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class QueryLimits:
    max_chars: int = 20_000  # INNOKG_CYPHER_MAX_CHARS
    max_depth: int = 12  # INNOKG_CYPHER_MAX_DEPTH: (), [], {} and NOT chains, combined
    max_literal_items: int = 1_000  # INNOKG_CYPHER_MAX_LITERAL_ITEMS: items of one list/map literal
    max_range: int = 1_000_000  # INNOKG_CYPHER_MAX_RANGE: elements of one range()
    max_param_bytes: int = 1_000_000  # INNOKG_CYPHER_MAX_PARAM_BYTES: all parameters, as text


_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_WORD = re.compile(r"\w+")
_RANGE = re.compile(r"\brange\s*\(", re.IGNORECASE)
_INT = re.compile(r"^-?\d+$")
_PARAM = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")


def _skip_quoted(text: str, i: int) -> int:
    """Index just past the string or backticked name opening at text[i]."""
    quote = text[i]
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if c == "\\" and quote != "`":
            j += 2
            continue
        if c == quote:
            return j + 1
        j += 1
    return n


def _skip_comment(text: str, i: int) -> int:
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end + 1
    end = text.find("*/", i + 2)
    return len(text) if end < 0 else end + 2


def code_only(text: str) -> str:
    """The query with string contents, backticked names and comments blanked (same length)."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            j = _skip_quoted(text, i)
            out.append(c + " " * max(j - i - 2, 0) + (c if j - i >= 2 else ""))
            i = j
        elif text.startswith("//", i) or text.startswith("/*", i):
            j = _skip_comment(text, i)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _check_nesting(code: str, limits: QueryLimits) -> None:
    """Bracket depth plus the NOT chain in front of it, and the item count of each literal."""
    stack: list[list[int]] = []  # per open bracket: [depth including NOTs, top-level commas]
    nots = 0
    depth_limit = limits.max_depth
    i = 0
    n = len(code)
    while i < n:
        c = code[i]
        m = _WORD.match(code, i) if (c.isalnum() or c == "_") else None
        if m is not None:
            word = m.group(0)
            i = m.end()
            if word.upper() == "NOT":
                nots += 1
                base = stack[-1][0] if stack else 0
                if base + nots > depth_limit:
                    raise _too_deep(depth_limit)
            elif word.upper() not in ("AND", "OR", "XOR"):
                nots = 0
            continue
        if c in _OPEN:
            base = stack[-1][0] if stack else 0
            depth = base + nots + 1
            if depth > depth_limit:
                raise _too_deep(depth_limit)
            stack.append([depth, 0])
            nots = 0
        elif c in _CLOSE:
            if stack:
                stack.pop()
            nots = 0
        elif c == ",":
            if stack:
                stack[-1][1] += 1
                if stack[-1][1] >= limits.max_literal_items:
                    raise QueryRejected(
                        f"a list, map or argument list has more than {limits.max_literal_items} items "
                        "(INNOKG_CYPHER_MAX_LITERAL_ITEMS): pass large lists as a parameter",
                        "INNOKG_CYPHER_MAX_LITERAL_ITEMS",
                    )
        elif not c.isspace():
            nots = 0
        i += 1


def _too_deep(limit: int) -> QueryRejected:
    return QueryRejected(
        f"the query nests (), [], {{}} or NOT more than {limit} deep (INNOKG_CYPHER_MAX_DEPTH)",
        "INNOKG_CYPHER_MAX_DEPTH",
    )


def _range_args(code: str, start: int) -> list[str]:
    """The top-level comma-separated arguments of the call whose '(' is at code[start - 1]."""
    depth = 0
    args: list[str] = []
    cur = start
    for j in range(start, len(code)):
        c = code[j]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            if depth == 0:
                args.append(code[cur:j].strip())
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append(code[cur:j].strip())
            cur = j + 1
    return args


def _int_value(arg: str, params: Mapping[str, Any]) -> int | None:
    if _INT.match(arg):
        return int(arg)
    m = _PARAM.match(arg)
    if m:
        value = params.get(m.group(1))
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _check_ranges(code: str, params: Mapping[str, Any], limits: QueryLimits) -> None:
    for m in _RANGE.finditer(code):
        if m.start() > 0 and (code[m.start() - 1] == "." or code[m.start() - 1] == "_"):
            continue  # a property or function named …range
        args = _range_args(code, m.end())
        values = [_int_value(a, params) for a in args]
        if len(values) not in (2, 3) or any(v is None for v in values):
            raise QueryRejected(
                "range() bounds must be integer literals or integer parameters, so that its size is "
                f"known before it runs (at most {limits.max_range} elements: INNOKG_CYPHER_MAX_RANGE)",
                "INNOKG_CYPHER_MAX_RANGE",
            )
        lo, hi = values[0], values[1]
        step = values[2] if len(values) == 3 else 1
        assert lo is not None and hi is not None and step is not None
        size = 0 if step == 0 else max(0, (hi - lo) // step + 1)
        if step == 0 or size > limits.max_range:
            raise QueryRejected(
                f"range() would build {size} elements; at most {limits.max_range} (INNOKG_CYPHER_MAX_RANGE)",
                "INNOKG_CYPHER_MAX_RANGE",
            )


def _param_chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Mapping):
        return sum(len(str(k)) + _param_chars(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return sum(_param_chars(v) + 1 for v in value)
    return 8


def check_query(text: str, params: Mapping[str, Any] | None, limits: QueryLimits) -> None:
    """Raise QueryRejected when the query breaks a limit; linear in its length."""
    if "\x00" in text:
        raise QueryRejected("the query contains a NUL character", "NUL")
    if len(text) > limits.max_chars:
        raise QueryRejected(
            f"the query has {len(text)} characters; at most {limits.max_chars} (INNOKG_CYPHER_MAX_CHARS)",
            "INNOKG_CYPHER_MAX_CHARS",
        )
    params = params or {}
    if _param_chars(params) > limits.max_param_bytes:
        raise QueryRejected(
            f"the parameters exceed {limits.max_param_bytes} characters (INNOKG_CYPHER_MAX_PARAM_BYTES)",
            "INNOKG_CYPHER_MAX_PARAM_BYTES",
        )
    code = code_only(text)
    _check_nesting(code, limits)
    _check_ranges(code, params, limits)


_TRAILING_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)
_RETURN = re.compile(r"\bRETURN\b", re.IGNORECASE)
_UNION = re.compile(r"\bUNION\b", re.IGNORECASE)
_CALL = re.compile(r"\bCALL\b", re.IGNORECASE)
_PARAM_LIMIT = re.compile(r"\bLIMIT\s+[^\s\d][^\s]*\s*$", re.IGNORECASE)


def with_row_cap(text: str, cap: int) -> str:
    """The query with its final RETURN limited to ``cap`` rows, so the engine never builds more (one
    more than the caller keeps, to tell a truncated answer). Queries whose end is not a plain RETURN
    (UNION, procedure calls) are left as they are: the engine's RESULTSET_SIZE bounds those."""
    code = code_only(text).rstrip()
    body = text[: len(code)]
    while code.endswith(";"):
        code = code[:-1].rstrip()
        body = body[: len(code)]
    returns = list(_RETURN.finditer(code))
    if not returns or _UNION.search(code) or _CALL.search(code, returns[-1].start()) or _PARAM_LIMIT.search(code):
        return text
    tail = code[returns[-1].start() :]
    if tail.count("}") > tail.count("{"):
        return text  # the last RETURN closes a subquery (CALL { … RETURN … }): not the query's end
    m = _TRAILING_LIMIT.search(code)
    if m:
        if int(m.group(1)) <= cap:
            return body
        return body[: m.start()] + f"LIMIT {cap}"
    return f"{body}\nLIMIT {cap}"
