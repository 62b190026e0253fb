#!/usr/bin/env bash
# One-command setup for webcompose. Idempotent; works as root on a fresh Debian machine.
#
#   bash setup.sh demo   install everything, then run the main job on the built-in engine
#   bash setup.sh test   install everything (with test tools), then run the test suite
#   bash setup.sh        install only
#
# Installs: a virtualenv in .venv, the package, Chromium (Playwright's own when installable,
# otherwise Debian's `chromium` via apt), and the offline CDN assets (from the npm registry).
# WEBCOMPOSE_TORCH overrides the torch requirement (default: torch==2.13.0; a CPU build where the
# machine provides one). Extra arguments after `test` go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-install}"
[ $# -gt 0 ] && shift
PYTHON="${PYTHON:-python3}"
VENV=.venv

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
    as_root || { echo "error: please install: $* (e.g. sudo apt-get install $*)" >&2; exit 1; }
    say "apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
}

if ! command -v "$PYTHON" >/dev/null; then apt_install python3 python3-venv python3-pip; fi
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; "$PYTHON" -m venv "$VENV"; }
fi
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
    say "installing ${WEBCOMPOSE_TORCH:-torch==2.13.0}"
    "${PIP[@]}" "${WEBCOMPOSE_TORCH:-torch==2.13.0}"
fi
extras=""
[ "$mode" = test ] && extras="[dev,ray]"
say "installing webcompose$extras"
"${PIP[@]}" -e ".$extras"

# Fonts pages are rendered with: Latin, Cyrillic, Greek, Arabic and Hebrew (Liberation and DejaVu,
# the same ones the reference screenshots used), Chinese, Japanese and Korean (Noto CJK), Devanagari,
# Thai, and emoji. Chosen so that the generic families stay DejaVu (fonts-noto-core would make Noto
# Sans the default sans-serif and change how every page renders).
fonts=()
fc-list 2>/dev/null | grep -q "Liberation Sans" || fonts+=(fonts-liberation fonts-dejavu-core)
# DejaVu's light face: what browsers draw for font-weight 300 (lead paragraphs, display headings)
fc-list 2>/dev/null | grep -q "DejaVuSans-ExtraLight" || fonts+=(fonts-dejavu-extra)
[ -n "$(fc-list :lang=zh-cn 2>/dev/null)" ] || fonts+=(fonts-noto-cjk)
[ -n "$(fc-list :lang=hi 2>/dev/null)" ] || fonts+=(fonts-lohit-deva)
[ -n "$(fc-list :lang=th 2>/dev/null)" ] || fonts+=(fonts-tlwg-garuda-ttf)
fc-list 2>/dev/null | grep -qi "color emoji" || fonts+=(fonts-noto-color-emoji)
if [ ${#fonts[@]} -gt 0 ]; then
    as_root && apt_install "${fonts[@]}" || echo "warning: missing fonts (${fonts[*]}): some scripts render as empty boxes" >&2
fi
# OCR of screenshots (`webcompose score --ref shot.png`, the built-in engine): Tesseract 5.
if ! command -v tesseract >/dev/null; then
    as_root && apt_install tesseract-ocr tesseract-ocr-eng \
        || echo "warning: tesseract-ocr is not installed; OCR falls back to RapidOCR (slower, loses spaces)" >&2
fi
# Its second look at words (issue 23): accents by the Latin-script model, Chinese and Japanese
# lines by the CJK models (about 90 MB installed, most of it the Latin model).
if command -v tesseract >/dev/null; then
    models=()
    have=$(tesseract --list-langs 2>/dev/null)
    grep -qx Latin <<<"$have" || models+=(tesseract-ocr-script-latn)
    grep -qx chi_sim <<<"$have" || models+=(tesseract-ocr-chi-sim)
    grep -qx jpn <<<"$have" || models+=(tesseract-ocr-jpn)
    if [ ${#models[@]} -gt 0 ]; then
        as_root && apt_install "${models[@]}" \
            || echo "warning: ${models[*]} not installed; OCR loses accents and CJK text" >&2
    fi
fi
say "browser and offline assets"
"$VENV/bin/webcompose" setup

case "$mode" in
    demo)
        say "demo: screenshot -> page with the built-in engine (examples/landing/screenshot.png)"
        "$VENV/bin/webcompose" screenshot examples/landing/screenshot.png -o out/landing --force
        ;;
    test)
        say "running the test suite"
        exec "$VENV/bin/python" -m pytest -q "$@"
        ;;
    install) echo "installed: $(pwd)/$VENV/bin/webcompose" ;;
    *) echo "usage: bash setup.sh [demo|test]" >&2; exit 2 ;;
esac
