/* inline.h: the inline markup inside report strings (docs/format.md, "Inline text"):
 * **bold**, ^[footnote], [@ref], ^{sup}, _{sub} and backslash escapes. */
#ifndef BG_INLINE_H
#define BG_INLINE_H

#include "../base/diag.h"
#include "node.h"

/* Parses s into spans appended to out. Errors (an unclosed ** or ^[, an empty
 * reference, ...) go to diags at loc with the character position; returns the number of
 * errors. `style` is the style inherited from the surrounding text. */
int bg_inline_parse(const char *s, unsigned style, bg_loc loc, bg_inline *out, bg_diags *diags);

#endif
