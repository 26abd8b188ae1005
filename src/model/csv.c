/* csv.c: a small RFC 4180 CSV reader (see csv.h). */
#include "csv.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/limits.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "encoding.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_add_field(bg_csv_row *row, bg_buf *text, int line, int col)
{
    BG_GROW(row->fields, row->cap, row->count + 1);
    row->fields[row->count++] = (bg_csv_field){bg_buf_take(text), line, col};
}

static void S_end_row(bg_csv *csv, bg_csv_row *row)
{
    bool blank = row->count == 1 && row->fields[0].text[0] == '\0';
    if (blank) {
        free(row->fields[0].text);
        free(row->fields);
    } else {
        BG_GROW(csv->rows, csv->row_cap, csv->row_count + 1);
        csv->rows[csv->row_count++] = *row;
    }
    memset(row, 0, sizeof *row);
}

int bg_csv_read(const char *path, bg_csv *csv, bg_diags *diags)
{
    memset(csv, 0, sizeof *csv);
    bg_buf all;
    bg_buf_init(&all);
    if (bg_buf_read_file_max(&all, path, BG_MAX_CSV_BYTES) != 0) {
        if (errno == EFBIG)
            bg_error(diags, (bg_loc){.file = path}, _("the CSV file is larger than the limit of %u MiB"),
                     BG_MAX_CSV_BYTES >> 20);
        else
            bg_error(diags, (bg_loc){.file = path}, _("cannot read CSV file: %s"), strerror(errno));
        bg_buf_free(&all);
        return -1;
    }
    const char *s = all.data ? all.data : "";
    size_t len = all.len, i = bg_encoding_bom(s, len);
    const char *encoding = bg_encoding_guess(s, len);
    bg_encoding_spot spot = encoding ? bg_encoding_invalid_spot(s, len) : (bg_encoding_spot){0};
    /* UTF-8 with a damaged spot: not read as GB18030, which much UTF-8 Chinese text
     * decodes as (into mojibake). */
    bool damaged = encoding && spot.mostly_utf8 && strncmp(encoding, "UTF-16", 6) != 0;
    char *converted = encoding && !damaged && strcmp(encoding, "GB18030") == 0
                          ? bg_encoding_from_gb18030(s, len, &len) : NULL;
    if (converted) {
        /* What Excel saves on a Chinese Windows machine: read it, and say how to fix it. */
        bg_warning(diags, (bg_loc){.file = path}, _("CSV file is in GB18030 (GBK), not UTF-8; read as GB18030"));
        bg_diag_hint(diags, _("save it as UTF-8: in Excel, Save As \"CSV UTF-8 (Comma delimited)\"; "
                              "or run iconv -f GB18030 -t UTF-8"));
        bg_buf_clear(&all);
        bg_buf_put(&all, converted, len);
        free(converted);
        s = all.data;
        i = 0;
    } else if (encoding) {
        bg_loc at = {.file = path, .line = spot.line, .col = spot.col};
        if (damaged) {
            bg_error(diags, at, _("the byte 0x%02X here is not UTF-8; the file is UTF-8 before it"), spot.byte);
            bg_diag_hint(diags, _("type the character at this point again, or save the file again as UTF-8"));
        } else {
            bg_error(diags, at, _("CSV file is not UTF-8 (it looks like %s)"), encoding);
            bg_diag_hint(diags, _("save it as UTF-8: in Excel, Save As \"CSV UTF-8 (Comma delimited)\"; "
                                  "or run iconv -f %s -t UTF-8"), encoding);
        }
        bg_buf_free(&all);
        return -1;
    }
    int line = 1, col = 1, field_line = 1, field_col = 1;
    bg_buf text;
    bg_buf_init(&text);
    bg_csv_row row = {0};
    row.line = 1;
    bool quoted = false, was_quoted = false;
    int rc = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\0') {
            /* A NUL would silently end the field's text wherever it is used. */
            bg_error(diags, (bg_loc){.file = path, .line = line, .col = col}, _("CSV file holds a NUL byte"));
            rc = -1;
            break;
        }
        if (quoted) {
            if (c == '"' && i + 1 < len && s[i + 1] == '"') {
                bg_buf_putc(&text, '"');
                i += 2, col += 2;
                continue;
            }
            if (c == '"') {
                quoted = false;
                i++, col++;
                continue;
            }
            bg_buf_putc(&text, c);
            if (c == '\n')
                line++, col = 1;
            else if (((unsigned char)c & 0xC0) != 0x80)
                col++;
            i++;
            continue;
        }
        if (c == '"' && text.len == 0 && !was_quoted) {
            quoted = was_quoted = true;
            i++, col++;
        } else if (c == ',') {
            S_add_field(&row, &text, field_line, field_col);
            i++, col++;
            field_line = line, field_col = col;
            was_quoted = false;
        } else if (c == '\r' || c == '\n') {
            S_add_field(&row, &text, field_line, field_col);
            S_end_row(csv, &row);
            i += (c == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            line++, col = 1;
            row.line = line;
            field_line = line, field_col = 1;
            was_quoted = false;
        } else {
            bg_buf_putc(&text, c);
            if (((unsigned char)c & 0xC0) != 0x80)
                col++;
            i++;
        }
    }
    if (quoted && rc == 0) {
        bg_error(diags, (bg_loc){.file = path, .line = field_line, .col = field_col},
                 _("quoted field is not closed"));
        rc = -1;
    }
    if (text.len > 0 || row.count > 0) {
        S_add_field(&row, &text, field_line, field_col);
        S_end_row(csv, &row);
    }
    bg_buf_free(&text);
    bg_buf_free(&all);
    if (rc != 0)
        bg_csv_free(csv);
    return rc;
}

void bg_csv_free(bg_csv *csv)
{
    for (size_t r = 0; r < csv->row_count; r++) {
        for (size_t k = 0; k < csv->rows[r].count; k++)
            free(csv->rows[r].fields[k].text);
        free(csv->rows[r].fields);
    }
    free(csv->rows);
    memset(csv, 0, sizeof *csv);
}
