#!/usr/bin/env bash
# Install Debian's chromium and a CJK font, for tests/test_viz_browser.py and tools/screenshot.py.
# Idempotent: installs only what is missing, and does nothing (no apt-get update) when all is there.
# fonts-noto-cjk gives Chinese glyphs ("Noto Sans CJK SC", in the page's font stack); without it
# the page still works but Chinese labels would be drawn as empty boxes.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || need+=(fonts-noto-cjk)

if [ "${#need[@]}" -eq 0 ]; then
    echo "install-browser: chromium and fonts-noto-cjk are already installed"
else
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "install-browser: installing ${need[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
/usr/bin/chromium --version
