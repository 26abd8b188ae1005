#!/bin/sh
# install-deps.sh: installs the Debian 12 packages baogao needs to build, render and test,
# skipping the ones already present. Run as root (or through sudo); `make report` and CI call it.
set -eu
PACKAGES="cmake make gcc pkg-config gettext libhpdf-dev libharfbuzz-dev libfreetype-dev libjansson-dev
 libicu-dev libfontconfig-dev nettle-dev libpng-dev libjpeg62-turbo-dev zlib1g-dev libdeflate-dev fonts-noto-cjk fonts-liberation2 fonts-lxgw-wenkai poppler-utils qpdf libqpdf-dev python3-pikepdf python3-fonttools libcmocka-dev hyperfine strace
 unicode-data clang libclang-rt-14-dev python3 icc-profiles-free default-jre-headless
 libpdfbox2-java libactivation-java libjaxb-api-java libpoppler-glib-dev libqpdf-dev dpkg-dev lintian groff-base man-db time"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node.js (for the test-only JSON Schema validator) may come from another apt source that
# already bundles npm; only ask Debian for it when no node is on the machine.
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
