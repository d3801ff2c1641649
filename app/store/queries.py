"""Named Cypher files: the only place Cypher text comes from.

Layout of ``cypher/``:
- ``schema/<backend>.cypher``: constraints and indexes, generated from app.model.schema;
- ``templates/<name>.cypher``: loader and bookkeeping statements; ``{label}``, ``{rel}``, ``{src}``,
  ``{dst}`` placeholders are filled only with names from app.model.schema (labels cannot be Cypher
  parameters);
- ``queries/<name>.cypher``: every analyst question, shared dialect; ``<name>.<backend>.cypher``
  overrides it for one engine where the dialect forces it.

A named query starts with ``//`` header lines: ``// name:``, ``// description:``, ``// params: a, b``
(each ``param`` may be followed by ``=default`` in the description only). The API runs these files and
an analyst pastes the same text into Neo4j Browser or ``innokg cypher``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

from app.model.schema import Label, Rel

BACKENDS = ("falkordb", "neo4j")
_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*)$")
_PLACEHOLDER = re.compile(r"\{(label|rel|src|dst)\}")


def cypher_dir() -> Path:
    """cypher/ next to the packages in a checkout; app/_cypher inside an installed wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "cypher", here / "_cypher"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cannot find the cypher/ directory")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str = ""
    params: tuple[str, ...] = ()
    backend: str | None = None  # None: shared dialect
    path: Path | None = field(default=None, compare=False)


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8").strip() + "\n"
    stem_parts = path.name.removesuffix(".cypher").split(".")
    name = stem_parts[0]
    backend = stem_parts[1] if len(stem_parts) > 1 else None
    description, params = "", cast(tuple[str, ...], ())
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.lstrip().startswith("//"):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "description":
            description = (description + " " + value).strip()
        elif key == "params":
            params = tuple(p.strip() for p in value.split(",") if p.strip())
        elif key == "name" and value != name:
            raise ValueError(f"{path}: header name {value!r} differs from file name {name!r}")
    return NamedQuery(name, text, description, params, backend, path)


@cache
def _all_files(folder: str) -> tuple[NamedQuery, ...]:
    return tuple(parse_query_file(p) for p in sorted((cypher_dir() / folder).glob("*.cypher")))


def named_queries(backend: str) -> dict[str, NamedQuery]:
    """Every analyst query as this backend runs it (a backend variant replaces the shared one)."""
    out: dict[str, NamedQuery] = {}
    for q in _all_files("queries"):
        if q.backend is None:
            out.setdefault(q.name, q)
        elif q.backend == backend:
            out[q.name] = q
    return out


def query(name: str, backend: str) -> NamedQuery:
    try:
        return named_queries(backend)[name]
    except KeyError:
        raise KeyError(f"no named query {name!r} in cypher/queries") from None


def template(name: str, **names: Label | Rel) -> str:
    """A statement from cypher/templates/, with schema names filled into its placeholders."""
    files = {q.name: q for q in _all_files("templates")}
    if name not in files:
        raise KeyError(f"no template {name!r} in cypher/templates")
    values = {k: (v.value if isinstance(v, Label | Rel) else None) for k, v in names.items()}
    if any(v is None for v in values.values()):
        raise TypeError("placeholders take Label or Rel members only")

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in values:
            raise KeyError(f"template {name!r} needs {{{key}}}")
        return str(values[key])

    return _PLACEHOLDER.sub(fill, files[name].text)


def schema_statements(backend: str) -> list[str]:
    """Statements of cypher/schema/<backend>.cypher, split on ';' at line ends, comments dropped."""
    text = (cypher_dir() / "schema" / f"{backend}.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in re.split(r";\s*\n", body + "\n") if s.strip()]
