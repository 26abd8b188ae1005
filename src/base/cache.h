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

#endif
