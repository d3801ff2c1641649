"""Neo4j Browser favourites generated from the named queries (cypher/queries/).

Neo4j Browser imports favourites from ``.cypher`` files or a ``.zip`` of them (Favorites panel →
Import); the first comment line becomes the favourite's title and folders become favourite folders.
Each favourite lists its parameters as a ``:params`` line to run first, so the text pasted in Browser is
exactly what the API runs. Regenerate with ``write_favorites(Path("cypher/browser/innokg-favorites.zip"))``;
a test fails when the committed file is stale.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.store.queries import NamedQuery, cypher_dir, named_queries

FOLDER = "InnoKG"
DEFAULT_PATH = Path("browser") / "innokg-favorites.zip"  # under cypher/
_EXAMPLES: dict[str, str] = {"skip": "0", "limit": "20", "per_group": "10", "per_label": "10", "min_score": "0.3"}


def favorite_text(q: NamedQuery) -> str:
    params = ", ".join(f"{p}: {_EXAMPLES.get(p, 'null')}" for p in q.params)
    head = [f"// InnoKG · {q.name}: {q.description}"]
    if q.params:
        head.append(f"// First run:  :params {{{params}}}")
    body = [line for line in q.text.splitlines() if not line.startswith(("// name:", "// description:", "// params:"))]
    return "\n".join(head + body).strip() + "\n"


def favorites(backend: str = "neo4j") -> dict[str, str]:
    """File name in the archive → favourite text, for every named query (dedup_* included)."""
    return {f"{FOLDER}/{name}.cypher": favorite_text(q) for name, q in sorted(named_queries(backend).items())}


def write_favorites(out: Path | None = None, backend: str = "neo4j") -> int:
    """Write the favourites zip (deterministic bytes: fixed timestamps, sorted entries); returns the count."""
    path = out or cypher_dir() / DEFAULT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    items = favorites(backend)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in items.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return len(items)
