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

/* The same, in the background: a first build (nothing cached) spent 90 ms of its 0.45 s
 * hashing the four Noto CJK files before laying out a line, and nothing needs a digest
 * until the PDF is written. Looks in the cache at once; on a miss hashes data[0..len)
 * on a thread of its own and returns the job (NULL when out is already written: a cache
 * hit, or no thread to be had, when it hashes here). data must stay mapped, and out
 * unread, until bg_font_digest_wait(job) has returned; bg_font_digest_free waits and
 * frees the job. Both accept NULL, and are called from the thread that started it. */
typedef struct bg_font_digest_job bg_font_digest_job;
bg_font_digest_job *bg_font_digest_start(const char *path, const void *data, size_t len, char out[65]);
void bg_font_digest_wait(bg_font_digest_job *job);
void bg_font_digest_free(bg_font_digest_job *job);

#endif
