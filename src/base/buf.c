/* buf.c: growable byte buffer (see buf.h). */
#include "buf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void bg_buf_init(bg_buf *b) { memset(b, 0, sizeof *b); }

void bg_buf_free(bg_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void bg_buf_clear(bg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void S_reserve(bg_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t n = b->cap ? b->cap : 64;
    while (n < b->len + extra + 1)
        n *= 2;
    b->data = bg_xrealloc(b->data, n);
    b->cap = n;
}

void bg_buf_put(bg_buf *b, const void *data, size_t n)
{
    S_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void bg_buf_puts(bg_buf *b, const char *s) { bg_buf_put(b, s, strlen(s)); }

void bg_buf_putc(bg_buf *b, char c) { bg_buf_put(b, &c, 1); }

void bg_buf_printf(bg_buf *b, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n > 0) {
        S_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

void bg_buf_num(bg_buf *b, double v, int decimals)
{
    char tmp[64];
    double scale = pow(10, decimals);
    double r = round(v * scale) / scale;
    if (r == 0)
        r = 0; /* no "-0" */
    snprintf(tmp, sizeof tmp, "%.*f", decimals, r);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *end = tmp + strlen(tmp) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    bg_buf_puts(b, tmp);
}

char *bg_buf_take(bg_buf *b)
{
    char *p = b->data ? b->data : bg_xstrdup("");
    memset(b, 0, sizeof *b);
    return p;
}

int bg_buf_read_file(bg_buf *b, const char *path) { return bg_buf_read_file_max(b, path, SIZE_MAX); }

int bg_buf_read_file_max(bg_buf *b, const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct stat st;
    if (fstat(fileno(f), &st) == 0) {
        int refuse = S_ISDIR(st.st_mode) ? EISDIR /* fopen opens folders on Linux */
                     : S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max ? EFBIG : 0;
        if (refuse) {
            fclose(f);
            errno = refuse;
            return -1;
        }
    }
    /* Not a regular file (a pipe): the limit holds while reading. */
    size_t start = b->len;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b->len - start + n > max) {
            fclose(f);
            b->len = start;
            if (b->data)
                b->data[start] = '\0';
            errno = EFBIG;
            return -1;
        }
        bg_buf_put(b, chunk, n);
    }
    int failed = ferror(f), saved = errno ? errno : EIO;
    fclose(f);
    if (failed)
        errno = saved;
    return failed ? -1 : 0;
}
