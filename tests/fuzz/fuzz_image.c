/* fuzz_image.c: libFuzzer target for the image readers (src/image/): the bytes are
 * probed as the model probes a report's image, and, when accepted as a PNG, read again
 * the way the PDF writer reads it (rows expanded to 8 bits, the end of the stream).
 * Any crash, leak or sanitizer report is a bug; a refusal is the expected outcome. */
#include "image/image.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_image_info info;
    bg_image_error err;
    if (bg_image_probe(data, size, &info, &err) != 0 || info.format != BG_IMAGE_PNG)
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
