/* punct.h: the blank of a full-width punctuation mark, measured in its font. A CJK mark
 * is 1 em wide with about ½ em of blank on one side (the side depends on the mark and the
 * font's regional style); baogao squeezes that blank, never the ink. The font's own `halt`
 * feature says where the blank is when the font has it; otherwise the glyph's ink extents
 * do. Results are cached per font. */
#ifndef BG_PUNCT_H
#define BG_PUNCT_H

#include "font.h"

#include <stdint.h>

typedef struct bg_punct_blank {
    float left, right; /* em */
} bg_punct_blank;

/* The adjustable blank of code point cp (shaped alone as gid) in font, at most ½ em on
 * each side; both 0 for a mark without blank (a proportional quote, say). */
bg_punct_blank bg_punct_blank_of(bg_font *font, uint32_t cp, uint32_t gid);

struct bg_punct_cache;
void bg_punct_cache_free(struct bg_punct_cache *c); /* accepts NULL */

#endif
