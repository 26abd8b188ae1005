#!/usr/bin/env python3
"""pdf_limits_check.py: checks that a PDF stays within the implementation limits PDF/A-1
takes from PDF 1.4 (Annex C) -- at most 8191 elements in an array, 4095 entries in a
dictionary, 65535 bytes in a string, 127 bytes in a name -- and that a structure tree too
big for one array is still whole: every key of the ParentTree (a number tree, maybe with
/Kids and /Limits) from 0 to /ParentTreeNextKey - 1 is found once, every page's
/StructParents among them, every element's /ID in the IDTree, each leaf's /Limits its
first and last key, and every element's /P is the element whose /K lists it.

It reads the file through `qpdf --json` (qpdf decodes it; walking every object through
pikepdf took 7 s for a 3,000-page file, this takes 2).

usage: pdf_limits_check.py FILE.pdf...   (prints "FILE: ok (...)" or the failures; exit 1)"""
import json
import subprocess
import sys

MAX_ARRAY, MAX_DICT, MAX_STRING, MAX_NAME = 8191, 4095, 65535, 127


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", path], check=True, capture_output=True).stdout
    objects = {}
    for key, obj in json.loads(out)["qpdf"][1].items():
        if key.startswith("obj:"):
            objects[key[4:]] = obj["stream"]["dict"] if "stream" in obj else obj["value"]
    return objects


def is_ref(v):
    return isinstance(v, str) and v.endswith(" R") and v[:1].isdigit()


def string_bytes(v):
    """The bytes a PDF string takes (qpdf writes text as u:, others as b:hex)."""
    if v.startswith("b:"):
        return (len(v) - 2) // 2
    if v.startswith("u:"):
        body = v[2:]
        return len(body) if all(ord(c) < 256 for c in body) else 2 + len(body.encode("utf-16-le"))
    return 0


def check(path):
    failures = []
    objects = load(path)
    arrays = largest = 0
    for ident, value in objects.items():
        todo = [value]
        while todo:
            o = todo.pop()
            if isinstance(o, list):
                arrays += 1
                largest = max(largest, len(o))
                if len(o) > MAX_ARRAY:
                    failures.append("an array of %d elements (object %s)" % (len(o), ident))
                todo.extend(x for x in o if isinstance(x, (list, dict, str)))
            elif isinstance(o, dict):
                if len(o) > MAX_DICT:
                    failures.append("a dictionary of %d entries (object %s)" % (len(o), ident))
                for k, v in o.items():
                    if len(k.encode()) - 1 > MAX_NAME:
                        failures.append("a name of %d bytes" % (len(k.encode()) - 1))
                    if isinstance(v, (list, dict, str)):
                        todo.append(v)
            elif isinstance(o, str) and string_bytes(o) > MAX_STRING:
                failures.append("a string of %d bytes (object %s)" % (string_bytes(o), ident))

    def get(v):
        return objects.get(v) if is_ref(v) else v

    def leaves(node, key, depth=0):
        """(key, value) pairs of a number or name tree, checking each leaf's /Limits."""
        node = get(node)
        if depth > 32:
            failures.append("a tree deeper than 32 levels")
            return
        if "/Kids" in node:
            for kid in get(node["/Kids"]):
                yield from leaves(kid, key, depth + 1)
            return
        pairs = get(node.get(key, []))
        if depth > 0:
            lim = get(node.get("/Limits", []))
            if len(pairs) == 0 or len(lim) != 2 or lim[0] != pairs[0] or lim[1] != pairs[-2]:
                failures.append("a %s leaf whose /Limits are not its first and last key" % key)
        for i in range(0, len(pairs), 2):
            yield pairs[i], pairs[i + 1]

    catalog = next(v for v in objects.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")
    root_ref = catalog.get("/StructTreeRoot")
    elements = 0
    if root_ref:
        root = get(root_ref)
        keys = [k for k, _ in leaves(root["/ParentTree"], "/Nums")]
        if sorted(keys) != list(range(root["/ParentTreeNextKey"])):
            failures.append("the ParentTree has %d keys, not 0 to %d once each" % (len(keys), root["/ParentTreeNextKey"] - 1))
        present = set(keys)
        for v in objects.values():
            if isinstance(v, dict) and v.get("/Type") == "/Page" and v.get("/StructParents", -1) not in present:
                failures.append("a page whose /StructParents is not in the ParentTree")
        ids = set()
        todo = [(root_ref, root["/K"])]
        while todo:
            parent, k = todo.pop()
            resolved = get(k)
            for kid_ref in (resolved if isinstance(resolved, list) else [k]):
                kid = get(kid_ref)
                if not is_ref(kid_ref) or not isinstance(kid, dict) or kid.get("/Type") in ("/MCR", "/OBJR"):
                    continue
                elements += 1
                if kid.get("/P") != parent:
                    failures.append("an element whose /P is not the element listing it (%s)" % kid_ref)
                if "/ID" in kid:
                    ids.add(kid["/ID"])
                if "/K" in kid:
                    todo.append((kid_ref, kid["/K"]))
        if ids:
            named = [k for k, _ in leaves(root["/IDTree"], "/Names")]
            if sorted(named) != sorted(ids):
                failures.append("the IDTree names %d IDs, the elements have %d" % (len(named), len(ids)))
    for f in sorted(set(failures)):
        print("%s: %s" % (path, f))
    if not failures:
        print("%s: ok (%d elements; %d arrays, the largest of %d)" % (path, elements, arrays, largest))
    return not failures


if __name__ == "__main__":
    ok = all([check(p) for p in sys.argv[1:]])
    sys.exit(0 if ok else 1)
