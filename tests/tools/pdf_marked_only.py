#!/usr/bin/env python3
"""pdf_marked_only.py TAGGED.pdf UNTAGGED.pdf: checks that tagging changed nothing on the
pages but marked content: page by page, the tagged file's content stream with its
BDC/BMC/EMC operators taken out is the untagged file's, operator for operator (read with
pikepdf), and both have the same pages, sizes and resources. Prints the first difference
per page; exits 1 on any."""
import sys

import pikepdf

MARKS = {"BDC", "BMC", "EMC"}


def ops(page, strip):
    out = []
    for operands, op in pikepdf.parse_content_stream(page):
        if strip and str(op) in MARKS:
            continue
        out.append((str(op), [repr(o) for o in operands]))
    return out


def main():
    tagged, untagged = pikepdf.open(sys.argv[1]), pikepdf.open(sys.argv[2])
    bad = 0
    if len(tagged.pages) != len(untagged.pages):
        print(f"{len(tagged.pages)} pages tagged, {len(untagged.pages)} untagged")
        return 1
    for i, (a, b) in enumerate(zip(tagged.pages, untagged.pages), 1):
        if list(a.mediabox) != list(b.mediabox):
            print(f"page {i}: MediaBox differs")
            bad += 1
        x, y = ops(a, True), ops(b, False)
        if x != y:
            k = next((j for j, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            print(f"page {i}: operator {k} differs: {x[k] if k < len(x) else None} vs {y[k] if k < len(y) else None}")
            bad += 1
    print(f"{len(tagged.pages)} pages, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
