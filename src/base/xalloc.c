/* xalloc.c: aborting allocators (see xalloc.h). */
#include "xalloc.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_out_of_memory(void)
{
    fputs(_("baogao: error: out of memory\n"), stderr);
    exit(3);
}

void *bg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        S_out_of_memory();
    return p;
}

void *bg_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        S_out_of_memory();
    return p;
}

void *bg_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        S_out_of_memory();
    return q;
}

char *bg_xstrdup(const char *s) { return bg_xstrndup(s, strlen(s)); }

char *bg_xstrndup(const char *s, size_t n)
{
    char *p = bg_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bg_vstrprintf(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        n = 0;
    char *p = bg_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *bg_strprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = bg_vstrprintf(fmt, ap);
    va_end(ap);
    return p;
}

void bg_grow(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    *items = bg_xrealloc(*items, n * elem);
    *cap = n;
}

char *bg_path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return bg_xstrdup(".");
    if (slash == path)
        return bg_xstrdup("/");
    return bg_xstrndup(path, (size_t)(slash - path));
}
