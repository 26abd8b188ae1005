/* fuzz_pdfread.c: the PDF reader behind `baogao info` and `extract` (pdf/pdfread.h,
 * libqpdf underneath) on arbitrary bytes as a PDF: the Info entries info prints, the XMP
 * metadata, and every embedded file with its bytes, as extract reads them. */
#include "pdf/pdfread.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"Producer", "Creator", "Title", "Subject", "Keywords",
                                       "baogao:fonts", "CreationDate"};
    bg_pdfread_status status;
    char *error = NULL;
    bg_pdfread *pdf = bg_pdfread_open_memory((const char *)data, size, &status, &error);
    free(error);
    if (!pdf)
        return 0;
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        size_t len;
        free(bg_pdfread_info(pdf, keys[k], &len));
    }
    size_t len;
    free(bg_pdfread_metadata(pdf, &len));
    bg_pdfread_files files = {0};
    bg_pdfread_embedded(pdf, true, &files);
    bg_pdfread_files_free(&files);
    bg_pdfread_close(pdf);
    return 0;
}
