#!/usr/bin/env bash
# Malicious workbooks (issue #9), through the real binary with its memory
# bounded by `ulimit -v`: a zip bomb, one that lies about its sizes, XML
# entity tricks (billion laughs, an external entity), a shared-string table
# past its limit, a tag that never ends, nesting a million deep, a row of
# twenty thousand cells. Each is refused with a message that says what is
# wrong with the file, within the memory bound and a time limit, never by a
# crash; and the database is untouched. A good workbook packed the same way
# imports under the same bound, so the refusals are the reader's, not the
# limit's. (The reader's own unit tests, tests/unit/test_sheet_xlsx.c, test
# the limits one by one; the fuzz target fuzz_xlsx tries the rest.)
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"

MEMORY_KB=$((512 * 1024))   # the bound: far below what inflating any of these would take
SECONDS_MAX=60
BOMB_MB=$(scale 60 400)

check "a database" sh_db db.sqlite init
check "a ledger of 2000 children as a workbook" make_ledger 2000 good.xlsx
mkdir book && (cd book && unzip -q ../good.xlsx)
SHEET=xl/worksheets/sheet1.xml
check "the workbook has its first sheet where the tests replace it" test -f "book/$SHEET"
before=$(state db.sqlite)

# pack NAME [-0] PART FILE...: the good workbook with each PART replaced by
# FILE, zipped as NAME (-0: stored, not compressed, so no ratio check applies).
pack() {
    local name=$1 level=-6; shift
    [ "${1:-}" = -0 ] && { level=-0; shift; }
    rm -rf packing && cp -r book packing
    while [ $# -gt 0 ]; do mkdir -p "packing/$(dirname "$1")" && cp "$2" "packing/$1"; shift 2; done
    (cd packing && zip -q -X -r "$level" "../$name" .)
}

# bounded CMD...: CMD with memory and time bounded; its output and status.
bounded() { timeout "$SECONDS_MAX" bash -c 'ulimit -v "$1"; shift; exec "$@"' - "$MEMORY_KB" "$@"; }

# refused NAME FILE TEXT: importing FILE under the bounds fails with status 1
# (not a signal, not the time limit) and a message containing TEXT.
refused() {
    local out status
    out=$(bounded "$SHOUHU" --db db.sqlite import children "$2" 2>&1)
    status=$?
    case "$status:$out" in
        1:*"$3"*) pass "$1" ;;
        *) fail "$1 (status $status)" "$out" ;;
    esac
}

pack repacked.xlsx
expect "the good workbook, repacked, imports within the bounds" "新增2000" bounded "$SHOUHU" --db db.sqlite import children repacked.xlsx --dry-run

# a zip bomb: a sheet of spaces that deflates a thousandfold
{ printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  head -c $((BOMB_MB << 20)) /dev/zero | tr '\0' ' '
  printf '</sheetData></worksheet>'; } > spaces.xml
pack bomb.xlsx "$SHEET" spaces.xml
refused "a zip bomb (${BOMB_MB} MiB of spaces in $(($(stat -c %s bomb.xlsx) / 1024)) KiB)" bomb.xlsx "压缩比异常"

# the same bomb with its sizes forged small in the local header and the central directory
cp bomb.xlsx forged.xlsx
perl -0777 -pi -e '
    my $name = quotemeta("xl/worksheets/sheet1.xml");
    s/(PK\x03\x04.{18})....(..(??{ pack("v", 24) }).{2}$name)/$1 . pack("V", 4096) . $2/se;
    s/(PK\x01\x02.{20})....(.{18}$name)/$1 . pack("V", 4096) . $2/se;
' forged.xlsx
if cmp -s bomb.xlsx forged.xlsx; then fail "the bomb's sizes are forged"; else pass "the bomb's sizes are forged"; fi
refused "a zip bomb that lies about its size" forged.xlsx "比声明的大小更大"

LAUGHS='<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY l1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
for i in 2 3 4 5 6 7 8 9; do LAUGHS="$LAUGHS<!ENTITY l$i \"$(printf "&l$((i - 1));%.0s" $(seq 10))\">"; done
printf '<?xml version="1.0"?>\n%s]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>' "$LAUGHS" > laughs.xml
pack laughs.xlsx "$SHEET" laughs.xml
refused "billion laughs" laughs.xlsx "DOCTYPE"

sed 's#<workbook #<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook #; s#name="[^"]*"#name="\&xxe;"#' \
    book/xl/workbook.xml > xxe.xml
pack xxe.xlsx xl/workbook.xml xxe.xml
refused "an external entity" xxe.xlsx "DOCTYPE"

# a million and one shared strings, stored, so only the count stops them
{ printf '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  head -c 1000001 /dev/zero | sed 's#\x00#<si><t>x</t></si>#g'
  printf '</sst>'; } > sst.xml
sed 's#</Relationships>#<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>#' \
    book/xl/_rels/workbook.xml.rels > rels.xml
pack sst.xlsx -0 xl/sharedStrings.xml sst.xml xl/_rels/workbook.xml.rels rels.xml
refused "a shared-string table past its limit" sst.xlsx "共享字符串"

# a tag that never ends: 8 MiB of attributes
{ printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1" '
  head -c $((8 << 20)) /dev/zero | tr '\0' 'a'
  printf '="1"/></sheetData></worksheet>'; } > tag.xml
pack tag.xlsx -0 "$SHEET" tag.xml
refused "a tag that never ends" tag.xlsx "过长的XML标记"

# elements nested a million deep, stored: the parser's stack, not the file, would grow
{ printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  head -c 1000000 /dev/zero | sed 's#\x00#<a>#g'
  printf '</sheetData></worksheet>'; } > deep.xml
pack deep.xlsx -0 "$SHEET" deep.xml
refused "nesting a million deep" deep.xlsx "嵌套过深"

# a header row of twenty thousand cells
{ printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
  printf '<c t="inlineStr"><is><t>姓名</t></is></c>'
  head -c 20000 /dev/zero | sed 's#\x00#<c t="inlineStr"><is><t>x</t></is></c>#g'
  printf '</row></sheetData></worksheet>'; } > wide.xml
pack wide.xlsx -0 "$SHEET" wide.xml
out=$(bounded "$SHOUHU" --db db.sqlite import children wide.xlsx 2>&1)
status=$?
if [ "$status" -eq 1 ]; then pass "a row of twenty thousand cells is refused"; else fail "a row of twenty thousand cells is refused (status $status)" "$out"; fi

check "after all of them the database passes check" sh_db db.sqlite check
same "and holds what it held" "$(state db.sqlite)" "$before"
finish
