#!/usr/bin/env bash
# Quickstart 1: install briefing into .venv and narrate the bundled sample into audio_out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
"$VENV/bin/pip" install --quiet --disable-pip-version-check -e .
# --force: running the demo again replaces its MP3 rather than stopping at it
"$VENV/bin/briefing" build samples/sample_article.txt --force "$@"
