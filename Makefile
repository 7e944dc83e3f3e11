# The two commands of the README: `make demo` and `make test`. Both set everything up on a fresh machine:
# a virtualenv with pokin and its dependencies, and (on first start) Neo4j 5.26 from Maven Central.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup browser demo lint test bench bench-bulk bench-peers bench-people bench-nasional bench-nasional-run bench-negara soak neo4j-stop clean
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# The end-to-end tests drive Debian's chromium through Playwright (a browser download is not possible here).
browser:
	@command -v chromium >/dev/null || { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
		|| { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }; }

demo: setup
	$(BIN)/pokin neo4j start
	$(BIN)/pokin seed
	$(BIN)/pokin serve --host 127.0.0.1 --port 5000

# The formatter, the linter and the type checker (pyproject.toml: [tool.ruff], [tool.mypy]): the code as
# `ruff format` lays it out (run `$(BIN)/ruff format .` before committing), zero findings, before any test runs.
lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Two workers, each with its own throw-away Neo4j; a test file stays on one worker (its module fixtures load once),
# in collection order: the long modules first (tests/conftest.py LONG_MODULES), so no worker ends the run alone. The
# modules that read the sample kabupaten go in two groups, each run on one worker (conftest.py SAMPLE_GROUPS), so it
# is imported once per group.
TEST_WORKERS ?= 2
test: setup browser lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Benchmarks (BENCHMARKS.md): a throw-away Neo4j per scale, results as JSON in bench/results/. `make bench` runs
# the three scales: kabupaten and provinsi, every part (~13 min on this 2-core machine), then the national slice
# where the machine allows (16 GiB of memory, 10 GiB of disk; otherwise it says why and skips it).
bench: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	nice $(BIN)/pokin bench --scale kabupaten --out bench/results/kabupaten.json
	nice $(BIN)/pokin bench --scale provinsi --out bench/results/provinsi.json
	$(MAKE) --no-print-directory bench-nasional-run
	$(BIN)/python -m bench.report bench/results/kabupaten.json bench/results/provinsi.json bench/results/nasional.json

# The peers alone (bench/peers.py): the audit questions in DuckDB, PostgreSQL (a cluster the bench starts on loopback
# from Debian's package and stops), SQLite and networkx beside pokin, at kabupaten and provinsi; `make bench` runs them too.
bench-peers: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	nice $(BIN)/pokin bench --scale kabupaten --only peers --out bench/results/peers-kabupaten.json
	nice $(BIN)/pokin bench --scale provinsi --only peers --out bench/results/peers-provinsi.json
	$(BIN)/python -m bench.report bench/results/peers-kabupaten.json bench/results/peers-provinsi.json

# The national slice alone (~1.07 M ASN, 199 datasets): the pokin importer, the graph's counts and the store size
# (the naive loader and the ceiling would take hours), then every query, whole graph and scoped to the largest
# Pemda; on this 2-core machine the import takes 5-6 min and the queries about 15 min more.
# The people queries beside networkx, kabupaten and provinsi (BENCHMARKS.md, "The people queries")
bench-people: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	nice $(BIN)/python -m bench.people --scale kabupaten --out bench/results/people-kabupaten.json
	nice $(BIN)/python -m bench.people --scale provinsi --out bench/results/people-provinsi.json

bench-nasional: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(MAKE) --no-print-directory bench-nasional-run
	$(BIN)/python -m bench.report bench/results/nasional.json

bench-nasional-run:
	POKIN_BENCH_HEAP=6g POKIN_BENCH_PAGECACHE=6g nice $(BIN)/pokin bench --scale nasional --only load --only queries --out bench/results/nasional.json

# The whole nation (~4.3 M ASN, 553 datasets) loaded by the importer, the audit's findings over it and for its
# largest Pemda, search, a changed kabupaten re-imported into it, the service under load (docs/scaling.md). Needs
# 19 GiB of memory (a 6 GiB heap, a 9 GiB page cache) and 30 GiB of disk; ~75 minutes on 2 cores.
bench-negara: setup
	$(BIN)/pip install --quiet -e '.[test,bench]'
	POKIN_BENCH_HEAP=6g POKIN_BENCH_PAGECACHE=9g nice $(BIN)/pokin bench --scale negara --only load --only queries \
		--only search --only reimport --only service --out bench/results/negara.json
	$(BIN)/python -m bench.report bench/results/negara.json

# The bulk path (pokin bulk-import, neo4j-admin) beside the transactional importer, each into a new database, at
# provinsi scale; the bulk graph checked against the transactional one (bench/bulk.py).
bench-bulk: setup
	nice $(BIN)/python -m bench.bulk --scale provinsi --out bench/results/bulk-provinsi.json

neo4j-stop: setup
	$(BIN)/pokin neo4j stop

clean:
	-$(BIN)/pokin neo4j stop
	rm -rf $(VENV) .pokin

# The soak test (README, Reliability): `pokin serve` with the sample under mixed reads, analyst queries at their
# limits and refused uploads at once for 30 minutes, loopback only; RSS, health latency and the graph checked.
# Not run by CI (tests/test_soak.py runs the same script for 20 s). SOAK_SECONDS=300 make soak for a shorter run.
SOAK_SECONDS ?= 1800
soak: setup
	$(BIN)/python -m bench.soak --seconds $(SOAK_SECONDS) --out bench/results/soak.json
