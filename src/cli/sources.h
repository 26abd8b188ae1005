/* sources.h: the files a report is built from (the JSON, its CSV files and images, the
 * layout), as attached to a PDF/A-3 archive copy so that a year can be rebuilt from its
 * own PDF. Names inside the PDF are relative to the report's folder; the layout is
 * always "layout.json". */
#ifndef BG_SOURCES_H
#define BG_SOURCES_H

#include "model/model.h"
#include "pdf/pdf.h"

typedef struct bg_sources {
    bg_pdf_attachment *items; /* names and files owned by the list */
    size_t count, cap;
} bg_sources;

void bg_sources_collect(const bg_document *doc, const char *layout, bg_sources *out);
void bg_sources_free(bg_sources *s);

#endif
