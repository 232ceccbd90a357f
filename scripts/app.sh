#!/usr/bin/env bash
# Set up (if needed), then open STAR Desktop. Arguments go to star-desktop, so
# `bash scripts/app.sh check resources/samples/sample-post.txt` checks a post instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/star-desktop "$@"
