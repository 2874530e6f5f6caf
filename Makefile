# Two entry points (see README): `make report` and `make test`.
# Both create the virtual environment on first use; nothing else needs to be installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KERNEL := openrouter-audit
STAMP  := $(VENV)/.installed

START ?=
END   ?=
OUT   ?=
RUN_ARGS := $(if $(START),--start $(START)) $(if $(END),--end $(END)) $(if $(OUT),--out $(OUT))

.PHONY: report test unit nbval env benchmark fetch-rankings fetch-models clean-runs

report: $(STAMP)
	$(PY) -m helpers run $(RUN_ARGS)

test: $(STAMP)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

unit: $(STAMP)
	$(PY) -m pytest tests -p no:cacheprovider

nbval: $(STAMP)
	$(PY) -m pytest notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

benchmark: $(STAMP)
	$(PY) benchmarks/pipeline_benchmark.py

fetch-rankings: $(STAMP)
	$(PY) -m helpers fetch rankings --start $(START) --end $(END)

fetch-models: $(STAMP)
	$(PY) -m helpers fetch models

env: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	touch $(STAMP)

clean-runs:
	rm -rf runs
