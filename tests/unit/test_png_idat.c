/* test_png_idat.c: the PNG whole-image check through png_idat.c gives libpng's verdict.
 * bg_png_probe (png_idat.c when it is sure, else libpng) must return what
 * bg_png_probe_rows (libpng's rows alone) returns, code, message and info, for: every PNG
 * of the sample reports and the fixtures; images made here in every non-palette colour
 * type and depth, interlaced or not, in one IDAT or in one-byte IDATs, with every zlib
 * window; and broken ones (a filter type 5, rows missing or extra, a wrong Adler-32,
 * bytes after the stream, a chunk between or after the IDATs, an IEND with data) and
 * 3000 single-byte changes to a stream whose CRC is then made right again. The sample
 * reports' charts must take the fast path (they are why it exists); the broken images
 * must not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "image/image_impl.h"

static void S_put32(bg_buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                          (unsigned char)v};
    bg_buf_put(b, x, 4);
}

static void S_chunk(bg_buf *b, const char *type, const void *data, size_t n)
{
    S_put32(b, (uint32_t)n);
    size_t at = b->len;
    bg_buf_put(b, type, 4);
    if (n)
        bg_buf_put(b, data, n);
    S_put32(b, (uint32_t)crc32(0, (const unsigned char *)b->data + at, (uInt)(n + 4)));
}

/* What the made image should hold, and how it is broken. */
typedef struct S_shape {
    uint32_t w, h;
    int depth, ctype, interlace;
    int window_bits;   /* 9..15 */
    size_t idat_split; /* bytes per IDAT, 0: one IDAT */
    int extra_rows;    /* rows more (or fewer, negative) than the image holds */
    bool bad_filter, bad_adler, trailing, chunk_between, text_after, long_iend;
} S_shape;

static size_t S_row_bytes(uint32_t w, int depth, int samples)
{
    return 1 + ((size_t)w * (size_t)depth * (size_t)samples + 7) / 8;
}

/* The image's rows as stored (every pass of Adam7), with varied filter types 0-4 and
 * pixel bytes. */
static void S_raw(const S_shape *s, bg_buf *raw)
{
    static const unsigned x0[7] = {0, 4, 0, 2, 0, 1, 0}, y0[7] = {0, 0, 4, 0, 2, 0, 1};
    static const unsigned dx[7] = {8, 8, 4, 4, 2, 2, 1}, dy[7] = {8, 8, 8, 4, 4, 2, 2};
    int samples = s->ctype == 2 ? 3 : s->ctype == 4 ? 2 : s->ctype == 6 ? 4 : 1;
    unsigned seed = 7;
    for (int p = 0; p < (s->interlace ? 7 : 1); p++) {
        uint32_t pw = s->w, ph = s->h;
        if (s->interlace) {
            pw = s->w > x0[p] ? (s->w - x0[p] + dx[p] - 1) / dx[p] : 0;
            ph = s->h > y0[p] ? (s->h - y0[p] + dy[p] - 1) / dy[p] : 0;
        }
        if (!pw || !ph)
            continue;
        size_t rb = S_row_bytes(pw, s->depth, samples);
        for (uint32_t y = 0; y < ph; y++) {
            bg_buf_putc(raw, (char)(y % 5));
            for (size_t i = 1; i < rb; i++) {
                seed = seed * 1103515245u + 12345u;
                bg_buf_putc(raw, (char)((i / 7 + y) % 3 == 0 ? (seed >> 16) : (i & 0x0f)));
            }
        }
    }
    int extra = s->extra_rows;
    size_t rb = S_row_bytes(s->w, s->depth, samples);
    if (extra < 0 && raw->len > rb * (size_t)-extra)
        raw->len -= rb * (size_t)-extra;
    for (; extra > 0; extra--)
        for (size_t i = 0; i < rb; i++)
            bg_buf_putc(raw, 0);
    if (s->bad_filter)
        raw->data[!s->interlace && raw->len > rb ? rb : 0] = 5; /* a row's filter byte */
}

static void S_make(const S_shape *s, bg_buf *png)
{
    bg_buf raw = {0}, z = {0};
    S_raw(s, &raw);
    z_stream zs = {0};
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, s->window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    uLong cap = deflateBound(&zs, raw.len) + 16;
    bg_buf_reserve(&z, cap);
    zs.next_in = (unsigned char *)raw.data;
    zs.avail_in = (uInt)raw.len;
    zs.next_out = (unsigned char *)z.data;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    z.len = zs.total_out;
    deflateEnd(&zs);
    if (s->bad_adler)
        z.data[z.len - 1] ^= 1;
    if (s->trailing)
        bg_buf_put(&z, "\0\0", 2);

    bg_buf_put(png, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = {0};
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)(s->w >> (24 - 8 * i));
        ihdr[4 + i] = (unsigned char)(s->h >> (24 - 8 * i));
    }
    ihdr[8] = (unsigned char)s->depth;
    ihdr[9] = (unsigned char)s->ctype;
    ihdr[12] = (unsigned char)s->interlace;
    S_chunk(png, "IHDR", ihdr, sizeof ihdr);
    size_t step = s->idat_split ? s->idat_split : z.len;
    for (size_t at = 0; at < z.len; at += step) {
        size_t n = z.len - at < step ? z.len - at : step;
        S_chunk(png, "IDAT", z.data + at, n);
        if (s->chunk_between && at == 0 && n < z.len)
            S_chunk(png, "tEXt", "a\0b", 3);
    }
    if (s->text_after)
        S_chunk(png, "tEXt", "Comment\0x", 9);
    S_chunk(png, "IEND", "x", s->long_iend ? 1 : 0);
    bg_buf_free(&raw);
    bg_buf_free(&z);
}

/* The verdicts agree; returns whether png_idat.c was sure. */
static bool S_same(const unsigned char *data, size_t len, const char *what)
{
    bg_image_info a, b;
    bg_image_error ea = {{0}}, eb = {{0}};
    int ra = bg_png_probe(data, len, &a, &ea);
    int rb = bg_png_probe_rows(data, len, &b, &eb);
    if (ra != rb || strcmp(ea.msg, eb.msg) != 0 || (ra == 0 && memcmp(&a, &b, sizeof a) != 0))
        fail_msg("%s: fast %d '%s', libpng %d '%s'", what, ra, ea.msg, rb, eb.msg);
    bool fast = false;
    if (rb == 0)
        fast = bg_png_idat_check(data, len, &b);
    if (fast && rb != 0)
        fail_msg("%s: png_idat.c accepts what libpng refuses", what);
    return fast;
}

static bool S_shape_same(const S_shape *s, const char *what)
{
    bg_buf png = {0};
    S_make(s, &png);
    bool fast = S_same((const unsigned char *)png.data, png.len, what);
    bg_buf_free(&png);
    return fast;
}

static void test_made_images(void **state)
{
    (void)state;
    static const struct {
        int ctype, depth;
    } kinds[] = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {4, 8}, {4, 16}, {6, 8}, {6, 16}};
    static const uint32_t sizes[][2] = {{1, 1}, {3, 2}, {9, 5}, {37, 23}};
    char what[96];
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
            for (int il = 0; il < 2; il++)
                for (int split = 0; split < 2; split++) {
                    S_shape s = {.w = sizes[z][0], .h = sizes[z][1], .depth = kinds[k].depth,
                                 .ctype = kinds[k].ctype, .interlace = il, .window_bits = 15,
                                 .idat_split = split ? 1 : 0};
                    snprintf(what, sizeof what, "type %d depth %d %ux%u interlace %d split %d", s.ctype,
                             s.depth, s.w, s.h, il, split);
                    assert_true(S_shape_same(&s, what)); /* good, so png_idat.c is sure */
                }
    /* a smaller window than 32 KiB: libpng decides */
    for (int bits = 9; bits < 15; bits++) {
        S_shape s = {.w = 300, .h = 40, .depth = 8, .ctype = 2, .window_bits = bits};
        snprintf(what, sizeof what, "window bits %d", bits);
        assert_false(S_shape_same(&s, what));
    }
}

static void test_broken_images(void **state)
{
    (void)state;
    const S_shape base = {.w = 37, .h = 23, .depth = 8, .ctype = 2, .window_bits = 15, .idat_split = 100};
    S_shape s;
    s = base, s.bad_filter = true;
    assert_false(S_shape_same(&s, "filter type 5"));
    s = base, s.interlace = 1, s.bad_filter = true;
    assert_false(S_shape_same(&s, "interlaced, filter type 5"));
    s = base, s.extra_rows = -1;
    assert_false(S_shape_same(&s, "a row missing"));
    s = base, s.extra_rows = 1;
    assert_false(S_shape_same(&s, "a row too many"));
    s = base, s.bad_adler = true;
    assert_false(S_shape_same(&s, "wrong Adler-32"));
    s = base, s.trailing = true;
    assert_false(S_shape_same(&s, "bytes after the stream"));
    s = base, s.chunk_between = true;
    assert_false(S_shape_same(&s, "a chunk between IDATs"));
    s = base, s.text_after = true;
    assert_false(S_shape_same(&s, "text after the IDATs")); /* good, but libpng reads it */
    s = base, s.long_iend = true;
    assert_false(S_shape_same(&s, "IEND with data"));
}

/* One byte of the stream changed and its chunk's CRC made right, 3000 times. */
static void test_changed_bytes(void **state)
{
    (void)state;
    S_shape s = {.w = 60, .h = 40, .depth = 8, .ctype = 6, .window_bits = 15};
    bg_buf png = {0};
    S_make(&s, &png);
    size_t idat = 8 + 25; /* after the signature and IHDR */
    uint32_t n = bg_png_be32((const unsigned char *)png.data + idat);
    unsigned char *copy = malloc(png.len);
    unsigned seed = 1;
    int accepted = 0;
    char what[64];
    for (int i = 0; i < 3000; i++) {
        memcpy(copy, png.data, png.len);
        seed = seed * 1103515245u + 12345u;
        size_t at = idat + 8 + (seed >> 8) % n;
        seed = seed * 1103515245u + 12345u;
        copy[at] ^= (unsigned char)(1u << ((seed >> 16) % 8));
        uint32_t crc = (uint32_t)crc32(0, copy + idat + 4, n + 4);
        for (int b = 0; b < 4; b++)
            copy[idat + 8 + n + (size_t)b] = (unsigned char)(crc >> (24 - 8 * b));
        snprintf(what, sizeof what, "byte %zu changed", at);
        accepted += S_same(copy, png.len, what);
    }
    assert_true(accepted < 3000);
    free(copy);
    bg_buf_free(&png);
}

static int S_files(const char *dir, int *fast, int *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".png") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        bg_buf data = {0};
        assert_int_equal(bg_buf_read_file(&data, path), 0);
        *fast += S_same((const unsigned char *)data.data, data.len, path);
        (*count)++;
        bg_buf_free(&data);
    }
    closedir(d);
    return 1;
}

static void test_sample_and_fixture_files(void **state)
{
    (void)state;
    const char *src = getenv("BG_SOURCE_DIR"), *fixtures = getenv("BG_FIXTURES");
    assert_non_null(src);
    assert_non_null(fixtures);
    char dir[4096];
    int fast = 0, count = 0;
    snprintf(dir, sizeof dir, "%s/data/2023/images", src);
    assert_true(S_files(dir, &fast, &count));
    assert_true(count >= 10);
    assert_int_equal(fast, count); /* every chart of the sample report takes the fast path */
    static const char *sub[] = {"images", "valid", "invalid", "charts", "reports"};
    for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
        snprintf(dir, sizeof dir, "%s/%s", fixtures, sub[i]);
        S_files(dir, &fast, &count);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_made_images),
        cmocka_unit_test(test_broken_images),
        cmocka_unit_test(test_changed_bytes),
        cmocka_unit_test(test_sample_and_fixture_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
