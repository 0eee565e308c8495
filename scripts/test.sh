#!/usr/bin/env bash
# Quickstart 2: install briefing with its test dependencies into .venv and run every check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
"$VENV/bin/pip" install --quiet --disable-pip-version-check -e '.[test]'
"$VENV/bin/ruff" check briefing tests scripts
"$VENV/bin/ruff" format --check briefing tests scripts
"$VENV/bin/mypy"  # strict, on the package (pyproject.toml [tool.mypy])
"$VENV/bin/pytest" "$@"
