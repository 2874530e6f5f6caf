#!/bin/sh
# Build the project's virtual environment (called by the Makefile: make env, make report, make test).
#
#   sh scripts/make_env.sh PYTHON VENV UV_VERSION
#
# uv, pinned to UV_VERSION and fetched from PyPI with pip into VENV/.uv on first use, creates the venv
# and installs requirements.txt in seconds. Where uv cannot be had (PyPI does not answer, or no pip can
# fetch it), the standard venv and pip do the same, more slowly. Either way the venv holds exactly
# requirements.txt's pins, this project in editable mode, and pip.
set -eu
PYTHON=$1
VENV=$2
UV_VERSION=$3
UV="$VENV/.uv/bin/uv"
LOG="$VENV/uv-install.log"
mkdir -p "$VENV"

have_uv() {
    [ -x "$UV" ] && [ "$("$UV" --version 2>/dev/null | cut -d' ' -f2)" = "$UV_VERSION" ]
}

fetch_uv() {  # with the pip of the interpreter given
    rm -rf "$VENV/.uv"
    "$1" -m pip install --quiet --disable-pip-version-check --target "$VENV/.uv" "uv==$UV_VERSION" >>"$LOG" 2>&1
}

if ! have_uv; then
    : >"$LOG"
    # PYTHON's own pip; where it has none (Debian without python3-pip), the new venv's
    fetch_uv "$PYTHON" || { [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"; fetch_uv "$VENV/bin/python"; } || true
fi

if have_uv; then
    rm -f "$LOG"
    echo "uv $UV_VERSION: $VENV with requirements.txt"
    # the interpreter asked for, never one uv would download; pip seeded, so .venv/bin/python -m pip works
    "$UV" venv --quiet --allow-existing --seed --no-python-downloads --python "$PYTHON" "$VENV"
    # compiled at install: where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE, as on
    # some CI machines) every import would otherwise compile pandas and matplotlib from source again
    "$UV" pip install --quiet --compile-bytecode --python "$VENV/bin/python" -r requirements.txt -e .
else
    echo "uv $UV_VERSION could not be installed (see $LOG): installing with venv and pip instead"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -r requirements.txt -e .
fi
