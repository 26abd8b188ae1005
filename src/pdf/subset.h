/* subset.h: font programs cut down to the glyphs a document shows (hb-subset), with a
 * cache in memory (for the life of the process: `baogao watch`) and one on disk under
 * $XDG_CACHE_HOME/baogao/subsets/, so a rebuild that shows no new glyph runs no hb-subset.
 * Internal to src/pdf/. */
#ifndef BG_PDF_SUBSET_H
#define BG_PDF_SUBSET_H

#include "../base/buf.h"
#include "../text/font.h"

#include <stddef.h>
#include <stdint.h>

/* The embedded program of font for the glyphs gids[0..count) (ascending, 0 included):
 * the subset's `CFF ` table for a CFF face, the whole subset font for a TrueType face.
 * Appends it deflated (a zlib stream, as /FlateDecode reads it) to out, sets *raw_len to
 * its inflated length and returns 0, or -1 when hb-subset fails (out unchanged). The
 * bytes are the same whether they come from a cache or from hb-subset. */
int bg_pdf_subset_program(const bg_font *font, const uint32_t *gids, size_t count, bg_buf *out,
                          size_t *raw_len);

#endif
