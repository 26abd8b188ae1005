/* breaks.h: where a line may break. ICU's line break iterator (UAX #14 with the locale's
 * tailoring, `zh@lb=strict` by default) gives the opportunities; the clreq prohibitions
 * are applied on top: no closing mark at a line start, no opening mark at a line end,
 * —— and …… never split, a number never split from its unit or sign. */
#ifndef BG_BREAKS_H
#define BG_BREAKS_H

#include "../base/diag.h"
#include "typo.h"

#include <stddef.h>
#include <stdint.h>

enum { BG_BREAK_NONE = 0, BG_BREAK_ALLOWED = 1, BG_BREAK_HARD = 2 };

/* Fills out[0..len] (len+1 entries): out[i] says whether a line may end before byte i.
 * Only code point boundaries are ever set; out[0] is NONE and out[len] is HARD.
 * locale is an ICU locale such as "zh@lb=strict". Returns 0, or -1 after an error. */
int bg_breaks_uax14(const char *text, size_t len, const char *locale, uint8_t *out, bg_diags *diags);
/* Closes the line break iterator bg_breaks_uax14 keeps between calls on this thread (at
 * exit, and at the end of a thread that shaped text). */
void bg_breaks_cache_free(void);

/* Removes the opportunities clreq forbids (see above). */
void bg_breaks_apply_clreq(const char *text, size_t len, uint8_t *out);

/* Both, with the locale chosen by the layout's strictness, plus the breaks inside URLs
 * that UAX #14 does not give (after a slash, before a dot). */
int bg_breaks_find(const char *text, size_t len, bg_lb_strictness strictness, uint8_t *out,
                   bg_diags *diags);

/* Marks in out[0..len] (len+1 entries, set to 1, others left as they are) the grapheme
 * cluster boundaries of text (ICU's character break iterator): where a word too wide for
 * any line may be broken as a last resort. out[0] and out[len] are boundaries. */
void bg_breaks_graphemes(const char *text, size_t len, uint8_t *out);

#endif
