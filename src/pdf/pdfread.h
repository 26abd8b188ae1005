/* pdfread.h: reading back what baogao itself wrote into a PDF — the build record in the
 * Info dictionary, the XMP conformance, the files attached to a PDF/A-3. Not a general
 * PDF parser: it relies on baogao's files being written by libharu uncompressed where it
 * matters (Info, XMP, attachments) and without object streams. */
#ifndef BG_PDFREAD_H
#define BG_PDFREAD_H

#include <stddef.h>

typedef struct bg_pdfread {
    char *data; /* owned: the whole file */
    size_t len;
} bg_pdfread;

/* Reads the file; returns 0, or -1 (errno set). */
int bg_pdfread_open(const char *path, bg_pdfread *pdf);
void bg_pdfread_close(bg_pdfread *pdf);

/* The body of object `num` (between "num 0 obj" and "endobj"), or NULL. */
const char *bg_pdfread_object(const bg_pdfread *pdf, long num, size_t *len);

/* In text[0..len): the literal string after /key, unescaped (malloc'd), or NULL. */
char *bg_pdfread_string(const char *text, size_t len, const char *key);
/* In text[0..len): the object number of "/key N 0 R", or -1. */
long bg_pdfread_ref(const char *text, size_t len, const char *key);
/* In text[0..len): the integer after /key, or -1. */
long bg_pdfread_int(const char *text, size_t len, const char *key);
/* The bytes of stream object num (its /Length direct or a reference); NULL if none. */
const char *bg_pdfread_stream(const bg_pdfread *pdf, long num, size_t *len);

#endif
