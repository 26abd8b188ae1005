/* png.c: PNG through libpng, from memory, with libpng's errors turned into messages
 * (its default handler aborts the process). Every chunk's CRC is checked (libpng refuses
 * a bad CRC in a critical chunk), every row is read and unfiltered, and bg_png_finish
 * reads the rest of the zlib stream with benign errors made fatal, so data that stops
 * early, runs on or fails its Adler-32 is refused too. The limits are checked from IHDR
 * before a row is read: a small file declaring 100000×100000 pixels costs nothing.
 * bg_png_probe_header stops there (IHDR, the chunks before IDAT and their CRCs).
 * bg_png_probe answers the whole-image part through png_idat.c when it can, and through
 * libpng's rows (bg_png_probe_rows) when png_idat.c is not sure. */
#include "image_impl.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bg_png_reader {
    png_structp png;
    png_infop info;
    const unsigned char *data; /* borrowed */
    size_t len, pos;
    bool truncated;
    char lib_msg[200];
    size_t rowbytes;
    unsigned char *row;   /* non-interlaced: one row */
    unsigned char *image; /* interlaced: the whole image */
    png_bytep *rows;
    uint64_t y, height; /* rows read, rows to read (height × passes when probing Adam7) */
};

static void S_error(png_structp png, png_const_charp msg)
{
    bg_png_reader *r = png_get_error_ptr(png);
    snprintf(r->lib_msg, sizeof r->lib_msg, "%s", msg ? msg : "?");
    png_longjmp(png, 1);
}

static void S_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg; /* ancillary trouble libpng can skip: nothing to tell the user */
}

static void S_read(png_structp png, png_bytep out, size_t n)
{
    bg_png_reader *r = png_get_io_ptr(png);
    if (n > r->len - r->pos) {
        r->truncated = true;
        png_error(png, "truncated");
    }
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
}

static void S_fail(const bg_png_reader *r, bg_image_error *err)
{
    if (r->truncated)
        snprintf(err->msg, sizeof err->msg, _("the PNG file is cut short (%zu bytes)"), r->len);
    else
        snprintf(err->msg, sizeof err->msg, _("the PNG data is corrupt (%s)"), r->lib_msg);
}

void bg_png_close(bg_png_reader *r)
{
    if (!r)
        return;
    if (r->png)
        png_destroy_read_struct(&r->png, r->info ? &r->info : NULL, NULL);
    free(r->row);
    free(r->image);
    free(r->rows);
    free(r);
}

/* Opens the PNG, reads it up to the first IDAT and checks the limits; with expand, sets
 * the transformations bg_png_open promises. */
static bg_png_reader *S_open(const unsigned char *data, size_t len, bool expand, bg_image_info *info,
                             int *channels, bg_image_error *err)
{
    bg_png_reader *r = bg_xcalloc(1, sizeof *r);
    r->data = data;
    r->len = len;
    memset(info, 0, sizeof *info);
    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(err->msg, sizeof err->msg, "%s", _("it is neither a PNG nor a JPEG file"));
        free(r);
        return NULL;
    }
    r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, S_error, S_warning);
    if (r->png)
        r->info = png_create_info_struct(r->png);
    if (!r->png || !r->info) {
        snprintf(err->msg, sizeof err->msg, "%s", _("libpng cannot start (out of memory)"));
        bg_png_close(r);
        return NULL;
    }
    if (setjmp(png_jmpbuf(r->png))) {
        S_fail(r, err);
        bg_png_close(r);
        return NULL;
    }
    png_set_read_fn(r->png, r, S_read);
    /* our own limits apply, with our own message; libpng keeps only the PNG format's */
    png_set_user_limits(r->png, 0x7fffffff, 0x7fffffff);
    png_read_info(r->png, r->info);
    png_uint_32 w, h;
    int depth, ctype, interlace;
    png_get_IHDR(r->png, r->info, &w, &h, &depth, &ctype, &interlace, NULL, NULL);
    bool trns = png_get_valid(r->png, r->info, PNG_INFO_tRNS) != 0;
    info->format = BG_IMAGE_PNG;
    info->width = w;
    info->height = h;
    info->bit_depth = depth;
    info->png_color_type = ctype;
    info->components = (ctype & PNG_COLOR_MASK_COLOR) ? 3 : 1;
    info->alpha = (ctype & PNG_COLOR_MASK_ALPHA) || trns;
    info->interlaced = interlace != PNG_INTERLACE_NONE;
    info->orientation = 1;
    info->png_copyable = !info->interlaced && !trns &&
                         ((ctype == PNG_COLOR_TYPE_GRAY && depth <= 8) ||
                          (ctype == PNG_COLOR_TYPE_PALETTE && depth <= 8) ||
                          (ctype == PNG_COLOR_TYPE_RGB && depth == 8));
    if (!bg_image_within_limits(w, h, info->components + info->alpha, depth == 16 ? 2 : 1, err)) {
        bg_png_close(r);
        return NULL;
    }
    if (expand) {
        png_set_expand(r->png); /* palette to RGB, grey to 8 bits, tRNS to alpha */
        png_set_scale_16(r->png);
    }
    int passes = info->interlaced ? png_set_interlace_handling(r->png) : 1;
    png_read_update_info(r->png, r->info);
    r->rowbytes = png_get_rowbytes(r->png, r->info);
    r->height = h;
    *channels = png_get_channels(r->png, r->info);
    if (info->interlaced && !expand) {
        /* probing: every row of every pass through one buffer, so a small file that
         * declares a large interlaced image costs no memory */
        r->height = (uint64_t)h * (unsigned)passes;
        r->row = bg_xmalloc(r->rowbytes);
    } else if (info->interlaced) {
        /* Adam7 needs the whole image; within the limits by the check above */
        r->image = bg_xmalloc(r->rowbytes * h);
        r->rows = bg_xmalloc(sizeof *r->rows * h);
        for (uint32_t y = 0; y < h; y++)
            r->rows[y] = r->image + r->rowbytes * y;
        png_read_image(r->png, r->rows);
    } else {
        r->row = bg_xmalloc(r->rowbytes);
    }
    return r;
}

bg_png_reader *bg_png_open(const unsigned char *data, size_t len, bg_image_info *info, int *channels,
                           bg_image_error *err)
{
    return S_open(data, len, true, info, channels, err);
}

const unsigned char *bg_png_row(bg_png_reader *r, bg_image_error *err)
{
    if (r->y >= r->height)
        return NULL;
    if (setjmp(png_jmpbuf(r->png))) {
        S_fail(r, err);
        return NULL;
    }
    if (r->image)
        return r->rows[r->y++];
    png_read_row(r->png, r->row, NULL);
    r->y++;
    return r->row;
}

int bg_png_finish(bg_png_reader *r, bg_image_error *err)
{
    if (setjmp(png_jmpbuf(r->png))) {
        S_fail(r, err);
        return -1;
    }
    /* from here "benign" errors are errors: extra or missing compressed data, a wrong
     * Adler-32, a palette index beyond the palette */
    png_set_benign_errors(r->png, 0);
    png_read_end(r->png, NULL);
    return 0;
}

int bg_png_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    int channels;
    bg_png_reader *r = S_open(data, len, false, info, &channels, err);
    if (!r)
        return -1;
    bg_png_close(r);
    return 0;
}

static int S_probe(const unsigned char *data, size_t len, bool fast, bg_image_info *info, bg_image_error *err)
{
    int channels;
    bg_png_reader *r = S_open(data, len, false, info, &channels, err);
    if (!r)
        return -1;
    if (fast && bg_png_idat_check(data, len, info)) {
        bg_png_close(r);
        return 0;
    }
    int rc = 0;
    for (uint64_t y = 0; y < r->height && rc == 0; y++)
        if (!bg_png_row(r, err))
            rc = -1;
    if (rc == 0)
        rc = bg_png_finish(r, err);
    bg_png_close(r);
    return rc;
}

int bg_png_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, true, info, err);
}

int bg_png_probe_rows(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, false, info, err);
}

void bg_png_chunks(const unsigned char *data, size_t len, bg_buf *idat, bg_buf *palette)
{
    size_t at = 8;
    while (at + 12 <= len) {
        uint32_t n = bg_png_be32(data + at);
        const unsigned char *type = data + at + 4;
        if (n > len - at - 12)
            break; /* cannot happen after a probe */
        if (memcmp(type, "IDAT", 4) == 0)
            bg_buf_put(idat, data + at + 8, n);
        else if (memcmp(type, "PLTE", 4) == 0)
            bg_buf_put(palette, data + at + 8, n);
        else if (memcmp(type, "IEND", 4) == 0)
            break;
        at += 12 + (size_t)n;
    }
}
