/* pdfpages.h: the pages of an existing PDF as `baogao diff` compares them: each page's
 * label, its text in reading order (poppler), and, when baogao wrote the file, the digests
 * and table cells it recorded in the page's /PieceInfo (libqpdf; see docs/diff.md). */
#ifndef BG_PDFPAGES_H
#define BG_PDFPAGES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bg_pdf_cell {
    char *table, *label, *row, *column, *value; /* point into the page's cell text */
} bg_pdf_cell;

typedef struct bg_pdf_page {
    char *label;   /* owned: the page label, or "#N" (the physical number) when it has none */
    char *text;    /* owned: the text in reading order, read on first use (bg_pdfpages_text) */
    char content[65], whole[65]; /* baogao's digests; "" when not recorded */
    bg_pdf_cell *cells; /* owned array */
    size_t cell_count;
    char *cell_text;    /* owned: the /Cells stream the cells point into */
} bg_pdf_page;

typedef struct bg_pdfpages {
    char *title;          /* owned: the Info title, or NULL */
    bg_pdf_page *pages;   /* owned */
    size_t count;
    bool ours;            /* every page carries baogao's digests */
    char *data;           /* owned: the whole file */
    size_t len;
    void *poppler;        /* the PopplerDocument (owned) */
} bg_pdfpages;

/* Reads path. Returns 0, or -1 with a message in *why (malloc'd, caller frees). */
int bg_pdfpages_open(const char *path, bg_pdfpages *doc, char **why);
/* The text of page i (0-based), owned by doc; "" when it has none. */
const char *bg_pdfpages_text(bg_pdfpages *doc, size_t i);
void bg_pdfpages_close(bg_pdfpages *doc);

#endif
