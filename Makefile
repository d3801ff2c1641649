# InnoKG: `make demo` sets up, ingests the bundled corpus and serves the API; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= embedded:./data/graph
export INNOKG_STORE ?= $(STORE)
# The local Neo4j (tools/neo4j): built by `make setup` where Maven exists (docs/operations/neo4j-local.md).
NEO4J_TOOLS := tools/neo4j
NEO4J_STAMP := $(NEO4J_TOOLS)/target/.built
NEO4J_SRC   := $(NEO4J_TOOLS)/pom.xml $(shell find $(NEO4J_TOOLS)/src -type f 2>/dev/null)
NEO4J_SETUP := $(if $(shell command -v mvn 2>/dev/null),neo4j-build)
MVN         ?= mvn

.PHONY: setup demo ingest serve test lint typecheck stop clean bench

setup: $(VENV)/.installed tools/npm/node_modules/.installed web-build $(NEO4J_SETUP)

# Re-installs only when pyproject.toml changes: `make setup` is idempotent and cheap when nothing changed.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Neo4j's own Cypher linter (npm), used by the tests to check every statement meant for Neo4j.
tools/npm/node_modules/.installed: tools/npm/package.json tools/npm/package-lock.json
	cd tools/npm && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --- The web app (web/, served under /ui/; docs/reference/web.md) -------------------------------------
# npm ci runs only when the lock file changed; the Vite build only when an input changed (stamp files).
WEB_SRC := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json \
           $(wildcard cypher/queries/*.cypher)

.PHONY: web-build
web-build: web/dist/.built

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/.built: web/node_modules/.installed $(WEB_SRC)
	cd web && npm run build
	touch $@

# --- The local Neo4j 5.26 (tools/neo4j, docs/operations/neo4j-local.md) -----------------------------------
# Maven runs only when the pom or the launcher's source changed (a stamp in the git-ignored target/); the first
# build fetches ~140 MB of jars into ~/.m2, later ones need no network.

.PHONY: neo4j-build neo4j-clean

neo4j-build: $(NEO4J_STAMP)

$(NEO4J_STAMP): $(NEO4J_SRC)
	$(MVN) -q -B -f $(NEO4J_TOOLS)/pom.xml package -DskipTests
	touch $@

neo4j-clean:
	rm -rf $(NEO4J_TOOLS)/target

ingest: setup
	$(BIN)/innokg ingest data/corpus data/sample

demo: ingest
	@echo "Web app: http://127.0.0.1:8000/ui/   API docs: http://127.0.0.1:8000/docs   (Ctrl-C to stop; 'make stop' stops the store)"
	$(BIN)/innokg serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check app ingest tests bench
	$(BIN)/ruff format --check app ingest tests bench

typecheck: setup
	$(BIN)/mypy

test: setup
	$(BIN)/ruff check app ingest tests bench
	$(BIN)/ruff check --select C901 app ingest
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadfile

stop:
	-$(BIN)/innokg stop

clean: stop
	rm -rf data/graph
