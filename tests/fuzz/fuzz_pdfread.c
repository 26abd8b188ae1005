/* fuzz_pdfread.c: the PDF reader behind `baogao info` and `extract` (pdf/pdfread.h) on
 * arbitrary bytes as a PDF: every object it can find, the keys info and extract ask
 * for, and each object's stream. */
#include "fuzz_tmpfile.h"
#include "pdf/pdfread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"Producer", "Creator", "Title", "F", "UF", "Length", "EF",
                                       "Metadata", "Info", "Root", "Size", "Params"};
    const char *path = bg_fuzz_tmpfile(data, size, ".pdf");
    bg_pdfread pdf;
    if (bg_pdfread_open(path, &pdf) == 0) {
        for (long num = 0; num < 64; num++) {
            size_t len;
            const char *obj = bg_pdfread_object(&pdf, num, &len);
            if (!obj)
                continue;
            for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
                free(bg_pdfread_string(obj, len, keys[k]));
                (void)bg_pdfread_ref(obj, len, keys[k]);
                (void)bg_pdfread_int(obj, len, keys[k]);
            }
            size_t slen;
            (void)bg_pdfread_stream(&pdf, num, &slen);
        }
        bg_pdfread_close(&pdf);
    }
    unlink(path);
    return 0;
}
