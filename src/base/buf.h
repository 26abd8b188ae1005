/* buf.h: a growable byte buffer, always NUL-terminated, used for building strings,
 * PDF content streams and CMaps. */
#ifndef BG_BUF_H
#define BG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct bg_buf {
    char *data; /* owned; NUL-terminated when non-NULL */
    size_t len, cap;
} bg_buf;

void bg_buf_init(bg_buf *b);
void bg_buf_free(bg_buf *b);
void bg_buf_clear(bg_buf *b);
/* Makes room for extra more bytes and the NUL. */
void bg_buf_reserve(bg_buf *b, size_t extra);
/* bg_buf_put and bg_buf_putc are inline: content streams are appended a few bytes at a
 * time (a call each was 1.8% of a build's instructions). */
static inline void bg_buf_put(bg_buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap)
        bg_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void bg_buf_putc(bg_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        bg_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
void bg_buf_puts(bg_buf *b, const char *s);
void bg_buf_printf(bg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a number in PDF style: at most `decimals` decimals, no trailing zeros. */
void bg_buf_num(bg_buf *b, double v, int decimals);
/* Writes v exactly as printf's "%.*f" does (the double's exact value rounded half to even)
 * into out (at least BG_FIXED_MAX bytes, NUL-terminated); returns the length. Without
 * printf for 0 to 3 decimals and |v| < 1e15, where v's mantissa times 10^decimals is
 * exact in 64-bit integers; printf itself otherwise. */
enum { BG_FIXED_MAX = 352 };
size_t bg_fixed(char *out, double v, int decimals);
/* Returns the data (never NULL) and leaves the buffer empty; the caller frees it. */
char *bg_buf_take(bg_buf *b);

/* Appends the whole file at path. Returns 0, or -1 with errno set (what was read stays). */
int bg_buf_read_file(bg_buf *b, const char *path);
/* The same, refusing a file of more than max bytes: -1 with errno EFBIG, nothing read. */
int bg_buf_read_file_max(bg_buf *b, const char *path, size_t max);

#endif
