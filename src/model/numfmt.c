/* numfmt.c: number formats of table columns (see numfmt.h). */
#include "numfmt.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bg_numfmt_parse(const char *f, bg_numfmt *out)
{
    memset(out, 0, sizeof *out);
    const char *p = f;
    if (strncmp(p, "#,##", 4) == 0) {
        out->grouping = true;
        p += 4;
    }
    if (*p != '0')
        return false;
    p++;
    if (*p == '.') {
        p++;
        while (*p == '0') {
            out->decimals++;
            p++;
        }
        if (out->decimals == 0)
            return false;
    }
    if (*p == '%') {
        out->percent = true;
        p++;
    }
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        if (!end || end[1] != '\0' || (size_t)(end - p - 1) >= sizeof out->suffix)
            return false;
        memcpy(out->suffix, p + 1, (size_t)(end - p - 1));
        p = end + 1;
    }
    return *p == '\0';
}

static void S_digits(bg_buf *b, const char *num, bool grouping)
{
    const char *dot = strchr(num, '.');
    size_t int_len = dot ? (size_t)(dot - num) : strlen(num);
    const char *digits = num;
    if (*digits == '-') {
        bg_buf_putc(b, '-');
        digits++;
        int_len--;
    }
    for (size_t i = 0; i < int_len; i++) {
        if (grouping && i > 0 && (int_len - i) % 3 == 0)
            bg_buf_putc(b, ',');
        bg_buf_putc(b, digits[i]);
    }
    if (dot)
        bg_buf_puts(b, dot);
}

bool bg_numfmt_fits(const bg_numfmt *f, double value)
{
    double v = f->percent ? value * 100.0 : value;
    return isfinite(v) && fabs(v) * pow(10, f->decimals) < 1e15;
}

char *bg_numfmt_format(const bg_numfmt *f, double value, const char *unit)
{
    double v = f->percent ? value * 100.0 : value;
    /* Sized for any double (1e308 has 309 digits), though the loader refuses numbers
     * that do not fit (bg_numfmt_fits). */
    char *num = bg_strprintf("%.*f", f->decimals, v);
    if (strcmp(num, "-0") == 0 || (num[0] == '-' && strspn(num + 1, "0.") == strlen(num + 1)))
        memmove(num, num + 1, strlen(num));
    bg_buf b;
    bg_buf_init(&b);
    S_digits(&b, num, f->grouping);
    if (f->percent)
        bg_buf_putc(&b, '%');
    bg_buf_puts(&b, f->suffix);
    if (unit && *unit)
        bg_buf_printf(&b, " %s", unit);
    free(num);
    return bg_buf_take(&b);
}

char *bg_numfmt_plain(double value, const char *unit)
{
    char num[64];
    if (value == floor(value) && fabs(value) < 1e15)
        snprintf(num, sizeof num, "%.0f", value);
    else
        snprintf(num, sizeof num, "%.10g", value);
    return unit && *unit ? bg_strprintf("%s %s", num, unit) : bg_xstrdup(num);
}
