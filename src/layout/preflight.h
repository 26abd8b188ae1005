/* preflight.h: the checks that need both the report and its layout, run by `check` (so
 * it refuses everything `build` would) and by the layout driver before any work: every
 * role's font list has an installed family (a fallback is warned). Each problem is reported with the layout
 * key or report path that causes it; the caller sees all of them, not only the first.
 * Warnings: an image printing below 300 dpi at its laid-out size, an RGB image in a CMYK
 * print run (each figure's path). */
#ifndef BG_PREFLIGHT_H
#define BG_PREFLIGHT_H

#include "../base/diag.h"
#include "../model/node.h"
#include "style.h"

/* The family of a role's font list (its Latin list when latin) that faces are taken
 * from: the first one installed (fontconfig, with the layout's fonts.dir and the report's
 * own fonts/ folder searched before the system's). NULL when none of the list is
 * installed, or the Latin list is empty. *index (may be NULL) is its place in the list.
 * The string belongs to style. */
const char *bg_layout_font_choice(const bg_document *doc, const bg_style *style, bg_font_role role, bool latin,
                                  int *index);

/* Checks doc with style. Returns 0, or -1 when it reported at least one error. A font
 * list whose first family is not installed is a warning naming the one used instead. */
int bg_layout_preflight(const bg_document *doc, const bg_style *style, bg_diags *diags);
/* Whether a refusal that only setting the lines finds (a footnote over half a page, a
 * table header or rowspan taller than a page) may happen, by a bound from the character
 * counts: check then lays the document out to find it, as build would. */
bool bg_layout_needs_setting(const bg_document *doc, const bg_style *style);

#endif
