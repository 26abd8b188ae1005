/* linetrace.h: renders a broken paragraph as text, one line per line of the paragraph:
 * `N indent=I width=W |text| c+D ...` where I and W are in 1/1000 em and each c+D is a
 * character whose set width (with the space after it) differs from the font's advance
 * plus the natural Han–Latin gap after it by D thousandths of an em: squeezed marks,
 * justification, shrunk or stretched spaces. Golden tests
 * compare these traces; they are also the quickest way to see what the breaker did. */
#ifndef BG_LINETRACE_H
#define BG_LINETRACE_H

#include "linebreak.h"

/* Returns a malloc'd string the caller frees. */
char *bg_lines_trace(const bg_shaped *s, const bg_lines *l);

#endif
