/* pdfread.h: reading back what a PDF records — the Info dictionary (baogao's build
 * record), the catalog's XMP metadata, the embedded files of a PDF/A-3 — for `baogao
 * info` and `baogao extract`. It reads through libqpdf's C API, so a file that another
 * tool re-saved (object streams, cross-reference streams, linearised, incrementally
 * updated, attachments compressed or written in another key order) reads the same as
 * baogao's own. Nothing here prints; strings are returned as they are in the file (the
 * caller escapes them before printing). */
#ifndef BG_PDFREAD_H
#define BG_PDFREAD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bg_pdfread bg_pdfread; /* opaque */

/* Why a file could not be opened. */
typedef enum { BG_PDFREAD_OK, BG_PDFREAD_IO, BG_PDFREAD_BAD } bg_pdfread_status;

/* Opens path (or data[0..len) for bg_pdfread_open_memory, which must outlive the reader).
 * Returns the reader, or NULL with *status and *error (malloc'd, for the caller to free)
 * saying why. */
bg_pdfread *bg_pdfread_open(const char *path, bg_pdfread_status *status, char **error);
bg_pdfread *bg_pdfread_open_memory(const char *data, size_t len, bg_pdfread_status *status, char **error);
/* Accepts NULL. */
void bg_pdfread_close(bg_pdfread *pdf);

/* The Info dictionary's entry key (without the slash) as UTF-8 (text strings decoded
 * from UTF-16 or PDFDocEncoding): malloc'd, *len bytes (it may hold NUL bytes), or NULL. */
char *bg_pdfread_info(bg_pdfread *pdf, const char *key, size_t *len);
/* The catalog's /Metadata stream, decoded: malloc'd, *len bytes, or NULL. */
char *bg_pdfread_metadata(bg_pdfread *pdf, size_t *len);

/* One embedded file, from the catalog's /Names /EmbeddedFiles tree. */
typedef struct bg_pdfread_file {
    char *name;      /* owned: /UF (or /F) as UTF-8, name_len bytes (may hold NUL), or NULL */
    size_t name_len;
    char *data;      /* owned: the file's bytes, decoded; NULL when they cannot be read */
    size_t len;
    bool source;     /* /AFRelationship /Source */
} bg_pdfread_file;

typedef struct bg_pdfread_files {
    bg_pdfread_file *items; /* owned */
    size_t count, cap;
} bg_pdfread_files;

/* Lists the embedded files, in name-tree order (with their bytes when with_data). */
void bg_pdfread_embedded(bg_pdfread *pdf, bool with_data, bg_pdfread_files *out);
void bg_pdfread_files_free(bg_pdfread_files *files);

#endif
