/* pdf.h: the PDF writer. Takes the pages layout produced (layout/page.h) and writes one
 * PDF file through libharu: pages and their content streams, our own Type0 fonts
 * (subset with hb-subset, CIDFontType0C or CIDFontType2, W, CIDSet, ToUnicode), images,
 * link annotations and named destinations, the outline, page labels and the Info
 * dictionary. It never measures or shapes text; the same pages give the same bytes. */
#ifndef BG_PDF_H
#define BG_PDF_H

#include "../base/diag.h"
#include "../layout/page.h"

#include <stdbool.h>

typedef struct bg_pdf_options {
    const char *creator; /* e.g. "baogao 0.1.0"; borrowed */
    bool compress;       /* Flate-compress content streams, fonts and images */
} bg_pdf_options;

/* Writes pages to path (created or truncated). Returns 0, or -1 after reporting an error
 * to diags (the caller removes the partial file). */
int bg_pdf_write(const bg_pages *pages, const bg_pdf_options *opts, const char *path, bg_diags *diags);

#endif
