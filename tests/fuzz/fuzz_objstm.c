/* fuzz_objstm.c: packing a file into object streams (pdf/objstm.c) on arbitrary bytes
 * as the file libharu saved: it packs them or leaves them exactly as they were. Never a
 * read outside the buffer; a refusal that changed a byte aborts. */
#include "pdf/pdf_ctx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int compress = 0; compress < 2; compress++) {
        bg_buf pdf = {0};
        bg_buf_put(&pdf, data, size);
        if (bg_pdf_pack_objects(&pdf, compress) != 0 && (pdf.len != size || (size && memcmp(pdf.data, data, size) != 0)))
            abort();
        bg_buf_free(&pdf);
    }
    return 0;
}
