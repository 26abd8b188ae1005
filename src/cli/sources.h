/* sources.h: the files a report is built from (the JSON, its CSV files and images, the
 * layout), as attached to a PDF/A-3 archive copy so that a year can be rebuilt from its
 * own PDF. Names inside the PDF are relative to the report's folder whatever the working
 * directory (images/x.png stays images/x.png); the report keeps its file name and the
 * layout is always "layout.json". */
#ifndef BG_SOURCES_H
#define BG_SOURCES_H

#include "model/model.h"
#include "pdf/pdf.h"

typedef struct bg_sources {
    bg_pdf_attachment *items; /* names and files owned by the list; name NULL for a file
                                 not named relative to the report's folder */
    size_t count, cap;
    char *outside;            /* owned: the first such file, or NULL */
    char *outside_path;       /* owned: the JSON path naming it */
    long clash;               /* index of a name two different files would share, or -1 */
} bg_sources;

/* Lists every file the build reads: the report, the layout, CSV files, images. */
void bg_sources_collect(const bg_document *doc, const char *layout, bg_sources *out);
/* Returns 0 when the list can be attached as it is (every file named relative to the
 * report's folder, every name once), or -1 after reporting why not. */
int bg_sources_archive(const bg_document *doc, bg_sources *s, bg_diags *diags);
void bg_sources_free(bg_sources *s);

#endif
