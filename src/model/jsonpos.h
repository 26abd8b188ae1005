/* jsonpos.h: maps a JSON path ($.body[2].children[0].text) back to line:col in the JSON
 * text. jansson gives positions only for syntax errors, so model errors find theirs with
 * this light second scan, run only when there is something to report. */
#ifndef BG_JSONPOS_H
#define BG_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

/* Sets *line and *col (1-based, col counted in characters) of the value at path; when
 * the path ends in a key that is absent, of the object that should hold it. Returns
 * false when the path cannot be followed at all. */
bool bg_json_locate(const char *text, size_t len, const char *path, int *line, int *col);

#endif
