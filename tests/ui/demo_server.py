"""`python -m tests.ui.demo_server [PORT]`: the browser tests' API with the demo data, for development
(Ctrl-C stops). The server itself is tests/ui/conftest.py's demo_server."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from app.store.falkordb.server import stop_server
from tests.ui.conftest import demo_server

if __name__ == "__main__":
    path = Path(tempfile.mkdtemp(prefix="innokg-ui-"))
    try:
        with demo_server(path, int(sys.argv[1]) if len(sys.argv) > 1 else None) as demo:
            print(demo.url, "key:", demo.api_key, flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        stop_server(path)
        shutil.rmtree(path, ignore_errors=True)
