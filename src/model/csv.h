/* csv.h: reading a CSV file (UTF-8, or GB18030 with a warning) (RFC 4180: commas, double-quoted fields with "" for a
 * quote, CRLF or LF line ends) with each field's line:col for diagnostics. */
#ifndef BG_CSV_H
#define BG_CSV_H

#include "../base/diag.h"

#include <stddef.h>

typedef struct bg_csv_field {
    char *text;
    int line, col;
} bg_csv_field;

typedef struct bg_csv_row {
    bg_csv_field *fields;
    size_t count, cap;
    int line;
} bg_csv_row;

typedef struct bg_csv {
    bg_csv_row *rows;
    size_t row_count, row_cap;
} bg_csv;

/* Reads path into csv (blank lines skipped; a UTF-8 BOM ignored; a GB18030/GBK file, as
 * Excel saves on Chinese Windows, converted with a warning). Returns 0, or -1 after
 * reporting to diags (unreadable file, another encoding than UTF-8 or GB18030, unclosed
 * quote). */
int bg_csv_read(const char *path, bg_csv *csv, bg_diags *diags);
void bg_csv_free(bg_csv *csv);

#endif
