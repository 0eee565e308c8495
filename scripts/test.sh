#!/usr/bin/env bash
# Quickstart 2: install briefing with its test dependencies into .venv and run every check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
# System packages some tests need: espeak-ng (the espeak engine, loudness on formant speech) and
# Chromium (the listening page in a real browser). As root (CI), install what is missing from
# the distribution; elsewhere those tests skip with a reason.
missing=()
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") \
        >/dev/null 2>&1 || echo "note: could not install ${missing[*]}; their tests will skip" >&2
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -e '.[test]'
"$VENV/bin/ruff" check briefing tests scripts
"$VENV/bin/ruff" format --check briefing tests scripts
"$VENV/bin/mypy"  # strict, on the package (pyproject.toml [tool.mypy])
"$VENV/bin/pytest" "$@"
