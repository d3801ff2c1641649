"""The API against its own OpenAPI spec with a large budget (issue 7; the light run is
tests/hardening/test_schemathesis.py): schemathesis generates --examples cases per operation against the app
(ASGI, in process) over a store holding the policy corpus and a generated inventory set; every case is
checked by every schemathesis check (issue 18): 5xx, status codes, content types and headers (Allow on 405)
the spec does not list, response bodies that do not match it, schema-valid input refused.
Failures are collected, not stopped at; the graph must be unchanged afterwards (no write key is set, so
the upload endpoint must refuse).

    .venv/bin/python bench/fault_api.py --examples 100 --platforms 3000

Prints a markdown table per operation and the first failures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402
from schemathesis.core.result import Ok  # noqa: E402

from app.api.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store.falkordb.server import stop_server  # noqa: E402
from app.store.falkordb.store import FalkorStore  # noqa: E402
from bench.synth_inputs import synth_inputs  # noqa: E402
from ingest.pipeline.run import ingest_paths  # noqa: E402
from tests.faults._graph import digest  # noqa: E402
from tests.faults.test_schemathesis import CONFIG  # noqa: E402  # every check; refusals by design named there


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=100, help="generated cases per operation")
    ap.add_argument("--platforms", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--work", type=Path, default=Path("/tmp/h3-api"))
    args = ap.parse_args()
    work: Path = args.work
    stop_server(work / "store")
    shutil.rmtree(work / "store", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    synth, _ = synth_inputs(args.platforms, args.seed, work / f"synth-{args.platforms}", True)
    store = FalkorStore(work / "store", graph="fuzz")
    report = ingest_paths(store, [REPO / "data" / "corpus", synth])
    assert not report.failed, [f.error for f in report.failed]
    app = create_app(
        Settings(store=f"embedded:{work / 'store'}", graph="fuzz", cypher_timeout_ms=2000, data_dir=work / "data")
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=SchemathesisConfig.from_dict(CONFIG))
    before = digest(store)
    ran: Counter[str] = Counter()
    status: dict[str, Counter[int]] = defaultdict(Counter)
    failures: list[tuple[str, str]] = []
    kinds: Counter[str] = Counter()
    t0 = time.perf_counter()
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the spec loads: every operation resolves
        op = result.ok()

        @settings(
            max_examples=args.examples,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def run(case: schemathesis.Case) -> None:
            label = case.operation.label
            ran[label] += 1
            try:
                response = case.call()
            except Exception as exc:  # the app raised through the ASGI transport: a server error
                kinds["exception"] += 1
                failures.append((label, f"{type(exc).__name__}: {exc}"[:300]))
                return
            status[label][response.status_code] += 1
            if response.status_code >= 500:
                kinds["5xx"] += 1
                failures.append((label, f"{response.status_code} {case.formatted_path} {response.text[:200]}"))
            try:
                case.validate_response(response)
            except Exception as exc:
                kind = "5xx" if response.status_code >= 500 else "schema"
                if kind == "schema":
                    kinds["schema"] += 1
                failures.append((label, f"{type(exc).__name__}: {str(exc)[:300]}"))

        run()
    secs = time.perf_counter() - t0
    after = digest(store)
    print(f"# schemathesis, {args.examples} examples per operation, load {os.getloadavg()[0]:.2f}")
    print(f"\n{sum(ran.values())} cases over {len(ran)} operations in {secs:.0f} s; ", end="")
    print(f"5xx: {kinds['5xx'] + kinds['exception']}, schema violations: {kinds['schema']}, ", end="")
    print(f"graph unchanged: {after == before}")
    print("\n| operation | cases | status codes |\n|---|---|---|")
    for label in sorted(ran):
        codes = ", ".join(f"{c}: {n}" for c, n in sorted(status[label].items()))
        print(f"| `{label}` | {ran[label]} | {codes} |")
    seen: set[tuple[str, str]] = set()
    if failures:
        print("\nFirst distinct failures:")
        for label, msg in failures:
            key = (label, msg[:80])
            if key in seen:
                continue
            seen.add(key)
            print(f"- `{label}`: {msg}")
            if len(seen) >= 15:
                break
    store.close()
    stop_server(work / "store")
    sys.exit(0 if not failures and after == before else 1)


if __name__ == "__main__":
    main()
