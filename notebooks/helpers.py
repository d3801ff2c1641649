"""Notebook helpers: a private embedded store loaded with the bundled demo data, figures, CJK labels.

Every notebook starts with ``store = helpers.sample_store()`` (a throw-away FalkorDB server in a temp
directory into which ``ingest_paths`` loads data/corpus — the five real policy texts — and data/sample —
the generated inventories and lab-cluster lists —, exactly what ``make demo`` ingests) and ends with
``helpers.close(store)``. Point INNOKG_NOTEBOOK_STORE at a store URL to run the same notebook against a
real (already loaded) graph instead — an empty one is refused. ``innokg notebooks run --store URL``
does that for every notebook (docs/reference/api.md "Notebooks").
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from app.store.factory import open_store  # noqa: E402
from app.store.falkordb.server import stop_server  # noqa: E402
from app.store.falkordb.store import FalkorStore  # noqa: E402
from app.store.named import run  # noqa: E402
from app.store.protocol import GraphStore  # noqa: E402
from ingest.pipeline.run import ingest_paths  # noqa: E402

FIGURES = Path(os.environ.get("INNOKG_FIGURES", REPO / "notebooks" / "figures"))
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Source Han Sans SC",
)
_TEMP: dict[int, Path] = {}
DEMO_PATHS = (REPO / "data" / "corpus", REPO / "data" / "sample")


def cjk_font() -> str | None:
    """A font with Chinese glyphs, if the machine has one (Debian: apt install fonts-noto-cjk)."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in _CJK_FONTS if n in names), None)


CJK = cjk_font()
if CJK:
    plt.rcParams["font.sans-serif"] = [CJK, *plt.rcParams["font.sans-serif"]]
    plt.rcParams["axes.unicode_minus"] = False
else:
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")


def label(text: str | None, fallback: str) -> str:
    """Chinese text when a CJK font can draw it, else the short fallback key (listed in a table)."""
    return (text or fallback) if CJK else fallback


def sample_store() -> GraphStore:
    """The demo graph: INNOKG_NOTEBOOK_STORE if set, else data/corpus + data/sample ingested afresh."""
    url = os.environ.get("INNOKG_NOTEBOOK_STORE")
    if url:
        graph = os.environ.get("INNOKG_NOTEBOOK_GRAPH")
        store = open_store(url, graph=graph) if graph else open_store(url)
        if not run(store, "store_fingerprint")[0]["documents"]:
            store.close()
            raise RuntimeError(
                f"the store {url} (graph {graph or 'default'}) holds no document: load it first "
                "(innokg ingest data/corpus data/sample), or unset INNOKG_NOTEBOOK_STORE for the demo data"
            )
        return store
    path = Path(tempfile.mkdtemp(prefix="innokg-nb-"))
    store = FalkorStore(path, graph="demo")
    report = ingest_paths(store, list(DEMO_PATHS))
    if report.failed:
        raise RuntimeError("demo ingest failed: " + "; ".join(f.summary() for f in report.failed))
    _TEMP[id(store)] = path
    return store


def close(store: GraphStore) -> None:
    store.close()
    path = _TEMP.pop(id(store), None)
    if path is not None:
        stop_server(path)
        shutil.rmtree(path, ignore_errors=True)


def save(fig: Any, name: str) -> Path:
    FIGURES.mkdir(parents=True, exist_ok=True)
    out = FIGURES / f"{name}.png"
    fig.savefig(out, dpi=110, bbox_inches="tight")
    return out


def table(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    """A plain-text table (no pandas dependency)."""
    if not rows:
        return "(no rows)"
    cols = columns or list(rows[0])
    from wcwidth import wcswidth

    def w(x: Any) -> int:
        return max(0, wcswidth(str(x)))

    widths = [max(w(c), *(w(r.get(c, "")) for r in rows)) for c in cols]

    def line(vals: list[Any]) -> str:
        return "  ".join(str(v) + " " * (wd - w(v)) for v, wd in zip(vals, widths, strict=True))

    return "\n".join(
        [line(cols), line(["-" * wd for wd in widths]), *(line([r.get(c, "") for c in cols]) for r in rows)]
    )
