/* png_idat.c: the whole-image part of bg_png_probe for the PNGs most reports hold, without
 * libpng's row machinery (see image_impl.h, bg_png_idat_check).
 *
 * libpng checks a whole image by reading and unfiltering every row, feeding zlib a few
 * kilobytes at a time and letting it compute the Adler-32: on the 2023 report's fourteen
 * 1500×1000 charts (63 MB of pixels from 200 KB of files) that was about 90 ms of CPU,
 * nearly all of a first `check`. Here the same zlib inflates the same stream (raw
 * deflate, after the two header bytes read here) into a small reused window, libdeflate's
 * vectorised Adler-32 checks the sum, and each row's filter byte is checked in passing:
 * about 50 ms for the same images, and the stream zlib accepts is exactly the one libpng's
 * zlib accepts. A zlib-compatible inflater was measured faster still (22 ms) but accepts
 * streams zlib refuses (an unused code 286/287, a one-codeword code read as '1'), and the
 * full check exists so that what reaches the PDF decodes in every reader.
 *
 * Only the common shape is answered: every chunk from the first IDAT to IEND is an IDAT
 * with a good CRC, then a bare IEND; no palette (its indexes are checked against PLTE
 * only once unfiltered); a zlib header with a 32 KiB window and no preset dictionary;
 * the stream holds exactly the image's rows, each with a filter type 0-4, its Adler-32
 * is right and nothing follows it. Anything else, good or bad, is "not sure", and
 * bg_png_probe asks libpng, so every refusal keeps libpng's own message. */
#include "image_impl.h"
#include "../base/xalloc.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { S_WINDOW = 256 * 1024 };

/* The rows of the image as stored: one pass, or Adam7's seven (passes with no pixel
 * hold no row). */
typedef struct S_rows {
    uint64_t count[7], length[7]; /* rows and bytes per row (filter byte included) */
    int passes;
} S_rows;

static uint64_t S_row_length(uint64_t width, unsigned bits_per_pixel)
{
    return 1 + (width * bits_per_pixel + 7) / 8;
}

static void S_geometry(const bg_image_info *info, unsigned bits_per_pixel, S_rows *rows)
{
    static const unsigned x0[7] = {0, 4, 0, 2, 0, 1, 0}, y0[7] = {0, 0, 4, 0, 2, 0, 1};
    static const unsigned dx[7] = {8, 8, 4, 4, 2, 2, 1}, dy[7] = {8, 8, 8, 4, 4, 2, 2};
    uint64_t w = info->width, h = info->height;
    rows->passes = 0;
    if (!info->interlaced) {
        rows->count[0] = h;
        rows->length[0] = S_row_length(w, bits_per_pixel);
        rows->passes = 1;
        return;
    }
    for (int p = 0; p < 7; p++) {
        uint64_t pw = w > x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0;
        uint64_t ph = h > y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0;
        if (pw == 0 || ph == 0)
            continue;
        rows->count[rows->passes] = ph;
        rows->length[rows->passes] = S_row_length(pw, bits_per_pixel);
        rows->passes++;
    }
}

/* The IDAT run: where each chunk's data is, once every CRC is checked. */
typedef struct S_run {
    const unsigned char **data;
    uint32_t *len;
    size_t count;
    uint64_t total;
} S_run;

/* Finds the IDAT run and checks it is followed by a bare IEND; false when the file has
 * any other shape. */
static bool S_find_run(const unsigned char *png, size_t len, S_run *run)
{
    size_t at = 8, first = 0, cap = 0;
    bool in_run = false;
    while (at + 12 <= len) {
        uint32_t n = bg_png_be32(png + at);
        const unsigned char *type = png + at + 4;
        if (n > 0x7fffffffu || n > len - at - 12)
            return false;
        bool idat = memcmp(type, "IDAT", 4) == 0;
        if (!in_run && idat) {
            in_run = true;
            first = at;
        }
        if (in_run && !idat)
            break;
        at += 12 + (size_t)n;
    }
    if (!in_run || at + 12 > len)
        return false;
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    if (memcmp(png + at, iend, sizeof iend) != 0)
        return false;
    for (size_t c = first; c < at;) {
        uint32_t n = bg_png_be32(png + c);
        if (libdeflate_crc32(0, png + c + 4, (size_t)n + 4) != bg_png_be32(png + c + 8 + n))
            return false;
        if (run->count == cap) {
            cap = cap ? cap * 2 : 8;
            run->data = bg_xrealloc(run->data, cap * sizeof *run->data);
            run->len = bg_xrealloc(run->len, cap * sizeof *run->len);
        }
        run->data[run->count] = png + c + 8;
        run->len[run->count] = n;
        run->count++;
        run->total += n;
        c += 12 + (size_t)n;
    }
    return true;
}

/* Copies the n bytes at offset off of the run's stream into out; false past its end. */
static bool S_bytes_at(const S_run *run, uint64_t off, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < run->count && n > 0; i++) {
        if (off >= run->len[i]) {
            off -= run->len[i];
            continue;
        }
        size_t take = run->len[i] - (size_t)off < n ? run->len[i] - (size_t)off : n;
        memcpy(out, run->data[i] + off, take);
        out += take;
        n -= take;
        off = 0;
    }
    return n == 0;
}

/* Walks the filter bytes of the rows as the inflated bytes arrive. */
typedef struct S_filters {
    const S_rows *rows;
    int pass;
    uint64_t rows_left, next; /* rows left in the pass; offset of the next filter byte */
    bool bad;
} S_filters;

static void S_filters_start(S_filters *f, const S_rows *rows)
{
    *f = (S_filters){.rows = rows, .next = UINT64_MAX};
    if (rows->passes > 0) {
        f->rows_left = rows->count[0];
        f->next = 0;
    }
}

static void S_filters_see(S_filters *f, const unsigned char *bytes, uint64_t at, size_t n)
{
    while (f->next < at + n) {
        if (bytes[f->next - at] > 4)
            f->bad = true;
        f->next += f->rows->length[f->pass];
        if (--f->rows_left == 0) {
            if (++f->pass == f->rows->passes) {
                f->next = UINT64_MAX;
                return;
            }
            f->rows_left = f->rows->count[f->pass];
        }
    }
}

/* Inflates the run's stream after its two header bytes; true when it ends where the rows
 * end, every filter byte is good and the four bytes after it are its Adler-32 and the
 * run's last. */
static bool S_inflate(const S_run *run, const S_rows *rows, uint64_t raw)
{
    unsigned char *window = bg_xmalloc(S_WINDOW);
    z_stream z = {0};
    if (inflateInit2(&z, -15) != Z_OK) {
        free(window);
        return false;
    }
    S_filters filters;
    S_filters_start(&filters, rows);
    uint32_t adler = 1;
    uint64_t produced = 0, skip = 2, consumed = 0; /* consumed: whole chunks handed over */
    size_t next_chunk = 0;
    bool ok = false;
    for (;;) {
        while (z.avail_in == 0 && next_chunk < run->count) {
            uint32_t n = run->len[next_chunk];
            const unsigned char *p = run->data[next_chunk++];
            uint64_t drop = skip < n ? skip : n;
            skip -= drop;
            consumed += drop;
            z.next_in = (unsigned char *)(p + drop);
            z.avail_in = (uInt)(n - drop);
        }
        z.next_out = window;
        z.avail_out = S_WINDOW;
        uInt in_before = z.avail_in;
        int rc = inflate(&z, Z_NO_FLUSH);
        size_t got = S_WINDOW - z.avail_out;
        consumed += in_before - z.avail_in;
        if (got > raw - produced)
            break; /* more data than rows */
        adler = libdeflate_adler32(adler, window, got);
        S_filters_see(&filters, window, produced, got);
        produced += got;
        if (filters.bad)
            break;
        if (rc == Z_STREAM_END) {
            unsigned char tail[4];
            ok = produced == raw && consumed + 4 == run->total && S_bytes_at(run, consumed, tail, 4) &&
                 bg_png_be32(tail) == adler;
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            break; /* corrupt */
        if (got == 0 && in_before == z.avail_in)
            break; /* no progress: the stream stops short */
    }
    inflateEnd(&z);
    free(window);
    return ok;
}

bool bg_png_idat_check(const unsigned char *png, size_t len, const bg_image_info *info)
{
    int samples;
    switch (info->png_color_type) {
    case 0: samples = 1; break; /* grey */
    case 2: samples = 3; break; /* RGB */
    case 4: samples = 2; break; /* grey and alpha */
    case 6: samples = 4; break; /* RGBA */
    default: return false;      /* palette: libpng checks its indexes */
    }
    S_rows rows;
    S_geometry(info, (unsigned)samples * (unsigned)info->bit_depth, &rows);
    uint64_t raw = 0;
    for (int p = 0; p < rows.passes; p++)
        raw += rows.count[p] * rows.length[p];
    S_run run = {0};
    bool ok = false;
    unsigned char head[2];
    if (S_find_run(png, len, &run) && S_bytes_at(&run, 0, head, 2) &&
        head[0] == 0x78 /* deflate, 32 KiB window */ && (head[1] & 0x20) == 0 /* no dictionary */ &&
        (head[0] * 256u + head[1]) % 31 == 0)
        ok = S_inflate(&run, &rows, raw);
    free(run.data);
    free(run.len);
    return ok;
}
