#!/usr/bin/env bash
# Set up (if needed), then run the benchmarks and print their medians.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m bench "$@"
