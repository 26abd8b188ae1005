/* jsonpos.h: maps a JSON path ($.body[2].children[0].text) back to line:col in the JSON
 * text. jansson gives positions only for syntax errors, so the model finds the position
 * of every node it reports on in an index of the text built once, in one pass, the first
 * time a position is asked for: a lookup costs the depth of the path, never a rescan. */
#ifndef BG_JSONPOS_H
#define BG_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bg_jsonpos bg_jsonpos;

/* Indexes text (well-formed JSON, already accepted by jansson; a leading UTF-8 BOM is
 * skipped). The index points into text, which must outlive it. Caller frees. */
bg_jsonpos *bg_jsonpos_build(const char *text, size_t len);
void bg_jsonpos_free(bg_jsonpos *index); /* accepts NULL */

/* Sets *line and *col (1-based, col counted in characters) of the value at path; when
 * the path ends in a key that is absent, of the object that should hold it. Returns
 * false when the path cannot be followed at all. */
bool bg_jsonpos_find(const bg_jsonpos *index, const char *path, int *line, int *col);

#endif
