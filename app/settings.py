"""Settings from the environment (INNOKG_*), shared by the CLI and the API. Secrets only from here."""

from __future__ import annotations

from functools import cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.graph.store import DEFAULT_GRAPH, DEFAULT_STORE_URL, GraphStore, open_store


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
    cypher_timeout_ms: int = 5000
    api_key: SecretStr | None = None  # required by write endpoints when set
    max_request_bytes: int = 20 * 1024 * 1024


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
