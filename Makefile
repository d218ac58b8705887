# Two commands set everything up on a fresh machine: `make demo` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: venv system demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(BIN)/.installed

# System packages (Dovecot, tesseract with Dutch, poppler, Chromium); needs root.
system:
	@if [ "$$(id -u)" = 0 ]; then bash .ci/install.sh; \
	else echo "not root: skipping system packages (see README for the list)"; fi

demo: venv
	$(BIN)/python -m scripts.demo setup
	@echo
	@echo "Daemon starting with the review UI on http://127.0.0.1:8000/ (login demo / demo-wachtwoord);"
	@echo "stop it with Ctrl-C. Then look at the result with:"
	@echo "  $(BIN)/mailbox-ingest --config var/demo/config.toml export contracts"
	@echo "  $(BIN)/mailbox-ingest --config var/demo/config.toml export messages"
	@echo "  ls var/demo/outbox var/demo/letters"
	@echo
	$(BIN)/mailbox-ingest --config var/demo/config.toml run

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy mailbox_ingest store parsers migrations samples testkit

test: system venv lint
	$(BIN)/pytest

bench: venv
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/web.py

clean:
	rm -rf var .pytest_cache
