"""Settings from the environment (INNOKG_*), shared by the CLI and the API. Secrets only from here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.store.factory import open_store
from app.store.protocol import DEFAULT_GRAPH, DEFAULT_STORE_URL, GraphStore


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INNOKG_", extra="ignore")

    store: str = DEFAULT_STORE_URL  # embedded:PATH | neo4j://host:7687 | bolt://host:7687
    graph: str = DEFAULT_GRAPH  # FalkorDB graph name
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    cypher_row_limit: int = 1000  # POST /cypher and the console cap rows here
    # Engine-side timeout of /cypher and search queries: 4 s, so that with the heavy gate's wait (1 s) a
    # refused or timed-out query is answered within 6 s even on a loaded machine (issue 18).
    cypher_timeout_ms: int = 4000
    # Parse-time guard of user Cypher (app/services/cypher_guard.py; docs/operations/reliability.md lists every limit).
    cypher_max_chars: int = 20_000
    cypher_max_depth: int = 12  # (), [], {} and NOT chains: the engine's parser is exponential in depth
    cypher_max_literal_items: int = 1_000
    cypher_max_range: int = 1_000_000  # elements of one range(): the engine builds it before any limit
    cypher_max_param_bytes: int = 1_000_000
    # Heavy read paths (/cypher, /duplicates, chain coverage, search): requests running at once, overall and
    # per client address; above them a request waits heavy_wait_s, then gets 429 with Retry-After.
    heavy_concurrency: int = 2  # below the engine's query threads (INNOKG_ENGINE_THREADS, 6)
    heavy_per_client: int = 2
    heavy_wait_s: float = 1.0
    retry_after_s: int = 2
    # Secrets: from the environment only (no CLI flag, no default); never logged. See docs/operations/security.md.
    api_key: SecretStr | None = None  # INNOKG_API_KEY: write endpoints (POST /ingest); unset = writes disabled
    read_key: SecretStr | None = None  # INNOKG_READ_KEY: when set, read endpoints need it (or the API key)
    protect_reads: bool = False  # INNOKG_PROTECT_READS=1: reads need a key even without a read key
    max_request_bytes: int = 20 * 1024 * 1024  # JSON bodies (POST /cypher, /duplicates/screen)
    data_dir: Path = Path("data")  # uploads are kept under <data_dir>/uploads/<sha256>/<name>
    max_upload_mb: int = 50  # one POST /ingest request body (all its files)
    max_upload_files: int = 20  # files in one POST /ingest request
    # Uploads: what an OOXML file (.xlsx, .docx) may declare, checked before parsing (app/services/upload_guard.py),
    # then parsing in a worker process with a memory and time cap (app/services/upload_worker.py).
    upload_max_expanded_mb: int = 200
    upload_max_member_mb: int = 100
    upload_max_ratio: int = 100
    upload_max_members: int = 2_000
    upload_max_cells: int = 5_000_000
    upload_max_rows: int = 1_048_576
    upload_worker: bool = True  # INNOKG_UPLOAD_WORKER=0: parse in the API process (tests, debugging)
    upload_worker_mem_mb: int = 3_072
    upload_worker_timeout_s: float = 600.0
    ingest_wait_s: float = 10.0  # how long a second upload waits for the running ingest before 409
    # INNOKG_WARM_ON_START=1 (set by `innokg serve`): at start, compute every chain's coverage and the search
    # term table in the background, so the first analysts' requests do not pay for them.
    warm_on_start: bool = False
    # INNOKG_WARM_JIT_S: seconds the warm start repeats the lookups for a JVM engine's compiler (app/services/warm.py);
    # unset, blank or negative = not at all (10 s bought 9-20 % on the first requests, session 13).
    warm_jit_s: float = 0.0
    # Hot read answers (membership, entity lookups) cached until a load changes the graph (app/services/cache.py):
    # at most this many answers per process (0 = no cache); the store fingerprint re-read at most every
    # cache_check_s seconds (a load by another process shows after at most that long; 0 = every request).
    cache_entries: int = 20_000
    cache_check_s: float = 1.0
    # `innokg serve`: uvicorn worker processes (each with its own store connections and caches) and the
    # threads that run sync routes in each (docs/benchmarks/api.md "Serving" has the measurements).
    workers: int = 2  # 2 cores, hot reads at 50 clients: 1,800–3,600 req/s with 2 workers, 1,200–1,800 with one
    threads: int = 40

    @field_validator("warm_jit_s", mode="before")
    @classmethod
    def _blank_is_zero(cls, value: object) -> object:
        return 0.0 if isinstance(value, str) and not value.strip() else value

    @field_validator("warm_jit_s")
    @classmethod
    def _never_negative(cls, value: float) -> float:
        return max(0.0, value)

    @field_validator("api_key", "read_key", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # docker-compose passes `INNOKG_API_KEY: "${INNOKG_API_KEY:-}"`: an empty value means "not configured".
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, SecretStr) and not value.get_secret_value().strip():
            return None
        return value

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def reads_protected(self) -> bool:
        return self.protect_reads or self.read_key is not None


@cache
def get_settings() -> Settings:
    return Settings()


def store_from_settings(settings: Settings, url: str | None = None) -> GraphStore:
    return open_store(
        url or settings.store,
        graph=settings.graph,
        user=settings.neo4j_user,
        password=settings.neo4j_password.get_secret_value(),
        database=settings.neo4j_database,
    )
