#!/usr/bin/env bash
# npm run bench: loopback only, every load bounded by a duration; the whole run is capped at 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
npm run build --silent
exec timeout 600 node --max-old-space-size=4096 node_modules/.bin/tsx bench/main.ts "$@"
