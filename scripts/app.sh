#!/usr/bin/env bash
# Set up (if needed), then run STAR Desktop. For now: check the sample post.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
status=0
.venv/bin/star-desktop check resources/samples/sample-post.txt "$@" || status=$?
# Exit status 1 means the sample post has blocking findings, which it is written to have.
[ "$status" -le 1 ] || exit "$status"
