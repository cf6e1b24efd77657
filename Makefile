# The two commands a newcomer needs (see README):
#   make demo   install realpolitik and code the bundled sample corpus
#   make test   install realpolitik with its test extras and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/realpolitik demo

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/ruff check src tests benchmarks
