/* grid.h: first-fit line breaking and setting on a character grid (see grid.c). Used by
 * bg_break_lines for justified text when the layout sets typography.grid. */
#ifndef BG_GRID_H
#define BG_GRID_H

#include "linebreak.h"

/* Fills out (zeroed by the caller) with lines of s on a grid of typo.grid_cell cells,
 * as many whole cells as measure holds; the first line is indented by first_indent rounded to whole cells.
 * Line ascent/descent are left to the caller. Returns 0. */
int bg_grid_break(const bg_shaped *s, double measure, double first_indent, bg_lines *out);

#endif
