/* fuzz_image.c: libFuzzer target for the image readers (src/image/): the bytes are
 * probed as the model probes a report's image, and, when accepted as a PNG, read again
 * the way the PDF writer reads it (rows expanded to 8 bits, the end of the stream).
 * Any crash, leak or sanitizer report is a bug; a refusal is the expected outcome.
 * The header probe (what the model reports at once, the rest checked on worker threads)
 * must agree with the full probe: a header refused is refused by the full probe with the
 * same code and message, and a header accepted gives the very info the full probe gives
 * when it accepts the whole file; anything else aborts. A PNG's full probe (png_idat.c
 * when it is sure) must give what libpng's rows alone give, code, message and info. */
#include "image/image.h"
#include "image/image_impl.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_image_info info, head;
    bg_image_error err, head_err;
    int rc_head = bg_image_probe_header(data, size, &head, &head_err);
    int rc = bg_image_probe(data, size, &info, &err);
    if (rc_head != 0 && (rc != rc_head || strcmp(err.msg, head_err.msg) != 0))
        abort(); /* the header's refusal must be the full probe's */
    if (rc_head == 0 && (rc == -2 || (rc == 0 && memcmp(&head, &info, sizeof info) != 0)))
        abort(); /* the header's info must be the full probe's */
    if (rc_head == 0 && head.format == BG_IMAGE_PNG) {
        bg_image_info rows;
        bg_image_error rows_err;
        int rc_rows = bg_png_probe_rows(data, size, &rows, &rows_err);
        if (rc_rows != rc || (rc != 0 && strcmp(err.msg, rows_err.msg) != 0) ||
            (rc == 0 && memcmp(&rows, &info, sizeof info) != 0))
            abort(); /* png_idat.c and libpng disagree */
    }
    if (rc != 0 || info.format != BG_IMAGE_PNG)
        return 0;
    int channels = 0;
    bg_png_reader *r = bg_png_open(data, size, &info, &channels, &err);
    if (!r)
        return 0;
    while (bg_png_row(r, &err))
        ;
    bg_png_finish(r, &err);
    bg_png_close(r);
    return 0;
}
