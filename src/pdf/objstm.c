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
#include "../base/parallel.h"
#include "../base/xalloc.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Objects per object stream, as qpdf (100) or a little more: the objects of one stream
 * are decoded together, and a Flate window (32 KB) sees about 200 small dictionaries
 * (2023 report, level 6: 100 a stream 25.2 KB, 200 23.9 KB, 400 24.1 KB, all in one
 * 23.9 KB). Deflated by libdeflate at level 5, as page content (deflate.c: the 2023
 * report's objects, 80 KB, to 19.8% in 0.93 ms, where zlib's level 5 gave 20.7% in
 * 2.02 ms), each object stream on a core of its own. Removing the whitespace libharu
 * puts between tokens first (`<<\n/S /P\n/K 0\n>>` → `<</S/P/K 0>>`) saves 130 bytes
 * after deflate on 2023: not done. */
enum { S_PER_STREAM = 200, S_LEVEL = 5 };

/* The parsed classic file: the byte span of object i is [start[i], start[i + 1]). */
typedef struct S_file {
    const char *d;
    size_t len;
    size_t count;  /* /Size: objects 0 … count-1, 0 the free head */
    size_t *start; /* owned: count + 1 offsets, start[count] the table's */
    size_t header; /* bytes before object 1 */
    bg_buf trailer; /* the trailer dictionary's key lines but /Size */
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

/* The trailer: "trailer\n<<\n" at pos, key lines, ">>\n" ending at stop (where
 * "startxref" begins). Its key lines are kept apart from /Size; /Encrypt, /Prev (an
 * update) or /XRefStm make the file one we leave alone. */
static bool S_trailer(S_file *f, size_t pos, size_t stop)
{
    if (!S_lit(f, pos, "trailer\n<<\n") || stop < pos + 11 + 3 || !S_lit(f, stop - 3, ">>\n"))
        return false;
    pos += 11;
    const char *end = f->d + stop - 3;
    if (end != f->d + pos && end[-1] != '\n')
        return false;
    bool root = false, size = false;
    for (const char *line = f->d + pos; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl || *line != '/')
            return false;
        size_t n = (size_t)(nl - line), value;
        if ((n >= 8 && memcmp(line, "/Encrypt", 8) == 0) || (n >= 5 && memcmp(line, "/Prev", 5) == 0) ||
            (n >= 8 && memcmp(line, "/XRefStm", 8) == 0))
            return false;
        if (n >= 6 && memcmp(line, "/Size ", 6) == 0) {
            size_t at = (size_t)(line - f->d) + 6;
            if (!S_number(f, &at, &value) || f->d + at != nl || value != f->count)
                return false;
            size = true;
        } else {
            root |= n >= 6 && memcmp(line, "/Root ", 6) == 0;
            bg_buf_put(&f->trailer, line, n + 1);
        }
        line = nl + 1;
    }
    return root && size;
}

/* Whether object i is a stream: its span ends "endstream\nendobj\n" (a dictionary,
 * array or number cannot: strings are escaped or hexadecimal, and a name is a key). */
static bool S_is_stream(const S_file *f, size_t i)
{
    return f->start[i + 1] - f->start[i] > 17 && S_lit(f, f->start[i + 1] - 17, "endstream\nendobj\n");
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
        /* A stream that does not end as libharu ends streams must not be packed. */
        if (!S_is_stream(f, i)) {
            const char *end = f->d + f->start[i + 1];
            for (const char *cr = f->d + p; (cr = memchr(cr, '\r', (size_t)(end - cr))) != NULL; cr++)
                if (cr - f->d >= 6 && memcmp(cr - 6, "stream", 6) == 0)
                    return false;
        }
    }
    return S_trailer(f, pos + 20 * count, sx);
}

/* Object i's value: the bytes between "i 0 obj\n" and "\nendobj\n". */
static const char *S_value(const S_file *f, size_t i, size_t *n)
{
    const char *p = memchr(f->d + f->start[i], '\n', f->start[i + 1] - f->start[i]);
    p++;
    *n = (size_t)(f->d + f->start[i + 1] - 8 - p);
    return p;
}

/* Appends n as decimal digits. */
static void S_put_size(bg_buf *b, size_t n)
{
    char digits[24];
    size_t i = sizeof digits;
    do
        digits[--i] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    bg_buf_put(b, digits + i, sizeof digits - i);
}

/* Appends the stream object num: dictionary keys dict, then its data: zdata when the
 * stream is deflated (not NULL), else a and b one after the other. */
static void S_put_stream(bg_buf *out, size_t num, const char *dict, const bg_buf *zdata, const bg_buf *a,
                         const bg_buf *b)
{
    size_t len = zdata ? zdata->len : a->len + (b ? b->len : 0);
    S_put_size(out, num);
    bg_buf_printf(out, " 0 obj\n<<%s%s/Length %zu>>\nstream\n", dict, zdata ? "/Filter/FlateDecode" : "", len);
    if (zdata) {
        bg_buf_put(out, zdata->data, zdata->len);
    } else {
        bg_buf_put(out, a->data, a->len);
        if (b)
            bg_buf_put(out, b->data, b->len);
    }
    bg_buf_puts(out, "\nendstream\nendobj\n");
}

/* One object stream: its objects' numbers and offsets (head), their values (body), and
 * those deflated (z). */
typedef struct S_objstm {
    bg_buf head, body, z;
    size_t count;
    bool ok;
} S_objstm;

/* bg_parallel_for task i: object stream i's head and body deflated as one. */
static void S_deflate_task(void *arg, size_t i)
{
    S_objstm *o = &((S_objstm *)arg)[i];
    bg_buf data = {0};
    bg_buf_put(&data, o->head.data, o->head.len);
    bg_buf_put(&data, o->body.data, o->body.len);
    o->ok = bg_pdf_deflate(data.data, data.len, S_LEVEL, &o->z) == 0;
    bg_buf_free(&data);
}

/* Packs f into f's own bytes (pdf): the header and the streams, each moved down over
 * the objects taken out, then the object streams and the cross-reference stream. All
 * that follows the streams is made first, while the objects it copies are still in
 * place; false (pdf untouched) when zlib fails. */
static bool S_pack(const S_file *f, bool compress, bg_buf *pdf)
{
    size_t count = f->count, packed = 0, moved = f->header;
    for (size_t i = 1; i < count; i++) {
        if (S_is_stream(f, i))
            moved += f->start[i + 1] - f->start[i];
        else
            packed++;
    }
    size_t streams = (packed + S_PER_STREAM - 1) / S_PER_STREAM;
    size_t size = count + streams + 1; /* the object streams, then the xref stream */
    /* Per object: its offset (type 1), or its object stream and index there (type 2). */
    size_t *where = bg_xcalloc(size, sizeof *where);
    unsigned *index = bg_xcalloc(size, sizeof *index);
    unsigned char *type = bg_xcalloc(size, 1);
    for (size_t i = 1, at = f->header; i < count; i++)
        if (S_is_stream(f, i)) {
            type[i] = 1;
            where[i] = at;
            at += f->start[i + 1] - f->start[i];
        }
    S_objstm *objstm = bg_xcalloc(streams ? streams : 1, sizeof *objstm);
    size_t next = 1;
    for (size_t s = 0; s < streams; s++) {
        S_objstm *o = &objstm[s];
        size_t num = count + s, n = 0;
        for (; next < count && n < S_PER_STREAM; next++) {
            if (S_is_stream(f, next))
                continue;
            size_t len;
            const char *v = S_value(f, next, &len);
            if (n)
                bg_buf_putc(&o->head, ' ');
            S_put_size(&o->head, next);
            bg_buf_putc(&o->head, ' ');
            S_put_size(&o->head, o->body.len);
            bg_buf_put(&o->body, v, len);
            bg_buf_putc(&o->body, '\n');
            type[next] = 2;
            where[next] = num;
            index[next] = (unsigned)n++;
        }
        bg_buf_putc(&o->head, '\n');
        o->count = n;
        o->ok = true;
    }
    /* The deflating is most of the packing's time: the streams are deflated side by side. */
    if (compress)
        bg_parallel_for(streams, S_deflate_task, objstm);
    bool ok = true;
    bg_buf tail = {0};
    for (size_t s = 0; s < streams && ok; s++) {
        S_objstm *o = &objstm[s];
        size_t num = count + s;
        char dict[64];
        snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", o->count, o->head.len);
        type[num] = 1;
        where[num] = moved + tail.len;
        ok = o->ok;
        if (ok)
            S_put_stream(&tail, num, dict, compress ? &o->z : NULL, &o->head, &o->body);
    }
    for (size_t s = 0; s < streams; s++) {
        bg_buf_free(&objstm[s].head);
        bg_buf_free(&objstm[s].body);
        bg_buf_free(&objstm[s].z);
    }
    free(objstm);
    bool z = compress; /* the cross-reference stream deflated too */

    /* The cross-reference stream, with the PNG Up predictor when deflated: each row
     * starts with the filter byte 2, then each byte minus the one above it, so that
     * runs of like entries deflate to little. */
    size_t xref = moved + tail.len, num = size - 1;
    type[num] = 1;
    where[num] = xref;
    /* Field 2 holds offsets (all below xref) and object stream numbers (below size). */
    size_t widest = xref > size ? xref : size;
    int w = 1;
    while (w < 8 && (widest >> (8 * w)) != 0)
        w++;
    size_t columns = (size_t)w + 3, stride = columns + z;
    bg_buf rows = {0};
    BG_GROW(rows.data, rows.cap, size * stride + 1);
    rows.len = size * stride;
    rows.data[rows.len] = 0;
    unsigned char *row = (unsigned char *)rows.data, prev[11] = {0}, cur[11];
    for (size_t i = 0; i < size; i++, row += stride) {
        size_t f2 = type[i] == 0 ? 0 : where[i];
        unsigned f3 = type[i] == 0 ? 65535u : type[i] == 2 ? index[i] : 0;
        cur[0] = type[i];
        for (int k = 0; k < w; k++)
            cur[1 + k] = (unsigned char)(f2 >> (8 * (w - 1 - k)));
        cur[w + 1] = (unsigned char)(f3 >> 8);
        cur[w + 2] = (unsigned char)f3;
        if (z) {
            row[0] = 2;
            for (size_t k = 0; k < columns; k++)
                row[1 + k] = (unsigned char)(cur[k] - prev[k]);
            memcpy(prev, cur, columns);
        } else {
            memcpy(row, cur, columns);
        }
    }
    bg_buf dict = {0};
    bg_buf_printf(&dict, "/Type/XRef/Size %zu/W[1 %d 2]\n", size, w);
    bg_buf_put(&dict, f->trailer.data, f->trailer.len);
    if (z)
        bg_buf_printf(&dict, "/DecodeParms<</Columns %zu/Predictor 12>>", columns);
    bg_buf zrows = {0};
    if (ok && z)
        ok = bg_pdf_deflate(rows.data, rows.len, S_LEVEL, &zrows) == 0;
    if (ok)
        S_put_stream(&tail, num, dict.data, z ? &zrows : NULL, &rows, NULL);
    bg_buf_free(&zrows);
    if (ok) {
        bg_buf_puts(&tail, "startxref\n");
        S_put_size(&tail, xref);
        bg_buf_puts(&tail, "\n%%EOF\n");
        /* Nothing fails from here on: the streams move down (never up: only whole
         * objects before them are taken out), the rest goes after them. */
        char *d = pdf->data;
        if (d[7] < '5') /* object streams need PDF 1.5 */
            d[7] = '5';
        for (size_t i = 1, at = f->header; i < count; i++)
            if (S_is_stream(f, i)) {
                size_t n = f->start[i + 1] - f->start[i];
                memmove(d + at, d + f->start[i], n);
                at += n;
            }
        pdf->len = moved;
        bg_buf_put(pdf, tail.data, tail.len);
    }
    bg_buf_free(&dict);
    bg_buf_free(&rows);
    bg_buf_free(&tail);
    free(where);
    free(index);
    free(type);
    return ok;
}

int bg_pdf_pack_objects(bg_buf *pdf, bool compress)
{
    S_file f = {.d = pdf->data, .len = pdf->len};
    int rc = pdf->data && S_parse(&f) && S_pack(&f, compress, pdf) ? 0 : 1;
    free(f.start);
    bg_buf_free(&f.trailer);
    return rc;
}
