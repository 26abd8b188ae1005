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

void bg_buf_reserve(bg_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t n = b->cap ? b->cap : 64;
    while (n < b->len + extra + 1)
        n *= 2;
    b->data = bg_xrealloc(b->data, n);
    b->cap = n;
}

void bg_buf_puts(bg_buf *b, const char *s) { bg_buf_put(b, s, strlen(s)); }

void bg_buf_printf(bg_buf *b, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n > 0) {
        bg_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

/* bg_buf_num's slow path, also its definition: round to `decimals`, print with printf,
 * strip trailing zeros and the point. */
static void S_num_printf(bg_buf *b, double v, int decimals)
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

/* Numbers are written for every glyph position and rule of every page, and pow() plus
 * snprintf took 13.6% of a build. The rounded value is an integer n of units of
 * 10^-decimals; while |n| < 10^15 the double nearest n / 10^decimals prints back as the
 * digits of n, so n is printed directly; anything else goes through printf. */
void bg_buf_num(bg_buf *b, double v, int decimals)
{
    static const double scales[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals < 0 || decimals > 6 || !(fabs(v) < 1e8)) {
        S_num_printf(b, v, decimals);
        return;
    }
    double n = round(v * scales[decimals]);
    if (n == 0) {
        bg_buf_putc(b, '0');
        return;
    }
    char digits[32], *p = digits + sizeof digits;
    unsigned long long u = (unsigned long long)fabs(n);
    int d = decimals;
    /* Fractional digits without their trailing zeros, then the point, then the integer. */
    while (d > 0 && u % 10 == 0) {
        u /= 10;
        d--;
    }
    for (; d > 0; d--) {
        *--p = (char)('0' + u % 10);
        u /= 10;
        if (d == 1)
            *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0)
        *--p = '-';
    bg_buf_put(b, p, (size_t)(digits + sizeof digits - p));
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

size_t bg_fixed(char *out, double v, int decimals)
{
    static const uint64_t scales[] = {1, 10, 100, 1000};
    if (decimals >= 0 && decimals <= 3 && fabs(v) < 1e15) {
        /* v = m * 2^e with m below 2^53, so m * 10^decimals fits in 64 bits: v * 10^decimals
         * rounded half to even, exactly as printf, in integers (the long double arithmetic
         * this replaces cost 3% of a build: 100,000 calls for the page digests) */
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        int exp = (int)(bits >> 52 & 0x7ff);
        uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
        int e = exp ? exp - 1075 : -1074;
        if (exp)
            m |= UINT64_C(1) << 52;
        uint64_t q = m * scales[decimals], u;
        if (e >= 0) {
            u = q << e; /* below 1e15 * 1000: no bit lost */
        } else if (e > -64) {
            uint64_t frac = q & ((UINT64_C(1) << -e) - 1), half = UINT64_C(1) << (-e - 1);
            u = q >> -e;
            if (frac > half || (frac == half && (u & 1)))
                u++;
        } else {
            u = 0; /* q < 2^63 <= half */
        }
        char digits[32], *p = digits + sizeof digits;
        for (int d = 0; d < decimals; d++) {
            *--p = (char)('0' + u % 10);
            u /= 10;
        }
        if (decimals)
            *--p = '.';
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (signbit(v))
            *--p = '-'; /* printf writes -0.00 too */
        size_t n = (size_t)(digits + sizeof digits - p);
        memcpy(out, p, n);
        out[n] = '\0';
        return n;
    }
    int n = snprintf(out, BG_FIXED_MAX, "%.*f", decimals, v);
    return n < 0 ? 0 : (size_t)n < BG_FIXED_MAX ? (size_t)n : BG_FIXED_MAX - 1;
}
