/* png.c: PNG images embedded as they are. A non-interlaced PNG without alpha is already
 * what a PDF image stream with /FlateDecode and PNG predictors (/Predictor 15) holds:
 * its IDAT data is copied into the image XObject untouched, which is lossless and far
 * cheaper than libharu's path (decode every row, deflate again: 40% of a build with the
 * 2023 report's fourteen photos). Other PNGs (alpha, interlacing, 16-bit) return NULL
 * and go through libharu. */
#include "png.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <hpdf_objects.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t S_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct {
    uint32_t width, height;
    int depth, color_type;
    bg_buf idat, palette;
} S_png;

/* Reads the chunks; returns 0 when the file is a PNG this path can copy. */
static int S_read(const char *file, S_png *png)
{
    bg_buf data = {0};
    if (bg_buf_read_file(&data, file) != 0) {
        bg_buf_free(&data);
        return -1;
    }
    const unsigned char *d = (const unsigned char *)data.data;
    int rc = -1;
    size_t at = 8;
    if (data.len < 33 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
        goto done;
    png->width = S_be32(d + 16);
    png->height = S_be32(d + 20);
    png->depth = d[24];
    png->color_type = d[25];
    bool plain = d[26] == 0 && d[27] == 0 && d[28] == 0; /* deflate, adaptive filters, no interlace */
    bool supported = (png->color_type == 0 || png->color_type == 2 || png->color_type == 3) && png->depth == 8;
    if (!plain || !supported)
        goto done;
    while (at + 12 <= data.len) {
        uint32_t len = S_be32(d + at);
        const unsigned char *type = d + at + 4;
        if (at + 12 + (size_t)len > data.len)
            goto done;
        if (memcmp(type, "IDAT", 4) == 0)
            bg_buf_put(&png->idat, d + at + 8, len);
        else if (memcmp(type, "PLTE", 4) == 0)
            bg_buf_put(&png->palette, d + at + 8, len);
        else if (memcmp(type, "tRNS", 4) == 0)
            goto done; /* transparency needs a soft mask: libharu's path */
        else if (memcmp(type, "IEND", 4) == 0)
            break;
        at += 12 + (size_t)len;
    }
    rc = png->idat.len > 0 && (png->color_type != 3 || png->palette.len >= 3) ? 0 : -1;
done:
    bg_buf_free(&data);
    return rc;
}

static HPDF_STATUS S_color_space(HPDF_Doc doc, HPDF_Dict image, const S_png *png)
{
    if (png->color_type == 0)
        return HPDF_Dict_AddName(image, "ColorSpace", "DeviceGray");
    if (png->color_type == 2)
        return HPDF_Dict_AddName(image, "ColorSpace", "DeviceRGB");
    HPDF_Array cs = HPDF_Array_New(doc->mmgr);
    if (!cs)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Dict_Add(image, "ColorSpace", cs);
    st |= HPDF_Array_AddName(cs, "Indexed");
    st |= HPDF_Array_AddName(cs, "DeviceRGB");
    st |= HPDF_Array_AddNumber(cs, (HPDF_INT32)(png->palette.len / 3 - 1));
    st |= HPDF_Array_Add(cs, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)png->palette.data, (HPDF_UINT)png->palette.len));
    return st;
}

static HPDF_STATUS S_write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

HPDF_Image bg_pdf_png_copy(HPDF_Doc doc, const char *file)
{
    S_png png = {0};
    HPDF_Dict image = NULL;
    if (S_read(file, &png) != 0)
        goto done;
    image = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!image)
        goto done;
    image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    int colors = png.color_type == 2 ? 3 : 1;
    HPDF_Dict parms = HPDF_Dict_New(doc->mmgr);
    HPDF_STATUS st = parms ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    st |= HPDF_Dict_AddName(image, "Type", "XObject");
    st |= HPDF_Dict_AddName(image, "Subtype", "Image");
    st |= HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)png.width);
    st |= HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)png.height);
    st |= HPDF_Dict_AddNumber(image, "BitsPerComponent", png.depth);
    st |= S_color_space(doc, image, &png);
    if (parms) {
        st |= HPDF_Dict_Add(image, "DecodeParms", parms);
        st |= HPDF_Dict_AddNumber(parms, "Predictor", 15);
        st |= HPDF_Dict_AddNumber(parms, "Colors", colors);
        st |= HPDF_Dict_AddNumber(parms, "BitsPerComponent", png.depth);
        st |= HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)png.width);
    }
    /* The bytes are deflated already: libharu must not deflate them again, and it drops
     * a /Filter key from streams it does not filter itself, so the key is written by the
     * dictionary's write hook. */
    image->filter = HPDF_STREAM_FILTER_NONE;
    image->write_fn = S_write_filter;
    st |= HPDF_Stream_Write(image->stream, (HPDF_BYTE *)png.idat.data, (HPDF_UINT)png.idat.len);
    if (st != HPDF_OK)
        image = NULL; /* owned by the document's xref either way */
done:
    bg_buf_free(&png.idat);
    bg_buf_free(&png.palette);
    return image;
}
