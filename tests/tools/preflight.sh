#!/bin/sh
# preflight.sh FILE.pdf...: validates PDF/A-1b files with Apache PDFBox preflight (Debian's
# libpdfbox2-java with libactivation-java and libjaxb-api-java). Prints preflight's
# verdicts and errors; exits 0 when every file is valid PDF/A-1b. Several files go to one
# Java virtual machine (preflight's batch mode over a folder of links to them, so their
# names must differ): starting one takes seconds on a busy machine.
set -u
J=/usr/share/java
CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar
if [ "$#" -eq 1 ]; then
  out=$(java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep -v '^\s*at \|^WARNING\|^SLF4J' | head -40
  [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "is a valid PDF/A-1b"
  exit
fi
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
for f in "$@"; do
  name=$(basename "$f")
  [ -e "$dir/$name" ] && { echo "preflight.sh: two files named $name"; exit 1; }
  ln -s "$(cd "$(dirname "$f")" && pwd)/$name" "$dir/$name"
done
out=$(java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b batch "$dir" 2>&1)
printf '%s\n' "$out" | grep -v '^\s*at \|^WARNING\|^SLF4J' | head -80
status=0
for f in "$@"; do
  printf '%s\n' "$out" | grep -qxF "The file $(basename "$f") is a valid PDF/A-1b file" || status=1
done
exit $status
