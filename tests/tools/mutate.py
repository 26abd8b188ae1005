#!/usr/bin/env python3
"""mutate.py SRC.json OUTDIR N: writes N damaged copies of a report, deterministically
(seeded), for robustness tests: bytes cut, deleted or doubled, values replaced by
values of other types, keys renamed, arrays emptied, numbers made huge or negative,
strings given stray markup. Each file is named mut-NNN.json."""
import json
import os
import random
import sys


def walk(obj, path=()):
    yield path, obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk(v, path + (i,))


def set_at(obj, path, value):
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value


ODD_VALUES = [None, True, 0, -1, 1e308, -1e308, 3.5, "", "**", "^[", "[@", "[@nowhere]", "\\", [], {},
              "\u0000", "\U0001F600" * 50, "１２３", "a" * 5000]


def damage_tree(doc, rnd):
    nodes = [p for p, _ in walk(doc) if p]
    path = rnd.choice(nodes)
    how = rnd.randrange(4)
    if how == 0:
        set_at(doc, path, rnd.choice(ODD_VALUES))
    elif how == 1 and isinstance(path[-1], str):
        parent = doc
        for p in path[:-1]:
            parent = parent[p]
        parent[path[-1] + "x"] = parent.pop(path[-1])
    elif how == 2:
        parent = doc
        for p in path[:-1]:
            parent = parent[p]
        if isinstance(parent, list):
            parent.clear()
        else:
            del parent[path[-1]]
    else:
        value = doc
        for p in path:
            value = value[p]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            set_at(doc, path, rnd.choice([value * 1e12, -value, value + 0.001]))
        elif isinstance(value, str):
            set_at(doc, path, value[: len(value) // 2] + rnd.choice(["**", "^[x", "]", "[@", "_{", "^{"]))
    return json.dumps(doc, ensure_ascii=False).encode()


def damage_bytes(data, rnd):
    i = rnd.randrange(len(data))
    how = rnd.randrange(3)
    if how == 0:
        return data[:i]
    if how == 1:
        return data[:i] + data[i + 1:]
    return data[:i] + data[i:i + 40] + data[i:]


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = open(src, "rb").read()
    rnd = random.Random(20241122)
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        if k % 3 == 0:
            damaged = damage_bytes(data, rnd)
        else:
            damaged = damage_tree(json.loads(data), rnd)
        with open(os.path.join(out, f"mut-{k:03d}.json"), "wb") as f:
            f.write(damaged)


if __name__ == "__main__":
    main()
