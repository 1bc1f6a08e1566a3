#!/bin/sh
# The dashboard's browser test needs Debian's Chromium (and a CJK font, so the screenshot and the Word report's charts show Chinese).
# Installed here, by the project, when missing: a fresh machine has neither.
set -e
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need="$need fonts-noto-cjk"
[ -z "$need" ] && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "installing$need from Debian" >&2
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $need >/dev/null
