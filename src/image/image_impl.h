/* image_impl.h: what the readers of src/image/ share (internal to the folder). */
#ifndef BG_IMAGE_IMPL_H
#define BG_IMAGE_IMPL_H

#include "image.h"

/* Whether w × h pixels of `samples` samples of `bytes` bytes each are within the limits;
 * when not, fills err and returns false. Called from the header, before decoding. */
bool bg_image_within_limits(uint32_t w, uint32_t h, int samples, int bytes, bg_image_error *err);

int bg_png_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);
int bg_jpeg_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);
int bg_png_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);
int bg_jpeg_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);

/* png.c: the full probe through libpng's rows alone, as bg_png_probe was before
 * png_idat.c (the tests compare the two). */
int bg_png_probe_rows(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);

/* png_idat.c: true when the whole-image check of a PNG whose header (info) libpng has
 * read and accepted passes: every IDAT's CRC, the zlib stream, its Adler-32, the row
 * count and every filter byte, for a file that ends in a bare IEND. false means "not
 * sure": the file may be good or bad, and libpng must read it. */
bool bg_png_idat_check(const unsigned char *png, size_t len, const bg_image_info *info);

/* A PNG's big-endian 32-bit field (chunk lengths, CRCs, IHDR sizes). */
static inline uint32_t bg_png_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* verdict.c, for checks.c (thread-safe): the verdict key of an image's bytes; the verdict
 * kept for key, in memory or on disk (0, or -1 when there is none); keeping a success. */
void bg_image_verdict_key(const unsigned char *data, size_t len, unsigned char key[32]);
int bg_image_verdict_find(const unsigned char key[32], bg_image_info *info);
void bg_image_verdict_keep(const unsigned char key[32], const bg_image_info *info);

#endif
