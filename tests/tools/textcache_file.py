#!/usr/bin/env python3
"""textcache_file.py FILE ACTION: changes a text cache file of layout/textdisk.c for
tests/e2e/text_cache.sh, keeping its container whole (magic, key, length, payload, CRC-32:
base/cache.h) unless the action is to damage it.
  flip-byte         a byte of the payload changed, the CRC left as it was
  other-code        a byte of the first build ID changed, the CRC made right
  other-font        the first face's SHA-256 changed, the CRC made right
  truncate-entries  the payload cut in the middle of the paragraphs, length and CRC right
  change-glyph      the first glyph of the first paragraph with glyphs gets another glyph
                    ID, the CRC made right (a believed file that the PDF then shows)
The payload is read as textdisk.c writes it (native little-endian, 64-bit sizes)."""
import struct
import sys
import zlib

HEAD = 8 + 32 + 8


def load(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack(">Q", data[40:48])
    assert n == len(data) - HEAD - 4, "not a whole entry"
    return data[:40], bytearray(data[HEAD:HEAD + n])


def save(path, head, payload):
    body = head + struct.pack(">Q", len(payload)) + bytes(payload)
    open(path, "wb").write(body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))


class Reader:
    def __init__(self, b):
        self.b, self.at = b, 0

    def take(self, n):
        self.at += n
        return self.at - n

    def u32(self):
        return struct.unpack_from("<I", self.b, self.take(4))[0]

    def u64(self):
        return struct.unpack_from("<Q", self.b, self.take(8))[0]


def identity(r):
    r.take(14)  # "baogao text 1\0"
    glyph, line, count = r.u32(), r.u32(), r.u32()
    ids = []
    for _ in range(count):
        n = r.u32()
        ids.append(r.take(n))
    return glyph, line, ids


def runs(r, links):
    for _ in range(r.u64()):
        r.take(8 + 8 + 4 + 4 + 8 + 8)
        n = r.u32()
        if n != 0xFFFFFFFF:
            r.take(n)


def main():
    path, action = sys.argv[1], sys.argv[2]
    head, payload = load(path)
    if action == "flip-byte":
        payload[len(payload) // 2] ^= 0x10
        data = open(path, "rb").read()
        open(path, "wb").write(data[:HEAD] + bytes(payload) + data[-4:])
        return
    r = Reader(payload)
    glyph, line, ids = identity(r)
    if action == "other-code":
        payload[ids[0]] ^= 1
        return save(path, head, payload)
    fonts = r.u64()
    first_font = r.at
    r.take(fonts * 72)
    if action == "other-font":
        payload[first_font] = ord("0") if payload[first_font] != ord("0") else ord("1")
        return save(path, head, payload)
    entries = r.u64()
    if action == "truncate-entries":
        return save(path, head, payload[: r.at + (len(payload) - r.at) // 2])
    assert action == "change-glyph", action
    for _ in range(entries):
        n = r.u64()
        r.take(n)
        runs(r, True)
        r.take(48)  # typo
        shaped_runs = r.u64()
        r.at -= 8
        runs(r, False)
        r.take(8 * shaped_runs)  # run sources
        r.take(48)  # typo
        count = r.u64()
        if count:
            at = r.at
            (gid,) = struct.unpack_from("<I", payload, at)
            struct.pack_into("<I", payload, at, gid + 1 if gid > 3 else gid + 10)
            return save(path, head, payload)
        r.take(8 * 4)
        for _ in range(r.u64()):
            r.take(8 + 8 + 4)
            lines = r.u64()
            r.take(lines * line)
            arrays = r.u32()
            r.take(4 * count * ((arrays & 1) + ((arrays >> 1) & 1)))
            r.take(16)
    sys.exit("no paragraph with glyphs")


main()
