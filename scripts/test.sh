#!/usr/bin/env bash
# Quickstart 2: install briefing with its test dependencies into .venv and run every check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
# espeak-ng: the espeak engine's tests and the loudness checks on real formant speech need it.
# As root (CI), install it from the distribution; elsewhere those tests skip with a reason.
if ! command -v espeak-ng >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng) \
        >/dev/null 2>&1 || echo "note: could not install espeak-ng; its tests will skip" >&2
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -e '.[test]'
"$VENV/bin/ruff" check briefing tests scripts
"$VENV/bin/ruff" format --check briefing tests scripts
"$VENV/bin/mypy"  # strict, on the package (pyproject.toml [tool.mypy])
"$VENV/bin/pytest" "$@"
