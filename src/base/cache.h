/* cache.h: where baogao keeps what it remembers between builds: $XDG_CACHE_HOME/baogao/
 * (or ~/.cache/baogao/). Everything there is checked before use and only ever saves
 * time; a missing, unwritable or damaged cache never changes an output byte. */
#ifndef BG_CACHE_H
#define BG_CACHE_H

#include "buf.h"

#include <stddef.h>

/* "<cache folder>/baogao/<name>", malloc'd, or NULL when neither XDG_CACHE_HOME nor HOME
 * is set. */
char *bg_cache_path(const char *name);
/* Creates the folders above path (not path itself); errors are ignored, since a later
 * open reports them. */
void bg_cache_mkdirs(const char *path);
/* Replaces path with data[0..len) through a temporary file beside it and rename(), so a
 * reader never sees half a file. Returns 0 or -1 (nothing left behind). */
int bg_cache_write(const char *path, const void *data, size_t len);
/* The same, the file's bytes given in parts, one after the other (no copy made of them). */
typedef struct bg_cache_part {
    const void *data;
    size_t len;
} bg_cache_part;
int bg_cache_write_parts(const char *path, const bg_cache_part *parts, size_t count);

/* Entries: the file <folder>/<key in hex> holds an 8-byte magic (the entry kind and its
 * version), the 32-byte key, the payload's length (8 bytes, big-endian), the payload and
 * the SHA-256 of everything before it. A file that is not exactly one such entry, for
 * this magic and key, is not believed. */

/* Appends the payload of folder's entry for key to out; 0, or -1 with out untouched when
 * there is no whole entry (or no cache folder). */
int bg_cache_load(const char *folder, const char magic[8], const unsigned char key[32], bg_buf *out);
/* Stores data[0..len) as folder's entry for key, atomically; failures are ignored (the
 * next build computes it again). */
void bg_cache_store(const char *folder, const char magic[8], const unsigned char key[32], const void *data,
                    size_t len);

/* Large entries (megabytes; layout/textdisk.c's 1.5 MB of paragraphs): the same layout
 * but checked by a CRC-32 (libdeflate's, 0.1 ms where SHA-256 took 0.95), which finds
 * any damage a disk or a cut write does; the reader also checks everything it reads.
 * Read in place: bg_cache_load_large maps the file (a cache file is only ever replaced
 * by rename, never written over, so the mapping stays whole; reading, copying and
 * freeing it took 1.4 ms more) and gives its payload at *payload, *len bytes, until
 * bg_cache_unmap. NULL when there is no whole entry for this magic and key. */
typedef struct bg_cache_map bg_cache_map;
void bg_cache_store_large(const char *folder, const char magic[8], const unsigned char key[32],
                          const bg_cache_part *parts, size_t count); /* the payload in parts */
bg_cache_map *bg_cache_load_large(const char *folder, const char magic[8], const unsigned char key[32],
                                  const void **payload, size_t *len);
void bg_cache_unmap(bg_cache_map *m); /* accepts NULL */

#endif
