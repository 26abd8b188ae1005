/* cache.h: where baogao keeps what it remembers between builds: $XDG_CACHE_HOME/baogao/
 * (or ~/.cache/baogao/). Everything there is checked before use and only ever saves
 * time; a missing, unwritable or damaged cache never changes an output byte. */
#ifndef BG_CACHE_H
#define BG_CACHE_H

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

#endif
