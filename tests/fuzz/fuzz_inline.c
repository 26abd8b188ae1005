/* fuzz_inline.c: the inline markup parser (**bold**, ^[notes], [@refs], ^{sup}, _{sub},
 * escapes) on arbitrary text, as it comes out of a JSON string (NUL-terminated). */
#include "model/inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    bg_diags diags;
    bg_diags_init(&diags);
    bg_inline in = {0};
    bg_inline_parse(s, 0, (bg_loc){.file = "fuzz.json", .line = 1, .col = 1, .path = "$.text"}, &in, &diags);
    bg_inline_free(&in);
    bg_diags_free(&diags);
    free(s);
    return 0;
}
