"""Layer 6 — the HTTP API (FastAPI): thin routes over app.services."""
