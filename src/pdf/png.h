/* png.h: embedding a PNG file's compressed data directly as a PDF image (see png.c). */
#ifndef BG_PDF_PNG_H
#define BG_PDF_PNG_H

#include <hpdf.h>

/* The image XObject for file, or NULL when the PNG is not one this path copies (the
 * caller then loads it through libharu). */
HPDF_Image bg_pdf_png_copy(HPDF_Doc doc, const char *file);

#endif
