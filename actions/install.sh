#!/usr/bin/env bash
# The GitHub Action's install step, kept in a file so that bench/install.py runs exactly what a
# runner runs.
#
#   install.sh key      print the cache key of the environment: the OS, the architecture, the
#                       Python version and a digest of the package's own files, so a new release
#                       of the action (any ref, a branch included) never restores a stale one
#   install.sh install  make sure $VIBE_HOME/venv holds this checkout's `vibe`, put it on PATH
#
# Environment: PYTHON (the interpreter actions/setup-python set up), VIBE_HOME (a folder of the
# runner's), PY_VERSION (for the key), GITHUB_PATH (the runner's; optional outside Actions).
#
# Only the analysis is installed (the package without its `server` extra). uv installs it: it
# fetches in parallel, which is most of a cold install's time; pip installs uv itself.
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VIBE_HOME:?VIBE_HOME must be set}/venv"
stamp="$venv/.vibe-cache-key"

digest() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi
}

cache_key() {
    local files
    files="$(
        cd "$source_dir" &&
            find pyproject.toml app actions handlers jobs dashboard -type f \
                ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path '*/rule_tests/*' -print0 |
            LC_ALL=C sort -z | xargs -0 cat | digest | cut -c1-20
    )"
    echo "vibe-${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}-py${PY_VERSION:-unknown}-${files}"
}

restored() {
    [[ -x "$venv/bin/vibe" && -f "$stamp" && "$(cat "$stamp")" == "$1" ]] &&
        "$venv/bin/vibe" --version >/dev/null 2>&1
}

install() {
    local key
    key="$(cache_key)"
    if restored "$key"; then
        echo "VibeIntelligence: environment restored from the cache ($key)"
    else
        rm -rf "$venv"
        "${PYTHON:?PYTHON must be set}" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
        UV_NO_CACHE=1 "$venv/bin/python" -m uv pip install --quiet \
            --python "$venv/bin/python" "$source_dir"
        echo "$key" >"$stamp"
        echo "VibeIntelligence: installed ($key)"
    fi
    mkdir -p "$VIBE_HOME/bin"
    ln -sf "$venv/bin/vibe" "$VIBE_HOME/bin/vibe"
    if [[ -n "${GITHUB_PATH:-}" ]]; then
        echo "$VIBE_HOME/bin" >>"$GITHUB_PATH"
    fi
}

case "${1:-}" in
    key) cache_key ;;
    install) install ;;
    *)
        echo "usage: install.sh key|install" >&2
        exit 2
        ;;
esac
