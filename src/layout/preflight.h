/* preflight.h: the checks that need both the report and its layout, run by `check` (so
 * it refuses everything `build` would) and by the layout driver before any work: every
 * font family the layout names is installed. Each problem is reported with the layout
 * key or report path that causes it; the caller sees all of them, not only the first.
 * Warnings: an image printing below 300 dpi at its laid-out size, an RGB image in a CMYK
 * print run (each figure's path). */
#ifndef BG_PREFLIGHT_H
#define BG_PREFLIGHT_H

#include "../base/diag.h"
#include "../model/node.h"
#include "style.h"

/* Checks doc with style. Returns 0, or -1 when it reported at least one error. */
int bg_layout_preflight(const bg_document *doc, const bg_style *style, bg_diags *diags);

#endif
