#!/usr/bin/env bash
# Renders report.html files in headless Chromium: screenshots at 1280 and
# 390 px wide and a printed PDF, so a person can look at them, and fails
# when a report carries a script or loads anything from outside the file.
#
#   scripts/browser-check.sh [REPORT_DIR ...]   (default: reports/sample reports/sample-en reports/hostile)
#
# Needs Debian's chromium and fonts-noto-cjk; installs them when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  sudo_cmd=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk
fi

directories=("$@")
if [ ${#directories[@]} -eq 0 ]; then
  directories=(reports/sample reports/sample-en reports/hostile)
fi

status=0
for directory in "${directories[@]}"; do
  page="$directory/report.html"
  if [ ! -f "$page" ]; then
    echo "$page: error: not found. Run make demo first." >&2
    status=1
    continue
  fi

  # Static checks: no script element, no event handler attribute, no URL the browser would fetch.
  # Escaped input reads &lt;img onerror=…&gt; and holds no real tag, so only
  # text inside a real tag (after a literal <) counts.
  if grep -Eiq '<script|<[a-z][^>]*\son[a-z]+=|<[a-z][^>]*(src|href)="?(https?:)?//' "$page"; then
    echo "$page: error: the page holds a script, an event handler or an external resource." >&2
    status=1
  fi

  out="$directory/browser-check"
  mkdir -p "$out"
  url="file://$(realpath "$page")"
  for width in 1280 390; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --window-size="$width,2400" --screenshot="$out/screenshot-$width.png" "$url" 2>/dev/null
  done
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/print.pdf" "$url" 2>/dev/null

  # Dynamic check: the hostile fixture's names try to set the page title;
  # the title the browser ends with must be the one the file was written with.
  written=$(grep -o -m1 '<title>[^<]*</title>' "$page")
  rendered=$(chromium --headless --no-sandbox --disable-gpu --dump-dom "$url" 2>/dev/null |
    grep -o -m1 '<title>[^<]*</title>' || true)
  if [ "$written" != "$rendered" ]; then
    echo "$page: error: a script ran in the browser: the title became '$rendered'." >&2
    status=1
  fi
  echo "$directory: screenshots and print.pdf in $out"
done
exit $status
