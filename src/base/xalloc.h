/* xalloc.h: allocation that aborts on exhaustion. baogao handles only user errors as
 * diagnostics; running out of memory ends the process with a message (exit 3). */
#ifndef BG_XALLOC_H
#define BG_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *bg_xmalloc(size_t n);
void *bg_xcalloc(size_t count, size_t size);
void *bg_xrealloc(void *p, size_t n);
char *bg_xstrdup(const char *s);
char *bg_xstrndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *bg_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *bg_vstrprintf(const char *fmt, va_list ap);

/* The folder part of path ("." when it has none, "/" for the root); caller frees. */
char *bg_path_dirname(const char *path);
/* Grows *items (of elem bytes each) so that it can hold at least need elements. */
void bg_grow(void **items, size_t *cap, size_t need, size_t elem);
#define BG_GROW(arr, cap, need) bg_grow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
