/* objstm.c: object streams and a cross-reference stream for the print copy (PDF 1.5,
 * ISO 32000-1 7.5.7 and 7.5.8). libharu 2.3.0 writes every object as `N 0 obj … endobj`
 * with a 20-byte entry in a classic cross-reference table; a tagged report has hundreds
 * of small dictionaries (structure elements, OBJRs, annotations, outline items, stream
 * lengths) whose headers and entries cost more than their content. bg_pdf_pack_objects
 * rewrites the file libharu saved: every object that is not a stream goes, in number
 * order, into /Type /ObjStm streams of at most S_PER_STREAM objects (Flate); streams are
 * copied byte for byte; a cross-reference stream (/W [1 n 2], PNG Up predictor, Flate,
 * with the trailer's keys) replaces the table and the trailer. Object numbers do not
 * change, so no reference inside an object is touched.
 * It reads only what libharu writes (a header, objects 1…N-1 back to back in number
 * order, each `N 0 obj\n…\nendobj\n` with generation 0, one table section from object 0,
 * a trailer of one key a line) and leaves a file of any other shape, or one with an
 * /Encrypt dictionary, as it is. One pass over the file: linear in its size.
 * PDF/A-1 forbids object streams and cross-reference streams: the caller never packs an
 * archive copy of part 1. */
#include "pdf_ctx.h"
#include "../base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Objects per object stream, as qpdf (100) or a little more: the objects of one stream
 * are decoded together, and a Flate window (32 KB) sees about 200 small dictionaries. */
enum { S_PER_STREAM = 200 };

/* The parsed classic file: the byte span of object i is [start[i], start[i + 1]). */
typedef struct S_file {
    const char *d;
    size_t len;
    size_t count;  /* /Size: objects 0 … count-1, 0 the free head */
    size_t *start; /* owned: count + 1 offsets, start[count] the table's */
    size_t header; /* bytes before object 1 */
    const char *trailer; /* the trailer dictionary's key lines, without /Size */
    size_t trailer_len;
} S_file;

static bool S_lit(const S_file *f, size_t pos, const char *lit)
{
    size_t n = strlen(lit);
    return pos <= f->len && f->len - pos >= n && memcmp(f->d + pos, lit, n) == 0;
}

/* A decimal number of at most 10 digits at *pos (advanced past it). */
static bool S_number(const S_file *f, size_t *pos, size_t *value)
{
    size_t v = 0, i = *pos;
    while (i < f->len && i - *pos < 10 && f->d[i] >= '0' && f->d[i] <= '9')
        v = v * 10 + (size_t)(f->d[i++] - '0');
    if (i == *pos || (i < f->len && f->d[i] >= '0' && f->d[i] <= '9'))
        return false;
    *pos = i;
    *value = v;
    return true;
}

/* The table entry at pos: "oooooooooo ggggg n\r\n" (the offset into *off). */
static bool S_entry(const S_file *f, size_t pos, size_t *off, size_t *gen, char *kind)
{
    size_t p = pos;
    if (!S_number(f, &p, off) || p != pos + 10 || !S_lit(f, p, " "))
        return false;
    p++;
    if (!S_number(f, &p, gen) || p != pos + 16 || !S_lit(f, p, " ") || !S_lit(f, p + 2, "\r\n"))
        return false;
    *kind = f->d[p + 1];
    return true;
}

/* The trailer from "trailer\n<<\n" at pos: its key lines are kept apart from /Size;
 * /Encrypt, /Prev (an update) or /XRefStm make the file one we leave alone. */
static bool S_trailer(S_file *f, size_t pos)
{
    if (!S_lit(f, pos, "trailer\n<<\n"))
        return false;
    pos += 11;
    const char *end = NULL;
    for (size_t p = pos; p + 3 <= f->len; p++)
        if (memcmp(f->d + p, ">>\n", 3) == 0 && (p == pos || f->d[p - 1] == '\n')) {
            end = f->d + p;
            break;
        }
    if (!end)
        return false;
    /* /Size is the first or the last line libharu writes; any other line is kept. */
    const char *p = f->d + pos;
    f->trailer = p;
    f->trailer_len = (size_t)(end - p);
    for (const char *line = p; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl || *line != '/')
            return false;
        size_t n = (size_t)(nl - line);
        if ((n >= 8 && memcmp(line, "/Encrypt", 8) == 0) || (n >= 5 && memcmp(line, "/Prev", 5) == 0) ||
            (n >= 8 && memcmp(line, "/XRefStm", 8) == 0))
            return false;
        if (n >= 6 && memcmp(line, "/Size ", 6) == 0) {
            if (line == f->trailer) {
                f->trailer = nl + 1;
                f->trailer_len = (size_t)(end - f->trailer);
            } else if (nl + 1 == end) {
                f->trailer_len = (size_t)(line - f->trailer);
            } else {
                return false;
            }
        }
        line = nl + 1;
    }
    return true;
}

static bool S_parse(S_file *f)
{
    /* The tail: "startxref\n<offset>\n%%EOF\n". */
    size_t sx = SIZE_MAX;
    for (size_t p = f->len > 40 ? f->len - 40 : 0; p + 10 <= f->len; p++)
        if (S_lit(f, p, "startxref\n"))
            sx = p;
    if (sx == SIZE_MAX)
        return false;
    size_t pos = sx + 10, xref;
    if (!S_number(f, &pos, &xref) || !S_lit(f, pos, "\n%%EOF\n") || pos + 7 != f->len)
        return false;
    /* "xref\n0 <count>\n", then count entries of 20 bytes. */
    pos = xref;
    size_t first, count;
    if (!S_lit(f, pos, "xref\n"))
        return false;
    pos += 5;
    if (!S_number(f, &pos, &first) || first != 0 || !S_lit(f, pos, " "))
        return false;
    pos++;
    if (!S_number(f, &pos, &count) || count < 2 || !S_lit(f, pos, "\n"))
        return false;
    pos++;
    if ((f->len - pos) / 20 < count)
        return false;
    size_t off, gen;
    char kind;
    if (!S_entry(f, pos, &off, &gen, &kind) || kind != 'f' || off != 0 || gen != 65535)
        return false;
    f->count = count;
    f->start = bg_xcalloc(count + 1, sizeof *f->start);
    size_t prev = 0;
    for (size_t i = 1; i < count; i++) {
        if (!S_entry(f, pos + 20 * i, &off, &gen, &kind) || kind != 'n' || gen != 0 || off <= prev ||
            off >= xref)
            return false;
        f->start[i] = prev = off;
    }
    f->start[count] = xref;
    f->header = f->start[1];
    if (!S_lit(f, 0, "%PDF-1.") || f->header < 9 || f->d[7] < '0' || f->d[7] > '9')
        return false;
    /* Each object is "i 0 obj\n…\nendobj\n", ending where the next begins. */
    for (size_t i = 1; i < count; i++) {
        size_t p = f->start[i], num;
        if (!S_number(f, &p, &num) || num != i || !S_lit(f, p, " 0 obj\n") ||
            f->start[i + 1] - f->start[i] < (p - f->start[i]) + 7 + 1 + 8 || !S_lit(f, f->start[i + 1] - 8, "\nendobj\n"))
            return false;
    }
    return S_trailer(f, pos + 20 * count);
}

/* Whether object i is a stream: its span ends "endstream\nendobj\n" (a dictionary,
 * array or number cannot: strings are escaped or hexadecimal, and a name is a key). */
static bool S_is_stream(const S_file *f, size_t i)
{
    return f->start[i + 1] - f->start[i] > 17 && S_lit(f, f->start[i + 1] - 17, "endstream\nendobj\n");
}

/* Object i's value: the bytes between "i 0 obj\n" and "\nendobj\n". */
static const char *S_value(const S_file *f, size_t i, size_t *n)
{
    const char *p = memchr(f->d + f->start[i], '\n', f->start[i + 1] - f->start[i]);
    p++;
    *n = (size_t)(f->d + f->start[i + 1] - 8 - p);
    return p;
}

/* Appends the stream object num with dictionary keys dict and data, deflated when
 * compress (false: zlib failed, nothing appended). */
static bool S_put_stream(bg_buf *out, size_t num, const char *dict, const bg_buf *data, bool compress)
{
    const void *bytes = data->data;
    uLongf n = data->len;
    Bytef *z = NULL;
    if (compress) {
        n = compressBound(data->len);
        z = bg_xmalloc(n);
        if (compress2(z, &n, (const Bytef *)data->data, data->len, Z_DEFAULT_COMPRESSION) != Z_OK) {
            free(z);
            return false;
        }
        bytes = z;
    }
    bg_buf_printf(out, "%zu 0 obj\n<<%s%s/Length %lu>>\nstream\n", num, dict, compress ? "/Filter/FlateDecode" : "",
                  (unsigned long)n);
    bg_buf_put(out, bytes, n);
    bg_buf_puts(out, "\nendstream\nendobj\n");
    free(z);
    return true;
}

/* A row of the cross-reference stream: type, field 2 in w bytes, field 3 in 2 bytes. */
static void S_row(bg_buf *rows, unsigned type, size_t f2, int w, unsigned f3)
{
    bg_buf_putc(rows, (char)type);
    for (int k = w - 1; k >= 0; k--)
        bg_buf_putc(rows, (char)(unsigned char)(f2 >> (8 * k)));
    bg_buf_putc(rows, (char)(unsigned char)(f3 >> 8));
    bg_buf_putc(rows, (char)(unsigned char)f3);
}

/* The object streams, the streams and the cross-reference stream of f into out. */
static bool S_write(const S_file *f, bool compress, bg_buf *out)
{
    size_t count = f->count, packed = 0;
    for (size_t i = 1; i < count; i++)
        packed += !S_is_stream(f, i);
    size_t streams = (packed + S_PER_STREAM - 1) / S_PER_STREAM;
    size_t size = count + streams + 1; /* the object streams, then the xref stream */
    /* Per object: the type-1 offset or the object stream's number and index. */
    size_t *where = bg_xcalloc(size, sizeof *where);
    unsigned *index = bg_xcalloc(size, sizeof *index);
    unsigned char *type = bg_xcalloc(size, 1);
    bool ok = true;

    bg_buf_put(out, f->d, f->header);
    if (out->data[7] < '5') /* object streams need PDF 1.5 */
        out->data[7] = '5';
    bg_buf head = {0}, body = {0}, all = {0};
    size_t next = 1;
    for (size_t s = 0; s < streams && ok; s++) {
        size_t num = count + s, n = 0;
        bg_buf_clear(&head);
        bg_buf_clear(&body);
        for (; next < count && n < S_PER_STREAM; next++) {
            if (S_is_stream(f, next))
                continue;
            size_t len;
            const char *v = S_value(f, next, &len);
            bg_buf_printf(&head, "%s%zu %zu", n ? " " : "", next, body.len);
            bg_buf_put(&body, v, len);
            bg_buf_putc(&body, '\n');
            type[next] = 2;
            where[next] = num;
            index[next] = (unsigned)n++;
        }
        bg_buf_putc(&head, '\n');
        bg_buf_clear(&all);
        bg_buf_put(&all, head.data, head.len);
        bg_buf_put(&all, body.data, body.len);
        char dict[64];
        snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", n, head.len);
        type[num] = 1;
        where[num] = out->len;
        ok = S_put_stream(out, num, dict, &all, compress);
    }
    for (size_t i = 1; i < count && ok; i++)
        if (S_is_stream(f, i)) {
            type[i] = 1;
            where[i] = out->len;
            bg_buf_put(out, f->d + f->start[i], f->start[i + 1] - f->start[i]);
        }

    /* The cross-reference stream, with the PNG Up predictor: each byte minus the one
     * above it, so runs of like offsets deflate to little. */
    size_t xref = out->len, num = size - 1;
    type[num] = 1;
    where[num] = xref;
    int w = 1;
    while (w < 8 && (xref >> (8 * w)) != 0)
        w++;
    size_t columns = (size_t)w + 3;
    bg_buf rows = {0}, up = {0};
    for (size_t i = 0; i < size; i++)
        S_row(&rows, type[i], type[i] == 0 ? 0 : where[i], w, type[i] == 0 ? 65535u : type[i] == 2 ? index[i] : 0);
    for (size_t r = 0; r < size; r++) {
        bg_buf_putc(&up, 2);
        for (size_t k = 0; k < columns; k++) {
            unsigned char cur = (unsigned char)rows.data[r * columns + k];
            unsigned char above = r ? (unsigned char)rows.data[(r - 1) * columns + k] : 0;
            bg_buf_putc(&up, (char)(unsigned char)(cur - above));
        }
    }
    bg_buf dict = {0};
    bg_buf_printf(&dict, "/Type/XRef/Size %zu/W[1 %d 2]\n", size, w);
    bg_buf_put(&dict, f->trailer, f->trailer_len);
    if (compress)
        bg_buf_printf(&dict, "/DecodeParms<</Columns %zu/Predictor 12>>", columns);
    if (ok)
        ok = S_put_stream(out, num, dict.data, compress ? &up : &rows, compress);
    if (ok)
        bg_buf_printf(out, "startxref\n%zu\n%%%%EOF\n", xref);
    bg_buf_free(&dict);
    bg_buf_free(&rows);
    bg_buf_free(&up);
    bg_buf_free(&head);
    bg_buf_free(&body);
    bg_buf_free(&all);
    free(where);
    free(index);
    free(type);
    return ok;
}

int bg_pdf_pack_objects(const bg_buf *in, bool compress, bg_buf *out)
{
    S_file f = {.d = in->data, .len = in->len};
    bg_buf_clear(out);
    int rc = in->data && S_parse(&f) && S_write(&f, compress, out) ? 0 : 1;
    free(f.start);
    return rc;
}
