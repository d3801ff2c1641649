"""The `innokg` command line. Verbs are thin: they parse options and call ingest/ or app/ services.

Every verb that touches the graph takes --store (default: $INNOKG_STORE or embedded:./data/graph).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from app.settings import get_settings, store_from_settings

cli = typer.Typer(
    name="innokg",
    help="InnoKG: the knowledge graph of China's S&T innovation platforms.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", "-s", help="Store URL: embedded:PATH | neo4j://host:7687 | bolt://host:7687", show_default=False
    ),
]


def _open(store: str | None) -> Any:
    from app.store.protocol import StoreError

    try:
        return store_from_settings(get_settings(), store)
    except (StoreError, ValueError, RuntimeError) as exc:
        where = _redact(store or get_settings().store)
        err.print(f"cannot open the store {where}: {exc}", style="red", highlight=False, markup=False)
        raise typer.Exit(2) from exc


def _redact(url: str) -> str:
    """A store URL fit to print: a password in it is replaced by ***."""
    import re

    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


class _FileProgress:
    """A progress bar over a run's files, weighted by size (a 50 MB list counts more than a 2 kB notice).
    Drawn on stderr only when it is a terminal: logs and pipes get the per-file lines and the summary."""

    def __init__(self, files: list[Path], console: Console = err) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self._sizes = {p: (p.stat().st_size if p.is_file() else 0) for p in files}
        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            DownloadColumn(binary_units=True),
            TextColumn("{task.fields[files]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._total_files = len(files)
        self._done = 0
        self._task = self._progress.add_task(
            "ingest", total=sum(self._sizes.values()) or None, files=f"0/{self._total_files} files"
        )

    def advance(self, path: Path) -> None:
        self._done += 1
        self._progress.update(
            self._task,
            advance=self._sizes.get(path, 0),
            files=f"{self._done}/{self._total_files} files",
            description=f"ingest {path.name[:40]}",
        )

    def __enter__(self) -> _FileProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()


@cli.command()
def init(store: StoreOpt = None) -> None:
    """Create the schema (constraints, indexes) and load the gazetteer + taxonomy frame."""
    from ingest.pipeline.run import ensure_initialised

    st = _open(store)
    try:
        ensure_initialised(st)
        out.print(f"initialised {st.url} ({st.backend})")
    finally:
        st.close()


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (policy texts, inventories)")],
    store: StoreOpt = None,
    kind: Annotated[str, typer.Option(help="auto | policy | inventory")] = "auto",
    chunk: Annotated[int, typer.Option(help="Rows per UNWIND statement")] = 10_000,
    rejects: Annotated[Path | None, typer.Option(help="Write rejected inventory rows here (JSON lines)")] = None,
    bulk: Annotated[
        bool | None,
        typer.Option(
            "--bulk/--no-bulk",
            help="First load into an empty embedded store with GRAPH.BULK (default: when the graph is new)",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest files into the graph: idempotent; a changed file replaces its own facts."""
    from ingest.pipeline.run import FileOutcome, expand, ingest_paths
    from ingest.pipeline.summary import run_summary

    if kind not in {"auto", "policy", "inventory"}:
        raise typer.BadParameter("kind must be auto, policy or inventory")
    st = _open(store)
    rejects_fh = rejects.open("w", encoding="utf-8") if rejects else None
    files = expand(paths)
    progress = _FileProgress(files)

    def report(o: FileOutcome) -> None:
        progress.advance(o.path)
        if o.error is not None:
            err.print(f"[red]error[/red] {o.error}")
            return
        # rows read / loaded / rejected by reason, new vs existing entities (ingest.pipeline.run.FileOutcome.summary)
        out.print(o.summary(), highlight=False)
        for rej in o.rejects:
            if rejects_fh is not None:
                rejects_fh.write(json.dumps(rej, ensure_ascii=False, default=str) + "\n")
            else:
                err.print(f"  rejected: {rej}", highlight=False)

    from app.store.protocol import StoreError

    try:
        with progress:
            result = ingest_paths(
                st,
                files,
                kind=kind,  # type: ignore[arg-type]  # checked against the Literal above
                chunk=chunk,
                on_file=report,
                bulk="auto" if bulk is None else bulk,
            )
    except StoreError as exc:
        # The store failed under the run (server gone, disk full): files reported above are complete;
        # the same command again resumes (a document left half-written is reloaded).
        from rich.markup import escape

        err.print(f"[red]ingest stopped: {escape(str(exc))}[/red]", highlight=False)
        err.print("files reported above are loaded; fix the cause and re-run the same command to finish")
        raise typer.Exit(2) from exc
    finally:
        st.close()
        if rejects_fh is not None:
            rejects_fh.close()
    for line in run_summary(result):
        out.print(line, highlight=False)
    ok = len(result.files) - len(result.failed)
    out.print(f"{ok} file(s) ingested, {len(result.failed)} failed")
    if result.failed:
        raise typer.Exit(1)


@cli.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Policy documents")],
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
) -> None:
    """Extract typed facts with spans from policy documents and print them (no store is touched)."""
    from ingest.policy.pipeline import extract_paths

    if fmt != "json":
        raise typer.BadParameter("only --format json is supported")
    docs, errors = extract_paths(paths)
    payload = {"documents": [d.to_contract() for d in docs]}
    if errors:
        payload["errors"] = [e.to_dict() for e in errors]
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    for e in errors:
        err.print(f"[red]error[/red] {e}")
    if errors:
        raise typer.Exit(1)


@cli.command("eval")
def evaluate(
    gold: Annotated[
        list[Path] | None, typer.Option("--gold", help="Gold file(s) of the seeds_gold.json shape (repeatable)")
    ] = None,
    split: Annotated[
        list[str] | None,
        typer.Option(
            "--split",
            help="seeds | constructed | dev | dev2 | dev3 | dev4 | dev5 | dev6 | dev7 | dev8 | test | holdout | all "
            "(repeatable)",
        ),
    ] = None,
    paths: Annotated[list[Path] | None, typer.Argument(help="Documents (default: those the gold names)")] = None,
) -> None:
    """Score the extractor per kind (precision / recall / F1) against one or more gold files."""
    from ingest.policy.eval import evaluate, gold_paths, split_golds
    from ingest.policy.pipeline import extract_paths

    golds = list(gold or []) + [g for s in split or [] for g in split_golds(s)]
    if not golds:
        raise typer.BadParameter(
            "give --gold FILE (repeatable) or --split "
            "seeds|constructed|dev|dev2|dev3|dev4|dev5|dev6|dev7|dev8|test|holdout|all"
        )
    failed = False
    for i, g in enumerate(golds):
        docs, errors = extract_paths(paths or gold_paths(g))
        for e in errors:
            err.print(f"[red]error[/red] {e}")
        failed = failed or bool(errors)
        out.print(("\n" if i else "") + evaluate(g, docs).to_markdown(), highlight=False)
    if failed:
        raise typer.Exit(1)


def _log_config() -> dict[str, Any]:
    """uvicorn's logging plus the app's own ``innokg.*`` loggers (uploads: who loaded what) at INFO."""
    from uvicorn.config import LOGGING_CONFIG

    cfg = json.loads(json.dumps(LOGGING_CONFIG))  # a deep copy: uvicorn's dict is module state
    cfg["loggers"]["innokg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return cfg


@cli.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000)")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes, each with its own store connections and caches (default 2)")
    ] = None,
    threads: Annotated[int | None, typer.Option(help="Threads per worker for sync routes (default 40)")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import os

    import uvicorn

    if store:
        os.environ["INNOKG_STORE"] = store
        get_settings.cache_clear()
    if threads is not None:
        os.environ["INNOKG_THREADS"] = str(threads)  # read by every worker process at start
    os.environ.setdefault("INNOKG_WARM_ON_START", "1")  # the served app fills its caches at start
    get_settings.cache_clear()
    s = get_settings()
    h, p = host or s.host, port or s.port
    from app.api.security import write_key_problem

    out.print(f"InnoKG API on http://{h}:{p}  — docs: http://{h}:{p}/docs  — store: {_redact(s.store)}")
    # Say which doors are open (never the keys themselves): an analyst wonders why POST /ingest answers 403.
    writes = write_key_problem(s) or "POST /ingest enabled (INNOKG_API_KEY set)"
    reads = "need a key (INNOKG_READ_KEY / INNOKG_PROTECT_READS)" if s.reads_protected else "open"
    out.print(f"writes: {writes}; reads: {reads}", highlight=False)
    # Several processes and uvloop + httptools (uvicorn picks them when installed): docs/benchmarks/api.md.
    n = workers or s.workers
    out.print(f"{n} worker process(es), {s.threads if threads is None else threads} threads each", highlight=False)
    uvicorn.run(
        "app.api.main:create_app",
        factory=True,
        host=h,
        port=p,
        workers=n,
        log_level="info",
        log_config=_log_config(),
    )


@cli.command()
def cypher(
    query: Annotated[str | None, typer.Argument(help="A query, ':queries', ':schema' or ':run NAME k=v…'")] = None,
    store: StoreOpt = None,
) -> None:
    """Run a read-only Cypher query and print a table; with no query, open the console."""
    from app.cli.console import run_console, run_one

    st = _open(store)
    try:
        if query is None:
            run_console(st)
        else:
            raise typer.Exit(run_one(st, query))
    finally:
        st.close()


@cli.command()
def status(store: StoreOpt = None) -> None:
    """Say whether the store answers, what it runs, and how many nodes it holds by label."""
    from app.services.health import counts

    st = _open(store)
    try:
        h = st.health()
        out.print(f"store {h.url} ({h.backend}): {'up' if h.ok else 'DOWN'} {h.server_version or h.detail or ''}")
        if h.ok:
            table = Table("label", "nodes")
            for label, n in counts(st).items():
                table.add_row(label, str(n))
            out.print(table)
    finally:
        st.close()
    if not h.ok:
        raise typer.Exit(1)


@cli.command()
def stop(store: StoreOpt = None) -> None:
    """Stop the embedded FalkorDB server of this store (data stays on disk)."""
    from app.store.factory import stop_local

    stopped = stop_local(store or get_settings().store)
    if stopped is None:
        out.print("nothing to stop: this store's server runs outside InnoKG")
        return
    out.print("stopped" if stopped else "no embedded server was running")


@cli.command()
def duplicates(
    store: StoreOpt = None,
    region: Annotated[str | None, typer.Option(help="Province or city")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Canonical platform type")] = None,
    kind: Annotated[str | None, typer.Option(help="same_entity | overlap | transition_overlap")] = None,
    min_score: Annotated[float, typer.Option(help="Lowest score reported")] = 0.0,
    fmt: Annotated[str, typer.Option("--format", help="json | csv | html")] = "json",
) -> None:
    """Find duplicate construction (重复建设) among the platforms in the graph."""
    from typing import cast

    from app.services.duplicates import Format, detect, render

    if fmt not in ("json", "csv", "html"):
        raise typer.BadParameter("--format must be json, csv or html")
    st = _open(store)
    try:
        report = detect(st, region=region, type_=type_, kind=kind, min_score=min_score)
    finally:
        st.close()
    sys.stdout.write(render(report, cast(Format, fmt)))


@cli.command()
def export(
    out_path: Annotated[Path, typer.Option("--out", help="File to write")],
    fmt: Annotated[str, typer.Option("--format", help="graphml | gexf | csv | jsonl")] = "graphml",
    query: Annotated[str | None, typer.Option(help="Named query whose rows/subgraph to export")] = None,
    store: StoreOpt = None,
) -> None:
    """Export the graph (or a named query's answer) for Gephi, networkx or pandas."""
    from app.services.export import export as do_export

    st = _open(store)
    try:
        n = do_export(st, out_path, fmt, query)
    except (ValueError, KeyError) as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        st.close()
    out.print(f"wrote {n} records to {out_path}")


notebooks_cli = typer.Typer(help="The analysis notebooks (notebooks/*.ipynb).", no_args_is_help=True)
cli.add_typer(notebooks_cli, name="notebooks")


@notebooks_cli.command("run")
def notebooks_run(
    names: Annotated[list[str] | None, typer.Argument(help="Notebooks (name or prefix: 01); default all")] = None,
    store: StoreOpt = None,
    graph: Annotated[str | None, typer.Option(help="Graph name in the store (default: the settings' graph)")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Executed notebooks and figures/ go here")] = Path(
        "notebooks-out"
    ),
    timeout: Annotated[int, typer.Option(help="Seconds per cell")] = 600,
) -> None:
    """Execute the notebooks against a loaded store (relative embedded paths: from this directory)."""
    from app.cli import notebooks as nbrun

    settings = get_settings()
    try:
        url = nbrun.absolute_store_url(store or settings.store)
        nbrun.check_store_path(url)
        paths = nbrun.select(names)
    except (nbrun.NotebookError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    name = graph or settings.graph
    st = store_from_settings(settings.model_copy(update={"graph": name}), url)
    try:
        docs = nbrun.check_loaded(st, url)
    except nbrun.NotebookError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    finally:
        st.close()
    out.print(f"store {url} (graph {name}): {docs} documents; {len(paths)} notebook(s) → {out_dir.resolve()}")
    try:
        ran = nbrun.execute(paths, url=url, graph=name, out=out_dir.resolve(), timeout_s=timeout, progress=out.print)
    except nbrun.NotebookError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    for r in ran:
        out.print(f"{r.notebook}: ok in {r.seconds} s → {r.output}")


@cli.command()
def synth(
    platforms: Annotated[int, typer.Option(help="How many platforms")] = 3000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same files)")] = 7,
    out_dir: Annotated[Path, typer.Option("--out", help="Output directory")] = Path("data/synth"),
    institutions: Annotated[
        int | None, typer.Option(help="About this many host institutions (more synthetic ones); default: recipe")
    ] = None,
    clusters: Annotated[int | None, typer.Option(help="This many lab clusters; default: 12 + 1 per 20k")] = None,
) -> None:
    """Generate realistic inventories with planted, labelled duplicate construction."""
    from ingest.synth import generate

    manifest = generate(platforms, seed, out_dir, institutions=institutions, clusters=clusters)
    out.print(manifest)


# --- the local Neo4j (app/store/neo4j/server.py through app/store/factory.py; docs/neo4j-local.md) ----------

neo4j_cli = typer.Typer(
    help="The local Neo4j 5 Community InnoKG runs itself (no Docker): start, stop, status.", no_args_is_help=True
)
cli.add_typer(neo4j_cli, name="neo4j")
DirOpt = Annotated[Path, typer.Option("--dir", "-d", help="Its directory: data, logs, password, state")]
DEFAULT_NEO4J_DIR = Path("data/neo4j")


@neo4j_cli.command("start")
def neo4j_start(
    dir: DirOpt = DEFAULT_NEO4J_DIR,
    port: Annotated[int | None, typer.Option(help="Bolt port (default: the last one, else any free one)")] = None,
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 1g")] = "1g",
    pagecache: Annotated[
        str, typer.Option(help="Page cache, e.g. 1g: as large as the store files for a 1M graph (~1.2 GB)")
    ] = "256m",
    timeout: Annotated[float, typer.Option(help="Seconds to wait until it answers")] = 300.0,
    warm: Annotated[
        bool, typer.Option(help="After a fresh start, read the store and run each serving statement once")
    ] = True,
) -> None:
    """Start the local Neo4j of DIR (or reuse the running one); the LAST stdout line is its store URL."""
    from app.store import factory

    fresh = not factory.neo4j_status(dir).get("running")
    url = factory.neo4j_start(dir, port=port, heap=heap, pagecache=pagecache, timeout_s=timeout)
    st = factory.neo4j_status(dir)
    out.print(f"neo4j {st.get('version') or ''} running in {st['dir']} (pid {st.get('pid')})", highlight=False)
    if st.get("browser"):
        out.print(f"browser: {st['browser']}", highlight=False)
    if warm and fresh:
        _warm_neo4j(url)
    sys.stdout.flush()
    print(url, flush=True)  # the contract: the last line is a URL every --store accepts


def _warm_neo4j(url: str) -> None:
    """The warm start (app.services.warm): the first requests after a restart are not cold. Best effort:
    the server runs either way."""
    from app.services.warm import warm
    from app.store import factory

    try:
        store = factory.open_store(url)
        try:
            out.print(f"warmed: {warm(store).summary()}", highlight=False)
        finally:
            store.close()
    except Exception as exc:  # a store not yet initialised, a read-only account …: say so, serve anyway
        out.print(f"warm start skipped: {_one_line(exc)}", highlight=False)


@neo4j_cli.command("stop")
def neo4j_stop(dir: DirOpt = DEFAULT_NEO4J_DIR) -> None:
    """Stop the local Neo4j of DIR (a clean shutdown; the data stays)."""
    from app.store import factory

    out.print("stopped" if factory.neo4j_stop(dir) else f"no Neo4j was running in {dir}")


@neo4j_cli.command("status")
def neo4j_status(dir: DirOpt = DEFAULT_NEO4J_DIR) -> None:
    """Whether the local Neo4j of DIR runs (exit 1 if not), its pid, port, URL and files."""
    from app.store import factory

    st = factory.neo4j_status(dir)
    for key in ("running", "pid", "port", "version", "browser", "dir", "data_dir", "log", "startup_ms"):
        out.print(f"{key}: {st.get(key)}", highlight=False)
    if st.get("url"):
        out.print(f"url: {st['url']}", highlight=False)
    if not st.get("running"):
        raise typer.Exit(1)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500]


def main() -> None:
    """Store failures (a server down, a refused password, a bad URL) end in one line naming the URL, no traceback."""
    from app.store.protocol import StoreError

    try:
        cli()
    except StoreError as exc:
        err.print(f"error: {_one_line(exc)}", style="red", highlight=False, markup=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
