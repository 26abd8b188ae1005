/* encoding.h: what encoding a text file's bytes are in, for the files people edit by hand
 * or export from a spreadsheet (report.json, layouts, CSV). Everything baogao reads is
 * UTF-8; Excel and Notepad on a Chinese Windows machine save GB18030 (GBK), which can be
 * recognised by a strict decode and converted with ICU. */
#ifndef BG_ENCODING_H
#define BG_ENCODING_H

#include "../base/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The length of a UTF-8 byte order mark at the start of data: 3 or 0. */
size_t bg_encoding_bom(const char *data, size_t len);

/* NULL when data (after any UTF-8 BOM) is valid UTF-8; otherwise the name of the
 * encoding it looks like: "GB18030" when it decodes strictly as GB18030 (GBK is a subset),
 * "UTF-16LE"/"UTF-16BE" for a UTF-16 byte order mark, else ICU's best guess, or
 * "unknown". The name is static (a later call may overwrite it). */
const char *bg_encoding_guess(const char *data, size_t len);

/* Where the first byte that is not UTF-8 is in data (after any BOM): its line and column
 * (counted in characters, 1-based) and its value; and whether the file is UTF-8 but for a
 * damaged spot (at least 2 well-formed multi-byte characters for each byte that begins
 * none), rather than in another encoding. */
typedef struct bg_encoding_spot {
    int line, col;
    unsigned byte;
    bool mostly_utf8;
} bg_encoding_spot;
bg_encoding_spot bg_encoding_invalid_spot(const char *data, size_t len);
/* For a JSON file (report or layout) that must be UTF-8: returns the length of its BOM
 * (skip it before parsing), or -1 after reporting an error at path that names the
 * encoding the bytes look like and how to save the file as UTF-8. */
int bg_encoding_check_json(const char *path, const char *data, size_t len, bg_diags *diags);

/* data decoded strictly from GB18030 into new, NUL-terminated UTF-8 (length in *out_len),
 * or NULL when some bytes are not GB18030. Caller frees. */
char *bg_encoding_from_gb18030(const char *data, size_t len, size_t *out_len);

#endif
