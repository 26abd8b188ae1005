/* fontsum.h: the SHA-256 of a font file, remembered between builds. Hashing the four
 * Noto CJK files (90 MB) took a third of a build, and a bureau rebuilds after every data
 * correction; so digests are kept in $XDG_CACHE_HOME/baogao/font-sha256 (or
 * ~/.cache/...), one line per file keyed by path, size, modification time and inode.
 * A stale or unreadable cache only costs the hashing again; it never changes a digest. */
#ifndef BG_FONTSUM_H
#define BG_FONTSUM_H

#include <stddef.h>

/* Writes the digest of the file at path, whose bytes are data[0..len), into out. */
void bg_font_digest(const char *path, const void *data, size_t len, char out[65]);

/* The same, with the hashing of a file the cache does not know done in a thread (90 MB of
 * fonts on a first run: it runs beside loading and laying out the report). Returns NULL
 * when out is already written, else a job: out is written once bg_font_digest_wait(job)
 * returns (which frees the job). data must stay valid until then. */
typedef struct bg_digest_job bg_digest_job;
bg_digest_job *bg_font_digest_start(const char *path, const void *data, size_t len, char out[65]);
void bg_font_digest_wait(bg_digest_job *job); /* accepts NULL */

#endif
