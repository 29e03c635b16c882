#!/usr/bin/env bash
# Screenshots a rendered digest at phone (360 px) and desktop (1024 px) widths with headless Chromium.
# Usage: tests/screenshots/render-screenshots.sh HTML_FILE OUT_DIR
# Writes OUT_DIR/digest-360.png and OUT_DIR/digest-1024.png. The PNGs are for looking at, not for committing.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 HTML_FILE OUT_DIR" >&2
  exit 2
fi

html="$(realpath "$1")"
out="$2"
mkdir -p "$out"
out="$(realpath "$out")"

if ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium
fi

for width in 360 1024; do
  profile="$(mktemp -d)"
  # Offline, throwaway profile: no first-run UI, no background traffic, no GPU in containers.
  chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${width},2400" --screenshot="$out/digest-${width}.png" "file://$html" 2>/dev/null
  rm -rf "$profile"
  echo "$out/digest-${width}.png"
done
