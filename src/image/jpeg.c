/* jpeg.c: JPEG through libjpeg, from memory, with libjpeg's errors turned into messages
 * (its default handler exits the process). The header gives the size, the components
 * (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK; anything else is refused) and the Adobe marker
 * (Photoshop's CMYK is stored inverted); APP1 gives the EXIF orientation. Then every
 * scan is entropy-decoded to EOI, at 1/8 scale to spare the IDCT: a file that ends early,
 * or whose Huffman data is corrupt, is refused (libjpeg only warns and fills with grey).
 * The PDF embeds the file's bytes as they are (DCTDecode), so nothing is kept.
 * bg_jpeg_probe_header stops before the first scan, after the header's checks. */
#include "image_impl.h"
#include "../base/i18n.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jmp;
    char msg[JMSG_LENGTH_MAX];
    bool bad; /* a warning that means lost data */
    int code; /* the first warning that meant lost data, or the error */
} S_errors;

static void S_error_exit(j_common_ptr c)
{
    S_errors *e = (S_errors *)c->err;
    if (!e->bad) { /* else the warning that led here says more */
        c->err->format_message(c, e->msg);
        e->code = c->err->msg_code;
    }
    longjmp(e->jmp, 1);
}

static void S_emit(j_common_ptr c, int level)
{
    S_errors *e = (S_errors *)c->err;
    if (level >= 0 || e->bad)
        return;
    switch (c->err->msg_code) {
    case JWRN_EXTRANEOUS_DATA: /* stray bytes between markers: every decoder skips them */
    case JWRN_ADOBE_XFORM:
    case JWRN_JFIF_MAJOR:
    case JWRN_BOGUS_ICC:
        return;
    default:
        e->bad = true;
        e->code = c->err->msg_code;
        c->err->format_message(c, e->msg);
    }
}

static void S_output(j_common_ptr c)
{
    (void)c;
}

static unsigned S_get16(const unsigned char *p, bool le)
{
    return le ? (unsigned)p[0] | (unsigned)p[1] << 8 : (unsigned)p[0] << 8 | p[1];
}

static uint32_t S_get32(const unsigned char *p, bool le)
{
    return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
              : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The Orientation tag (0x0112) of IFD0 in an APP1 Exif segment; 1 when absent or odd. */
static int S_exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
        return 1;
    p += 6, n -= 6;
    bool le = p[0] == 'I' && p[1] == 'I';
    if (!le && !(p[0] == 'M' && p[1] == 'M'))
        return 1;
    if (S_get16(p + 2, le) != 42)
        return 1;
    uint32_t ifd = S_get32(p + 4, le);
    if (ifd > n - 2)
        return 1;
    unsigned count = S_get16(p + ifd, le);
    for (unsigned i = 0; i < count; i++) {
        size_t e = ifd + 2 + 12 * (size_t)i;
        if (e + 12 > n)
            break;
        if (S_get16(p + e, le) == 0x0112 && S_get16(p + e + 2, le) == 3) {
            unsigned v = S_get16(p + e + 8, le);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
    return 1;
}

/* The header (to the first scan) checked; with full, every scan decoded to EOI too. */
static int S_probe(const unsigned char *data, size_t len, bool full, bg_image_info *info, bg_image_error *err)
{
    struct jpeg_decompress_struct cinfo;
    S_errors e;
    memset(&e, 0, sizeof e);
    cinfo.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = S_error_exit;
    e.pub.emit_message = S_emit;
    e.pub.output_message = S_output;
    if (setjmp(e.jmp)) {
        if (e.code == JWRN_JPEG_EOF)
            snprintf(err->msg, sizeof err->msg, _("the JPEG file is cut short (%zu bytes)"), len);
        else if (e.code == JERR_EMPTY_IMAGE)
            snprintf(err->msg, sizeof err->msg, "%s",
                     _("the JPEG's frame header (SOF) declares no pixels or no colour components"));
        else
            snprintf(err->msg, sizeof err->msg, _("the JPEG data is corrupt (%s)"), e.msg);
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = 1024L * 1024 * 1024;
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    if (e.bad)
        longjmp(e.jmp, 1);
    info->format = BG_IMAGE_JPEG;
    info->width = cinfo.image_width;
    info->height = cinfo.image_height;
    info->components = cinfo.num_components;
    info->bit_depth = cinfo.data_precision;
    info->png_color_type = -1;
    info->interlaced = cinfo.progressive_mode;
    info->orientation = 1;
    for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 && (info->orientation = S_exif_orientation(m->data, m->data_length)) != 1)
            break;
    int rc = -1;
    bool colours_ok = (cinfo.num_components == 1 && cinfo.jpeg_color_space == JCS_GRAYSCALE) ||
                      (cinfo.num_components == 3 &&
                       (cinfo.jpeg_color_space == JCS_YCbCr || cinfo.jpeg_color_space == JCS_RGB)) ||
                      (cinfo.num_components == 4 &&
                       (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK));
    if (!colours_ok) {
        snprintf(err->msg, sizeof err->msg,
                 _("a JPEG with %d colour components cannot be printed (1 for grey, 3 for colour or 4 for CMYK)"),
                 cinfo.num_components);
    } else if (cinfo.arith_code) {
        snprintf(err->msg, sizeof err->msg, "%s",
                 _("an arithmetic-coded JPEG cannot go into a PDF; save it as a baseline or progressive JPEG"));
    } else if (cinfo.data_precision != 8) {
        snprintf(err->msg, sizeof err->msg, _("a %d-bit JPEG cannot go into a PDF; save it with 8 bits"),
                 cinfo.data_precision);
    } else if (bg_image_within_limits(info->width, info->height, info->components, 1, err)) {
        info->adobe_inverted = cinfo.num_components == 4 && cinfo.saw_Adobe_marker;
        if (!full) {
            jpeg_destroy_decompress(&cinfo);
            return 0;
        }
        cinfo.scale_num = 1;
        cinfo.scale_denom = 8;
        cinfo.dct_method = JDCT_IFAST;
        cinfo.do_fancy_upsampling = FALSE;
        cinfo.do_block_smoothing = FALSE;
        jpeg_start_decompress(&cinfo);
        JSAMPARRAY row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                                    cinfo.output_width * (JDIMENSION)cinfo.output_components, 1);
        while (!e.bad && cinfo.output_scanline < cinfo.output_height)
            jpeg_read_scanlines(&cinfo, row, 1);
        if (!e.bad)
            jpeg_finish_decompress(&cinfo); /* reads on to EOI */
        if (e.bad)
            longjmp(e.jmp, 1);
        rc = 0;
    }
    jpeg_destroy_decompress(&cinfo);
    return rc;
}

int bg_jpeg_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, true, info, err);
}

int bg_jpeg_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, false, info, err);
}

int bg_jpeg_decode_rgb(const unsigned char *data, size_t len, bg_buf *rgb, bg_image_error *err)
{
    struct jpeg_decompress_struct cinfo;
    S_errors e;
    memset(&e, 0, sizeof e);
    cinfo.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = S_error_exit;
    e.pub.emit_message = S_emit;
    e.pub.output_message = S_output;
    if (setjmp(e.jmp)) {
        snprintf(err->msg, sizeof err->msg, _("the JPEG data is corrupt (%s)"), e.msg);
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = 1024L * 1024 * 1024;
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    bool cmyk = cinfo.num_components == 4;
    bool inverted = cmyk && cinfo.saw_Adobe_marker;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    JDIMENSION w = cinfo.output_width;
    int n = cinfo.output_components;
    JSAMPARRAY row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE, w * (JDIMENSION)n, 1);
    while (!e.bad && cinfo.output_scanline < cinfo.output_height) {
        jpeg_read_scanlines(&cinfo, row, 1);
        for (JDIMENSION x = 0; x < w; x++) {
            const JSAMPLE *p = row[0] + (size_t)x * n;
            unsigned char px[3];
            if (cmyk) { /* the naive conversion: R = (1 - C)(1 - K), ... */
                unsigned k = inverted ? p[3] : 255u - p[3];
                for (int i = 0; i < 3; i++)
                    px[i] = (unsigned char)((inverted ? p[i] : 255u - p[i]) * k / 255);
            } else {
                memcpy(px, p, 3);
            }
            bg_buf_put(rgb, px, 3);
        }
    }
    if (!e.bad)
        jpeg_finish_decompress(&cinfo);
    if (e.bad)
        longjmp(e.jmp, 1);
    jpeg_destroy_decompress(&cinfo);
    return 0;
}
