/* jsonsyntax.h: JSON syntax errors explained for what people actually type. jansson says
 * only "string or '}' expected near '}'" at a position; a small scanner of our own walks
 * the text to the first error and names it: a trailing comma (at the comma), a missing
 * comma (at the end of the value before it), full-width quotes, colons and commas from a
 * Chinese input method, single quotes, unquoted keys, comments, a string left open at the
 * end of a line, a backslash that is not an escape (a Windows path), numbers JSON does
 * not allow, an object or array never closed (at its opening). */
#ifndef BG_JSONSYNTAX_H
#define BG_JSONSYNTAX_H

#include "../base/diag.h"

#include <jansson.h>
#include <stddef.h>

/* Reports the syntax error of text (len bytes, which jansson refused with err) at file:
 * our explanation and position when the scanner finds the error, else jansson's. */
void bg_json_syntax_error(const char *file, const char *text, size_t len, const json_error_t *err,
                          bg_diags *diags);

#endif
