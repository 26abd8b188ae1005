/* pdfread.c: reading back baogao's own PDFs (pdfread.h). */
#include "pdfread.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bg_pdfread_open(const char *path, bg_pdfread *pdf)
{
    memset(pdf, 0, sizeof *pdf);
    bg_buf b = {0};
    int failed = bg_buf_read_file(&b, path);
    if (failed || b.len < 8 || memcmp(b.data, "%PDF-", 5) != 0) {
        bg_buf_free(&b);
        if (!failed)
            errno = EINVAL;
        return -1;
    }
    pdf->len = b.len;
    pdf->data = b.data;
    return 0;
}

void bg_pdfread_close(bg_pdfread *pdf)
{
    free(pdf->data);
    memset(pdf, 0, sizeof *pdf);
}

/* memmem for a NUL-terminated needle. */
static const char *S_find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

const char *bg_pdfread_object(const bg_pdfread *pdf, long num, size_t *len)
{
    char head[32];
    snprintf(head, sizeof head, "\n%ld 0 obj", num);
    const char *at = S_find(pdf->data, pdf->len, head);
    if (!at)
        return NULL;
    at += strlen(head);
    const char *end = S_find(at, pdf->len - (size_t)(at - pdf->data), "endobj");
    if (!end)
        return NULL;
    *len = (size_t)(end - at);
    return at;
}

/* The value after "/key" followed by a delimiter, or NULL. */
static const char *S_value(const char *text, size_t len, const char *key)
{
    char name[96];
    snprintf(name, sizeof name, "/%s", key);
    size_t n = strlen(name);
    for (const char *p = text; (p = S_find(p, len - (size_t)(p - text), name)); p += n) {
        char after = p + n < text + len ? p[n] : 0;
        if (after == ' ' || after == '(' || after == '<' || after == '/' || after == '[' || after == '\n' ||
            after == '\r') {
            p += n;
            while (p < text + len && (*p == ' ' || *p == '\n' || *p == '\r'))
                p++;
            return p;
        }
    }
    return NULL;
}

char *bg_pdfread_string(const char *text, size_t len, const char *key)
{
    const char *p = S_value(text, len, key);
    if (!p || *p != '(')
        return NULL;
    bg_buf out = {0};
    int depth = 1;
    for (p++; p < text + len; p++) {
        if (*p == '\\' && p + 1 < text + len) {
            p++;
            char c = *p;
            if (c >= '0' && c <= '7') { /* octal: up to three digits */
                int v = 0, k = 0;
                while (k < 3 && p < text + len && *p >= '0' && *p <= '7')
                    v = v * 8 + (*p++ - '0'), k++;
                p--;
                c = (char)v;
            } else if (c == 'n') {
                c = '\n';
            } else if (c == 'r') {
                c = '\r';
            } else if (c == 't') {
                c = '\t';
            }
            bg_buf_putc(&out, c);
            continue;
        }
        if (*p == '(')
            depth++;
        if (*p == ')' && --depth == 0)
            break;
        bg_buf_putc(&out, *p);
    }
    bg_buf_putc(&out, '\0');
    return bg_buf_take(&out);
}

long bg_pdfread_ref(const char *text, size_t len, const char *key)
{
    /* strtol, not sscanf: glibc's sscanf takes the length of the whole rest of the file
     * first (the data is NUL-terminated), which made reading a large file quadratic. */
    const char *p = S_value(text, len, key);
    if (!p)
        return -1;
    char *end;
    long num = strtol(p, &end, 10);
    if (end == p || num < 0)
        return -1;
    p = end;
    (void)strtol(p, &end, 10);
    if (end == p)
        return -1;
    while (*end == ' ' || *end == '\n' || *end == '\r')
        end++;
    return *end == 'R' ? num : -1;
}

long bg_pdfread_int(const char *text, size_t len, const char *key)
{
    const char *p = S_value(text, len, key);
    if (!p)
        return -1;
    char *end;
    long v = strtol(p, &end, 10);
    return end == p ? -1 : v;
}

const char *bg_pdfread_stream(const bg_pdfread *pdf, long num, size_t *len)
{
    size_t olen;
    const char *obj = bg_pdfread_object(pdf, num, &olen);
    if (!obj)
        return NULL;
    const char *stream = S_find(obj, olen, "stream");
    if (!stream)
        return NULL;
    size_t dict_len = (size_t)(stream - obj);
    long length = -1;
    long ref = bg_pdfread_ref(obj, dict_len, "Length");
    if (ref >= 0) {
        size_t vlen;
        const char *v = bg_pdfread_object(pdf, ref, &vlen);
        if (v)
            length = strtol(v, NULL, 10);
    } else {
        length = bg_pdfread_int(obj, dict_len, "Length");
    }
    const char *data = stream + 6;
    if (*data == '\r')
        data++;
    if (*data == '\n')
        data++;
    /* compared as sizes: data + length could overflow the pointer */
    if (length < 0 || (size_t)length > (size_t)(pdf->data + pdf->len - data))
        return NULL;
    *len = (size_t)length;
    return data;
}
