/* linebreak.h: breaks a shaped paragraph into lines (total-fit, Knuth–Plass style, over
 * the whole paragraph, with a greedy fallback for huge paragraphs) and sets each line:
 * punctuation squeezed or line-end marks halved, Han–Latin gaps, justification by
 * shrinking punctuation first and then stretching inter-character space evenly, the last
 * line flush left. Also draws a set line onto a page as glyph runs (and link areas). */
#ifndef BG_LINEBREAK_H
#define BG_LINEBREAK_H

#include "../text/shape.h"
#include "page.h"

typedef struct bg_line {
    size_t first, count; /* glyph range in the bg_shaped; trailing spaces excluded */
    double width;        /* width as set, pt (== the measure when justified) */
    double ascent, descent; /* pt, max over the line's glyphs incl. rise; descent >= 0 */
    double indent;       /* x of the line's start within the measure (first-line indent,
                            centring, right alignment) */
} bg_line;

typedef struct bg_lines {
    bg_line *lines; /* owned */
    size_t count;
    float *x;       /* owned: per glyph, its pen position from the line's start, pt */
    float *shift;   /* owned: per glyph, how far its ink moves left of the pen (an opening
                       mark whose leading blank was squeezed), pt */
    double badness; /* sum over lines, for tests and tuning */
    size_t forced;  /* lines ended inside a word wider than the measure (at a grapheme
                       boundary, as a last resort); the caller warns */
} bg_lines;

/* Breaks s into lines of width `measure` (pt); the first line starts at first_indent.
 * Returns 0, or -1 on an internal failure. out is overwritten; free with bg_lines_free. */
int bg_break_lines(const bg_shaped *s, double measure, double first_indent, bg_align align,
                   bg_lines *out);
void bg_lines_free(bg_lines *l);
/* A copy of from, the lines of a paragraph of `glyphs` glyphs, into to. */
void bg_lines_copy(bg_lines *to, const bg_lines *from, size_t glyphs);

/* Appends line `index` to page with its start at x and baseline at y (PDF coordinates):
 * one glyph run per stretch of glyphs with the same font, size and rise, and a link
 * item over glyphs whose run has a link. */
void bg_draw_line(const bg_shaped *s, const bg_lines *l, size_t index, double x, double y,
                  bg_color color, bg_page *page);

#endif
