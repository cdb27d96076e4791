#!/bin/sh
# Installs the Debian packages Shouhu needs to build, test and serve, when they
# are missing. As root it runs apt-get; otherwise it prints the one line to run.
# Called by `make deps`, and so by `make run` and `make test`. (The npm
# packages of the web UI are installed by the Makefile: npm ci, from the lock.)
set -eu

PKGS="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev sqlite3 libjansson-dev libsodium-dev libcsv-dev libxlsxwriter-dev
libzip-dev libexpat1-dev libmicrohttpd-dev libcmocka-dev
curl jq unzip zip faketime tzdata wrk
chromium fonts-wqy-microhei
libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
libreoffice-calc-nogui fonts-crosextra-carlito"
# chromium runs the web UI's browser tests (tests/ui, with playwright-core
# from npm); the font gives it Chinese glyphs for the screenshots.
# libreoffice-calc-nogui opens every exported workbook headless in
# tests/e2e/xlsx_libreoffice.sh (issues #5, #7), to CSV and to PDF; Carlito
# has Calibri's metrics (the workbooks' default font, which sets the column
# widths), so that LibreOffice lays out the printed pages as Excel does.
# monthly reports (issue #7): cairo and pango draw the PDF with the Noto CJK
# font; poppler-utils' pdftotext lets the tests read its Chinese back.
# Node.js and npm build the web UI (Vite): Debian's only when none is on the
# PATH, since a newer one may be installed already (Vite 8 wants Node 20.19+).
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "make deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "make deps: missing packages. Run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
