#!/bin/sh
# preflight.sh FILE.pdf: validates a PDF/A-1b file with Apache PDFBox preflight (Debian's
# libpdfbox2-java with libactivation-java and libjaxb-api-java). Prints preflight's
# verdict and errors; exits 0 when the file is valid PDF/A-1b.
set -u
J=/usr/share/java
CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar
out=$(java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^\s*at \|^WARNING\|^SLF4J' | head -40
[ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "is a valid PDF/A-1b"
