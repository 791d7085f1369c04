#!/usr/bin/env bash
# Debian packages the project uses outside Python, installed when missing (root + apt-get only; otherwise a note):
#   chromium        kaleido's browser for PNG export of figures, and the browser tests (Playwright drives it)
#   fonts-noto-core Thai, Devanagari, Arabic, Greek... glyphs in figures, exported PNGs and screenshots
#   fonts-noto-cjk  Chinese glyphs (XQuAD-R zh) in the same places
# Nothing here is required to run the core library: figures then fall back to boxes for missing glyphs, PNG
# export and the browser tests say what is missing.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for package in fonts-noto-core fonts-noto-cjk; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null) || echo "[setup] could not install ${missing[*]}: PNG export / browser tests may skip"
else
  echo "[setup] missing Debian packages ${missing[*]} (not root or no apt-get): PNG export / browser tests may skip"
fi
exit 0
