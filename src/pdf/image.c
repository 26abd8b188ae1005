/* image.c: image XObjects written through libharu's object layer from our own reading of
 * the file (image/), never through libharu's loaders, which abort or double-free on
 * corrupt input. The file is read again here and checked (it may have changed since the
 * model probed it): bg_image_check decodes it again unless the same bytes were already
 * found good (image/verdict.c), then:
 * - a non-interlaced PNG of 8-bit RGB, or grey or palette of up to 8 bits, without
 *   transparency, is already what a PDF image stream with /FlateDecode and PNG predictors
 *   (/Predictor 15) holds: its IDAT data is copied untouched (lossless, and far cheaper
 *   than decoding and deflating again);
 * - any other PNG (interlaced, 16-bit, alpha, tRNS) is decoded row by row to 8-bit
 *   samples and deflated by us as it goes, the alpha into a soft mask (/SMask) unless it
 *   is opaque throughout, or the output is PDF/A-1b, which allows none (said in a
 *   warning);
 * - a JPEG (baseline or progressive, 1, 3 or 4 components) is embedded as it is
 *   (/DCTDecode), Adobe CMYK with /Decode [1 0 1 0 1 0 1 0] since its inks are stored
 *   inverted; in PDF/A, whose sRGB output intent allows no device CMYK, a CMYK JPEG is
 *   converted to RGB instead (with a warning). The EXIF orientation is applied by the
 *   drawing matrix (draw.c). */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"
#include "../image/image.h"

#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static HPDF_STATUS S_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

static HPDF_STATUS S_dct_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /DCTDecode\012");
}

/* A new image XObject whose stream holds `bytes` as they are, the /Filter key written by
 * the write hook (libharu drops a /Filter key from streams it does not filter itself). */
static HPDF_Dict S_xobject(bg_pdf_ctx *ctx, uint32_t w, uint32_t h, int bits, const bg_buf *bytes,
                           HPDF_Dict_OnWriteFunc filter, HPDF_STATUS *st)
{
    HPDF_Dict image = HPDF_DictStream_New(ctx->doc->mmgr, ctx->doc->xref);
    if (!image) {
        *st = HPDF_FAILD_TO_ALLOC_MEM;
        return NULL;
    }
    image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    image->filter = HPDF_STREAM_FILTER_NONE;
    image->write_fn = filter;
    *st |= HPDF_Dict_AddName(image, "Type", "XObject");
    *st |= HPDF_Dict_AddName(image, "Subtype", "Image");
    *st |= HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)w);
    *st |= HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)h);
    *st |= HPDF_Dict_AddNumber(image, "BitsPerComponent", bits);
    *st |= HPDF_Stream_Write(image->stream, (HPDF_BYTE *)bytes->data, (HPDF_UINT)bytes->len);
    return image;
}

static const char *S_device(int components)
{
    return components == 1 ? "DeviceGray" : components == 3 ? "DeviceRGB" : "DeviceCMYK";
}

/* The PNG's own IDAT data, copied (see the file comment). */
static HPDF_Dict S_png_copy(bg_pdf_ctx *ctx, const bg_buf *data, const bg_image_info *info, HPDF_STATUS *st)
{
    bg_buf idat = {0}, palette = {0};
    bg_png_chunks((const unsigned char *)data->data, data->len, &idat, &palette);
    HPDF_Dict image = S_xobject(ctx, info->width, info->height, info->bit_depth, &idat, S_flate_filter, st);
    if (image && info->png_color_type == 3) {
        HPDF_Array cs = HPDF_Array_New(ctx->doc->mmgr);
        size_t entries = palette.len / 3;
        if (!cs || entries < 1 || entries > 256) {
            *st |= HPDF_INVALID_PARAMETER;
        } else {
            *st |= HPDF_Dict_Add(image, "ColorSpace", cs);
            *st |= HPDF_Array_AddName(cs, "Indexed");
            *st |= HPDF_Array_AddName(cs, "DeviceRGB");
            *st |= HPDF_Array_AddNumber(cs, (HPDF_INT32)(entries - 1));
            *st |= HPDF_Array_Add(cs, HPDF_Binary_New(ctx->doc->mmgr, (HPDF_BYTE *)palette.data,
                                                      (HPDF_UINT)(entries * 3)));
        }
    } else if (image) {
        *st |= HPDF_Dict_AddName(image, "ColorSpace", S_device(info->components));
    }
    HPDF_Dict parms = image ? HPDF_Dict_New(ctx->doc->mmgr) : NULL;
    if (parms) {
        *st |= HPDF_Dict_Add(image, "DecodeParms", parms);
        *st |= HPDF_Dict_AddNumber(parms, "Predictor", 15);
        *st |= HPDF_Dict_AddNumber(parms, "Colors", info->png_color_type == 3 ? 1 : info->components);
        *st |= HPDF_Dict_AddNumber(parms, "BitsPerComponent", info->bit_depth);
        *st |= HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)info->width);
    } else if (image) {
        *st |= HPDF_FAILD_TO_ALLOC_MEM;
    }
    bg_buf_free(&idat);
    bg_buf_free(&palette);
    return image;
}

/* zlib into a buffer, a row at a time. */
typedef struct {
    z_stream z;
    bg_buf out;
} S_deflater;

static void S_deflate(S_deflater *d, const unsigned char *in, size_t n, int flush)
{
    unsigned char chunk[16384];
    d->z.next_in = (Bytef *)in;
    d->z.avail_in = (uInt)n;
    do {
        d->z.next_out = chunk;
        d->z.avail_out = sizeof chunk;
        deflate(&d->z, flush);
        bg_buf_put(&d->out, chunk, sizeof chunk - d->z.avail_out);
    } while (d->z.avail_out == 0);
}

/* Any other PNG, decoded and deflated again (see the file comment). */
static HPDF_Dict S_png_decode(bg_pdf_ctx *ctx, const bg_buf *data, const char *file, bg_image_error *err,
                              HPDF_STATUS *st)
{
    bg_image_info info;
    int channels = 0;
    bg_png_reader *r = bg_png_open((const unsigned char *)data->data, data->len, &info, &channels, err);
    if (!r)
        return NULL;
    int colours = info.components;
    bool has_alpha = channels > colours;
    S_deflater colour = {0}, alpha = {0};
    deflateInit(&colour.z, Z_DEFAULT_COMPRESSION);
    if (has_alpha)
        deflateInit(&alpha.z, Z_DEFAULT_COMPRESSION);
    unsigned char *c_row = bg_xmalloc((size_t)info.width * colours), *a_row = bg_xmalloc(info.width);
    bool opaque = true, ok = true;
    for (uint32_t y = 0; y < info.height && ok; y++) {
        const unsigned char *row = bg_png_row(r, err);
        if (!row) {
            ok = false;
            break;
        }
        if (!has_alpha) {
            S_deflate(&colour, row, (size_t)info.width * colours, Z_NO_FLUSH);
            continue;
        }
        for (uint32_t x = 0; x < info.width; x++) {
            memcpy(c_row + (size_t)x * colours, row + (size_t)x * channels, (size_t)colours);
            a_row[x] = row[(size_t)x * channels + colours];
            opaque &= a_row[x] == 255;
        }
        S_deflate(&colour, c_row, (size_t)info.width * colours, Z_NO_FLUSH);
        S_deflate(&alpha, a_row, info.width, Z_NO_FLUSH);
    }
    if (ok)
        ok = bg_png_finish(r, err) == 0;
    bg_png_close(r);
    free(c_row);
    free(a_row);
    HPDF_Dict image = NULL;
    if (ok) {
        S_deflate(&colour, NULL, 0, Z_FINISH);
        image = S_xobject(ctx, info.width, info.height, 8, &colour.out, S_flate_filter, st);
        if (image)
            *st |= HPDF_Dict_AddName(image, "ColorSpace", S_device(colours));
        if (image && has_alpha && !opaque && bg_pdfa_part(ctx->pdfa) == 1) {
            /* PDF/A-1 allows no transparency: the alpha channel is left out, and said so */
            bg_warning(ctx->diags, (bg_loc){.file = file},
                       _("the image's transparency is left out: PDF/A-1b allows none"));
        } else if (image && has_alpha && !opaque) {
            S_deflate(&alpha, NULL, 0, Z_FINISH);
            HPDF_Dict mask = S_xobject(ctx, info.width, info.height, 8, &alpha.out, S_flate_filter, st);
            if (mask) {
                *st |= HPDF_Dict_AddName(mask, "ColorSpace", "DeviceGray");
                *st |= HPDF_Dict_Add(image, "SMask", mask);
            }
        }
    }
    deflateEnd(&colour.z);
    bg_buf_free(&colour.out);
    if (has_alpha) {
        deflateEnd(&alpha.z);
        bg_buf_free(&alpha.out);
    }
    return image;
}

/* A CMYK JPEG in a PDF/A file: its sRGB output intent allows no DeviceCMYK, so the
 * pixels are converted to RGB and deflated, and the user is told. */
static HPDF_Dict S_jpeg_as_rgb(bg_pdf_ctx *ctx, const bg_buf *data, const bg_image_info *info, const char *file,
                               bg_image_error *err, HPDF_STATUS *st)
{
    bg_buf rgb = {0};
    HPDF_Dict image = NULL;
    if (bg_jpeg_decode_rgb((const unsigned char *)data->data, data->len, &rgb, err) == 0) {
        S_deflater d = {0};
        deflateInit(&d.z, Z_DEFAULT_COMPRESSION);
        S_deflate(&d, (const unsigned char *)rgb.data, rgb.len, Z_FINISH);
        image = S_xobject(ctx, info->width, info->height, 8, &d.out, S_flate_filter, st);
        if (image)
            *st |= HPDF_Dict_AddName(image, "ColorSpace", "DeviceRGB");
        deflateEnd(&d.z);
        bg_buf_free(&d.out);
        bg_warning(ctx->diags, (bg_loc){.file = file},
                   _("the CMYK image is converted to RGB: a PDF/A file allows no device CMYK beside its sRGB output intent"));
    }
    bg_buf_free(&rgb);
    return image;
}

/* The JPEG file's bytes as they are (see the file comment). */
static HPDF_Dict S_jpeg(bg_pdf_ctx *ctx, const bg_buf *data, const bg_image_info *info, HPDF_STATUS *st)
{
    HPDF_Dict image = S_xobject(ctx, info->width, info->height, 8, data, S_dct_filter, st);
    if (!image)
        return NULL;
    *st |= HPDF_Dict_AddName(image, "ColorSpace", S_device(info->components));
    if (info->adobe_inverted) {
        HPDF_Array decode = HPDF_Array_New(ctx->doc->mmgr);
        if (!decode)
            *st |= HPDF_FAILD_TO_ALLOC_MEM;
        else
            *st |= HPDF_Dict_Add(image, "Decode", decode);
        for (int i = 0; decode && i < 4; i++) {
            *st |= HPDF_Array_AddNumber(decode, 1);
            *st |= HPDF_Array_AddNumber(decode, 0);
        }
    }
    return image;
}

HPDF_Image bg_pdf_image_load(bg_pdf_ctx *ctx, const char *file, int *orientation)
{
    *orientation = 1;
    bg_buf data = {0};
    if (bg_buf_read_file(&data, file) != 0) {
        bg_error(ctx->diags, (bg_loc){.file = file}, _("image '%s' cannot be opened"), file);
        bg_buf_free(&data);
        return NULL;
    }
    bg_image_info info;
    bg_image_error err = {{0}};
    HPDF_STATUS st = HPDF_OK;
    HPDF_Dict image = NULL;
    if (bg_image_check((const unsigned char *)data.data, data.len, &info, &err) == 0) {
        *orientation = info.orientation;
        if (info.format == BG_IMAGE_JPEG && info.components == 4 && ctx->pdfa != BG_PDFA_NONE)
            image = S_jpeg_as_rgb(ctx, &data, &info, file, &err, &st);
        else if (info.format == BG_IMAGE_JPEG)
            image = S_jpeg(ctx, &data, &info, &st);
        else if (info.png_copyable)
            image = S_png_copy(ctx, &data, &info, &st);
        else
            image = S_png_decode(ctx, &data, file, &err, &st);
    }
    bg_buf_free(&data);
    if (err.msg[0]) {
        bg_error(ctx->diags, (bg_loc){.file = file}, _("image '%s' cannot be used: %s"), file, err.msg);
        return NULL;
    }
    if (!image || st != HPDF_OK) { /* an unfinished object stays owned by the document's xref */
        bg_pdf_fail(ctx, _("writing an image"));
        return NULL;
    }
    return image;
}
