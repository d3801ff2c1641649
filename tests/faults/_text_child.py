"""Child of test_pathological_text: calls every public text function of app/text and ingest (first argument
a str, the others defaulted) on 1 MB of pathological input, printing one JSON line per call. A child, so
that a call holding the GIL for minutes (a quadratic regular expression) is ended by the parent's timeout."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import sys
import time
import typing
from collections.abc import Callable, Iterator
from typing import Any

import app.text
import ingest

# 256 KB in the suite (a quadratic pass over this is already minutes: footer_start took 24 s at 40 KB);
# INNOKG_PATHOLOGICAL_BYTES=1000000 runs the full megabyte (docs/operations/reliability.md).
SIZE = int(os.environ.get("INNOKG_PATHOLOGICAL_BYTES", "262144"))
INPUTS = {
    "newlines": "\n" * SIZE,
    "spaces": " " * SIZE,
    "blank_lines": " \n" * (SIZE // 2),
    "ideographic_commas": "、" * SIZE,
    "digits": "1" * SIZE,
    "brackets": "(（[【" * (SIZE // 4),
}


def text_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for pkg in (app.text, ingest):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            mod = importlib.import_module(info.name)
            for name, fn in vars(mod).items():
                if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != info.name:
                    continue
                try:
                    hints = typing.get_type_hints(fn)
                except Exception:  # unresolvable annotations: not a text function we can call blind
                    continue
                params = list(inspect.signature(fn).parameters.values())
                if not params or hints.get(params[0].name) is not str:
                    continue
                if any(p.default is inspect.Parameter.empty and p.kind != p.VAR_POSITIONAL for p in params[1:]):
                    continue
                yield f"{info.name}.{name}", fn


def main() -> None:
    only = set(sys.argv[1:])
    for label, fn in text_functions():
        if only and label not in only:
            continue
        for kind, text in INPUTS.items():
            print(json.dumps({"start": label, "input": kind}), flush=True)
            t = time.perf_counter()
            error = None
            try:
                result = fn(text)
                if inspect.isgenerator(result):
                    for _ in result:
                        pass
            except Exception as exc:  # refusing the input is fine; taking long is not
                error = type(exc).__name__
            print(json.dumps({"fn": label, "input": kind, "s": round(time.perf_counter() - t, 3), "error": error}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
