/* fuzz_layout.c: the layout loader and its whole-layout validation (bg_style_load) on
 * arbitrary bytes as a layout file. */
#include "fuzz_tmpfile.h"
#include "layout/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = bg_fuzz_tmpfile(data, size, ".json");
    bg_diags diags;
    bg_diags_init(&diags);
    bg_style *style = bg_style_load(path, &diags);
    bg_style_free(style);
    bg_diags_free(&diags);
    unlink(path);
    return 0;
}
