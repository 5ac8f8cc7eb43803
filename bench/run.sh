#!/usr/bin/env bash
# npm run bench: loopback only, every load bounded by a duration; the whole run is capped at 12 minutes (about 10.5
# with the HTTP/2 and flapping sections and the 5-minute soak).
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
npm run build --silent
exec timeout 720 node --max-old-space-size=4096 node_modules/.bin/tsx bench/main.ts "$@"
