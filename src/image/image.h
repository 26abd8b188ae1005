/* image.h: reading the images a report names (PNG through libpng, JPEG through libjpeg),
 * with every error caught (setjmp/longjmp in place of the libraries' aborting default
 * handlers) and every byte checked: PNG CRCs, the whole zlib stream of IDAT inflated to
 * its end and its Adler-32 checked; every JPEG scan entropy-decoded to EOI. The model
 * probes each image's header when the report is loaded and has the rest checked on
 * worker threads (bg_image_checks), all of it before `check` answers or `build` writes
 * (so `check` refuses what `build` could not embed); the PDF writer reads it again for
 * the bytes it embeds. Depends on base/ only.
 *
 * Limits (docs/format.md): at most BG_IMAGE_MAX_PIXELS pixels and BG_IMAGE_MAX_BYTES of
 * decoded samples, checked from the header before anything is decoded. */
#ifndef BG_IMAGE_H
#define BG_IMAGE_H

#include "../base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BG_IMAGE_MAX_PIXELS 100000000ull        /* 100 megapixels */
#define BG_IMAGE_MAX_BYTES (512ull * 1024 * 1024) /* decoded samples, see bg_image_info */

typedef enum { BG_IMAGE_PNG = 1, BG_IMAGE_JPEG } bg_image_format;

/* What an image holds, as read and checked from the whole file. */
typedef struct bg_image_info {
    bg_image_format format;
    uint32_t width, height; /* stored pixels (before the EXIF orientation) */
    int components;         /* colours: 1 grey, 3 RGB, 4 CMYK (alpha not counted) */
    bool alpha;             /* an alpha channel, or PNG transparency (tRNS) */
    int bit_depth;          /* bits per sample in the file */
    int png_color_type;     /* PNG colour type 0, 2, 3, 4, 6; -1 for JPEG */
    bool interlaced;        /* Adam7 PNG or progressive JPEG */
    int orientation;        /* EXIF orientation 1..8 (1: as stored; PNG always 1) */
    bool adobe_inverted;    /* JPEG CMYK/YCCK with an Adobe marker: inks stored inverted */
    bool png_copyable;      /* PNG data a PDF reads as is (Flate + PNG predictors) */
} bg_image_info;

/* A failure: a translated message saying what is wrong with the file. */
typedef struct bg_image_error {
    char msg[300];
} bg_image_error;

/* Reads and checks the whole image in data; fills info. Returns 0, or -1 with err set
 * (-2 when the data is neither PNG nor JPEG).
 * Keeps no pixels (one row at a time), so any size within the limits is cheap in memory. */
int bg_image_probe(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);

/* The header probe: what bg_image_probe says from the header alone (PNG: IHDR and the
 * chunks before IDAT, their CRCs; JPEG: the markers before the first scan), every field
 * of info the same, and every error a header can have (signature, limits, colours, JPEG
 * coding and precision), without decoding the pixel data. 0, -1 or -2 as bg_image_probe. */
int bg_image_probe_header(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);

/* bg_image_probe, remembered: the verdict on the same bytes is kept in memory for the
 * process and in the cache folder (images/, see verdict.c), so an image is decoded once
 * per content, not once per figure and build. Only successes are kept. */
int bg_image_check(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err);

/* Many images checked at once (checks.c): each added image gets the header probe at once
 * and its full check (bg_image_check) on a small pool of worker threads, so the caller
 * goes on while the pixel data is decoded. The verdicts go to the same memory and disk
 * tables as bg_image_check's, so a later bg_image_check of the same bytes is free. */
typedef struct bg_image_checks bg_image_checks;

bg_image_checks *bg_image_checks_new(void);
/* Checks the image in data. Returns 0 when a verdict is kept for these bytes (info
 * filled), -1 or -2 with err set when the header is refused (bg_image_probe_header), or
 * 1 when the header is good (info filled) and the full check is queued as *job (the same
 * job for the same bytes); the bytes are then the job's (data is left empty). */
int bg_image_checks_add(bg_image_checks *q, bg_buf *data, bg_image_info *info, bg_image_error *err,
                        size_t *job);
/* Waits until every queued check is done (the calling thread takes queued ones too). */
void bg_image_checks_wait(bg_image_checks *q);
/* After bg_image_checks_wait: a job's verdict, 0, or -1 with err set (bg_image_probe's). */
int bg_image_checks_result(const bg_image_checks *q, size_t job, bg_image_error *err);
/* Waits, then frees; accepts NULL. */
void bg_image_checks_free(bg_image_checks *q);

/* The size as printed: width and height swapped for orientations 5 to 8. */
void bg_image_display_size(const bg_image_info *info, uint32_t *w, uint32_t *h);

/* A PNG read row by row for embedding: 8-bit samples, palettes and low bit depths
 * expanded, 16 bits scaled to 8, tRNS turned into alpha; a row holds width × channels
 * bytes (channels: components + alpha). Interlaced images are read whole on open. */
typedef struct bg_png_reader bg_png_reader;
bg_png_reader *bg_png_open(const unsigned char *data, size_t len, bg_image_info *info, int *channels,
                           bg_image_error *err);
/* The next row (owned by the reader, valid until the next call), or NULL with err set. */
const unsigned char *bg_png_row(bg_png_reader *r, bg_image_error *err);
/* Reads the end of the file (the rest of the zlib stream, the chunks after IDAT): 0 or -1. */
int bg_png_finish(bg_png_reader *r, bg_image_error *err);
void bg_png_close(bg_png_reader *r); /* accepts NULL */

/* For a JPEG already probed: its pixels as 8-bit RGB appended to rgb, CMYK converted the
 * naive way (for PDF/A, whose sRGB output intent allows no device CMYK). 0 or -1. */
int bg_jpeg_decode_rgb(const unsigned char *data, size_t len, bg_buf *rgb, bg_image_error *err);

/* For a PNG already probed: appends its IDAT data (one zlib stream) and its PLTE. */
void bg_png_chunks(const unsigned char *data, size_t len, bg_buf *idat, bg_buf *palette);

#endif
