/* pdf.h: the PDF writer. Takes the pages layout produced (layout/page.h) and writes one
 * PDF file through libharu: pages and their content streams, our own Type0 fonts
 * (subset with hb-subset, CIDFontType0C or CIDFontType2, W, CIDSet, ToUnicode), images,
 * link annotations and named destinations, the outline, page labels, the Info
 * dictionary and the structure tree of a tagged PDF (tags.c). It never measures or shapes text; the same pages give the same bytes. */
#ifndef BG_PDF_H
#define BG_PDF_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../layout/page.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    BG_PDFA_NONE,
    BG_PDFA_1B, /* ISO 19005-1 level B: the archive copy */
    BG_PDFA_3U, /* ISO 19005-3 level U, with the report's sources attached */
    BG_PDFA_1A, /* ISO 19005-1 level A: 1b and tagged */
    BG_PDFA_3A, /* ISO 19005-3 level A: 3u and tagged, with the sources attached */
} bg_pdfa;

/* The part of ISO 19005 (1 or 3) and whether the level attaches the sources. */
static inline int bg_pdfa_part(bg_pdfa level)
{
    return level == BG_PDFA_3U || level == BG_PDFA_3A ? 3 : level == BG_PDFA_NONE ? 0 : 1;
}

/* A file attached to a PDF/A-3 as the document's source. */
typedef struct bg_pdf_attachment {
    const char *file; /* borrowed: path to read */
    const char *name; /* borrowed: its name in the PDF, relative (e.g. images/fig-02.png) */
    const char *mime; /* borrowed: e.g. application/json */
} bg_pdf_attachment;

typedef struct bg_pdf_options {
    const char *creator; /* e.g. "baogao 0.1.0"; borrowed */
    bool compress;       /* Flate-compress content streams, fonts and images */
    bool no_tags;        /* leave out the structure tree and marked content (--no-tags) */
    bool no_object_streams; /* a classic cross-reference table and every object on its own,
                               as PDF 1.4 readers need (--no-object-streams); a PDF/A-1
                               archive is always written so */
    bg_pdfa pdfa;
    const bg_pdf_attachment *attachments; /* part 3 only; borrowed */
    size_t attachment_count;
    uint64_t *page_hashes; /* out, borrowed, or NULL: a hash of each page's content for
                              page_hash_count pages (`baogao watch` says which changed) */
    size_t page_hash_count;
} bg_pdf_options;

/* Renders pages into out (cleared first); name is the output's name for messages.
 * Returns 0, or -1 after reporting an error to diags. */
int bg_pdf_render(const bg_pages *pages, const bg_pdf_options *opts, const char *name, bg_buf *out,
                  bg_diags *diags);
/* Renders pages and puts them at path through bg_outfile_replace (base/outfile.h): a
 * temporary file beside it, every write checked, fsync, rename; a failure leaves any
 * previous file as it was. Returns 0, or -1 after reporting an error to diags. */
int bg_pdf_write(const bg_pages *pages, const bg_pdf_options *opts, const char *path, bg_diags *diags);

/* Frees the font subsets the writer keeps in memory between bg_pdf_write calls of one
 * process (so a rebuild showing the same glyphs runs no hb-subset); at exit. */
void bg_pdf_subset_cache_free(void);

#endif
