/* image.c: which reader an image goes to (by its signature, not its name), the size
 * limits, and the printed size after the EXIF orientation. */
#include "image_impl.h"
#include "../base/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool bg_image_within_limits(uint32_t w, uint32_t h, int samples, int bytes, bg_image_error *err)
{
    unsigned long long pixels = (unsigned long long)w * h;
    if (pixels > BG_IMAGE_MAX_PIXELS) {
        snprintf(err->msg, sizeof err->msg,
                 _("%" PRIu32 "×%" PRIu32 " pixels is more than the limit of %llu megapixels"), w, h,
                 BG_IMAGE_MAX_PIXELS / 1000000);
        return false;
    }
    unsigned long long size = pixels * (unsigned)samples * (unsigned)bytes;
    if (size > BG_IMAGE_MAX_BYTES) {
        snprintf(err->msg, sizeof err->msg,
                 _("decoded, the %" PRIu32 "×%" PRIu32 " image takes %llu MiB, more than the limit of %llu MiB"),
                 w, h, size >> 20, BG_IMAGE_MAX_BYTES >> 20);
        return false;
    }
    return true;
}

static int S_probe(const unsigned char *data, size_t len, bool full, bg_image_info *info, bg_image_error *err)
{
    memset(info, 0, sizeof *info);
    err->msg[0] = '\0';
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (len >= 8 && memcmp(data, png, 8) == 0)
        return full ? bg_png_probe(data, len, info, err) : bg_png_probe_header(data, len, info, err);
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return full ? bg_jpeg_probe(data, len, info, err) : bg_jpeg_probe_header(data, len, info, err);
    snprintf(err->msg, sizeof err->msg, "%s", _("it is neither a PNG nor a JPEG file"));
    return -2;
}

int bg_image_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, true, info, err);
}

int bg_image_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    return S_probe(data, len, false, info, err);
}

void bg_image_display_size(const bg_image_info *info, uint32_t *w, uint32_t *h)
{
    bool swap = info->orientation >= 5 && info->orientation <= 8;
    *w = swap ? info->height : info->width;
    *h = swap ? info->width : info->height;
}
