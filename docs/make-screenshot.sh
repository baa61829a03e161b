#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png: the HTML report of the four seed articles, at 1280 px, in
# headless Chromium (Debian's `chromium` package). Run from the project's root with the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
provenance trace examples/afp_wire_putin_strikes.txt examples/moscow_times_reprint.txt \
  examples/london_daily_reprint.txt examples/lavrov_unrelated.txt --format html -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
  --window-size=1280,1000 --screenshot="$tmp/shot.png" "file://$tmp/report.html" >/dev/null 2>&1
mv "$tmp/shot.png" docs/report-screenshot.png
echo "docs/report-screenshot.png written"
