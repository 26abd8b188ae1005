#!/usr/bin/env python3
"""pdf_attach.py: writes a PDF with attachments and Info entries through pikepdf (qpdf's
Python binding), i.e. by another tool than baogao, for the tests of `baogao info` and
`baogao extract` (tests/e2e/read_back.sh): the file specifications come in pikepdf's key
order, the embedded streams Flate-compressed, names and values anything we like
(hostile ones included).

usage: pdf_attach.py OUT.pdf [--info KEY=VALUE]... [NAME=FILE]...
  NAME may hold escapes such as \\x1b (decoded with unicode_escape)."""
import sys

import pikepdf


def main(argv):
    out, args = argv[1], argv[2:]
    pdf = pikepdf.new()
    pdf.add_blank_page()
    i = 0
    while i < len(args):
        if args[i] == "--info":
            key, value = args[i + 1].split("=", 1)
            pdf.docinfo["/" + key] = value.encode("latin-1").decode("unicode_escape")
            i += 2
            continue
        name, path = args[i].rsplit("=", 1)
        name = name.encode("latin-1").decode("unicode_escape")
        with open(path, "rb") as f:
            data = f.read()
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, filename=name)
        i += 1
    pdf.save(out, compress_streams=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
