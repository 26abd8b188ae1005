/* load_table.c: loading a table block: columns, header rows with spans, body rows
 * (inline or from a CSV file next to the report), formatted numbers and the total row,
 * computed or checked (docs/format.md, "table"). */
#include "csv.h"
#include "../base/i18n.h"
#include "inline.h"
#include "load_ctx.h"
#include "numfmt.h"
#include "../base/buf.h"
#include "../base/limits.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

/* One cell as read, before placing it in the grid. */
typedef struct raw_cell {
    bg_cell cell;
} raw_cell;

/* Whether s (len bytes) is a decimal number as JSON writes one: an optional '-', digits,
 * an optional fraction and exponent. Leading zeros (007) only when allow_zeros, so codes
 * in a text column stay text. Sets *out. Hex, inf, nan, '+' and spaces are not numbers. */
static bool S_plain_number(const char *s, size_t len, bool allow_zeros, double *out)
{
    size_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    size_t digits = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == digits || (!allow_zeros && s[digits] == '0' && i - digits > 1))
        return false;
    if (i < len && s[i] == '.') {
        size_t f = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f)
            return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return false;
    }
    if (i != len)
        return false;
    char *copy = bg_xstrndup(s, len);
    double v = strtod(copy, NULL);
    free(copy);
    if (isinf(v))
        return false;
    *out = v;
    return true;
}

/* s without leading and trailing ASCII blanks: sets *len. */
static const char *S_trim(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* What to write instead of text, which is not a plain number, in a column with format f:
 * "write 1236 without the thousands separator", …; caller frees. Undoes what people type
 * in a spreadsheet: full-width digits (１２３), thousands separators, a percent sign, a
 * dash for "no value". */
static char *S_number_advice(const char *text, const bg_numfmt *f, const char *format, bool json)
{
    size_t n;
    const char *t = S_trim(text, &n);
    static const char *const none[] = {"-", "--", "—", "——", "–", "－", "/", "／", "N/A", "n/a",
                                       "NA", "无", "空", "…", "……", "x", "X", NULL};
    for (const char *const *d = none; *d; d++)
        if (strlen(*d) == n && memcmp(*d, t, n) == 0)
            return bg_xstrdup(json ? _("write null when there is no value")
                                   : _("leave the cell empty when there is no value"));
    /* Map to ASCII, dropping separators between digits and a final percent sign. */
    bg_buf b;
    bg_buf_init(&b);
    bool wide = false, comma = false, percent = false;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)t + i;
        if (i + 3 <= n && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
            bg_buf_putc(&b, (char)('0' + u[2] - 0x90)); /* ０ … ９ U+FF10 … U+FF19 */
            wide = true, i += 3;
        } else if (i + 3 <= n && u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8E || u[2] == 0x8D)) {
            bg_buf_putc(&b, u[2] == 0x8E ? '.' : '-'); /* ． － */
            wide = true, i += 3;
        } else if ((t[i] == ',' || t[i] == '\'' || t[i] == ' ') && b.len > 0 && i + 1 < n) {
            comma = true, i++;
        } else if (i + 3 <= n && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8C && b.len > 0) {
            comma = wide = true, i += 3; /* ， */
        } else if (t[i] == '%' && i + 1 == n) {
            percent = true, i++;
        } else if (i + 3 == n && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x85) {
            percent = wide = true, i += 3; /* ％ */
        } else {
            bg_buf_putc(&b, t[i]);
            i++;
        }
    }
    double v;
    bool ok = b.data && S_plain_number(b.data, b.len, true, &v);
    bg_buf_free(&b);
    if (!ok)
        return bg_xstrdup(json ? _("write a number such as 1236 or 0.75 without quotes, or null")
                               : _("write a number such as 1236 or 0.75, or leave the cell empty"));
    if (percent && f->percent)
        v /= 100;
    char *plain = bg_strprintf("%.15g", v);
    char *advice;
    int reasons = wide + comma + percent;
    if (reasons > 1)
        advice = bg_strprintf(_("write %s (ASCII digits, no separators or percent sign)"), plain);
    else if (wide)
        advice = bg_strprintf(_("write %s with ASCII digits, not full-width ones"), plain);
    else if (comma)
        advice = bg_strprintf(_("write %s without the thousands separator (the format adds it)"), plain);
    else if (percent && f->percent)
        advice = bg_strprintf(_("write the fraction %s: the format '%s' prints it as a percentage"),
                              plain, format);
    else if (percent)
        advice = bg_strprintf(_("write %s without the percent sign"), plain);
    else
        advice = json ? bg_strprintf(_("write %s without quotes"), plain) : bg_strprintf(_("write %s"), plain);
    free(plain);
    return advice;
}

/* Places a row of cells into grid row r (grid is rows × ncol), skipping slots covered by
 * rowspans from above; reports cells that do not tile the columns. */
static void S_place_row(bg_load_ctx *c, bg_cell *grid, size_t nrows, size_t ncol, size_t r,
                        bg_cell *cells, size_t ncells, const char *path)
{
    size_t col = 0;
    for (size_t i = 0; i < ncells; i++) {
        while (col < ncol && grid[r * ncol + col].covered)
            col++;
        bg_cell *cell = &cells[i];
        if (col + (size_t)cell->colspan > ncol) {
            bg_load_error(c, cell->path ? cell->path : path,
                          _("row has more cells than the table's %zu columns"), ncol);
            for (size_t k = i; k < ncells; k++) {
                bg_inline_free(&cells[k].text);
                free(cells[k].path);
            }
            return;
        }
        if (r + (size_t)cell->rowspan > nrows) {
            bg_load_error(c, cell->path ? cell->path : path, _("rowspan %d runs past the last row"),
                          cell->rowspan);
            cell->rowspan = (int)(nrows - r);
        }
        grid[r * ncol + col] = *cell;
        for (size_t dr = 0; dr < (size_t)cell->rowspan; dr++)
            for (size_t dc = 0; dc < (size_t)cell->colspan; dc++)
                if (dr || dc) {
                    bg_cell *slot = &grid[(r + dr) * ncol + col + dc];
                    if (slot->covered || slot->kind != BG_CELL_EMPTY || slot->path)
                        bg_load_error(c, cell->path ? cell->path : path, _("spans overlap"));
                    slot->covered = true;
                    slot->colspan = slot->rowspan = 1;
                }
        col += (size_t)cell->colspan;
    }
    while (col < ncol && grid[r * ncol + col].covered)
        col++;
    if (col < ncol)
        bg_load_error(c, path, _("row has %zu of the table's %zu columns"), col, ncol);
}

static int S_span(bg_load_ctx *c, json_t *o, const char *key, const char *path)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return 1;
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000) {
        char *p = bg_load_path(path, ".%s", key);
        bg_load_error(c, p, _("'%s' must be a whole number from 1"), key);
        free(p);
        return 1;
    }
    return (int)json_integer_value(v);
}

/* Reads one cell value (number, string, null or object). */
static void S_read_cell(bg_load_ctx *c, json_t *v, const char *path, bg_cell *cell)
{
    memset(cell, 0, sizeof *cell);
    cell->colspan = cell->rowspan = 1;
    cell->path = bg_xstrdup(path);
    json_t *value = v;
    if (bg_load_value_ref(c, v, path, &cell->number)) {
        cell->kind = BG_CELL_NUMBER;
        return;
    }
    if (json_is_object(v)) {
        static const char *const keys[] = {"text", "value", "colspan", "rowspan", NULL};
        bg_load_check_keys(c, v, path, keys);
        cell->colspan = S_span(c, v, "colspan", path);
        cell->rowspan = S_span(c, v, "rowspan", path);
        json_t *t = json_object_get(v, "text"), *n = json_object_get(v, "value");
        if (t && n)
            bg_load_error(c, path, _("a cell has 'text' or 'value', not both"));
        value = t ? t : n;
        if (n && !json_is_number(n)) {
            char *p = bg_load_path(path, ".value");
            bg_load_error(c, p, _("'value' must be a number"));
            free(p);
            value = NULL;
        }
    }
    if (!value || json_is_null(value)) {
        cell->kind = BG_CELL_EMPTY;
    } else if (json_is_number(value)) {
        cell->kind = BG_CELL_NUMBER;
        cell->number = json_number_value(value);
    } else if (json_is_string(value) || json_is_array(value)) {
        cell->kind = BG_CELL_TEXT;
        bg_load_inline(c, value, path, &cell->text);
    } else {
        bg_load_error(c, path, _("a cell must be a number, a string, null or an object"));
    }
}

static void S_read_row(bg_load_ctx *c, json_t *row, const char *path, bg_cell **cells, size_t *n)
{
    *n = 0;
    *cells = NULL;
    if (!json_is_array(row)) {
        bg_load_error(c, path, _("a row must be an array of cells"));
        return;
    }
    *n = json_array_size(row);
    *cells = bg_xcalloc(*n ? *n : 1, sizeof **cells);
    size_t i;
    json_t *v;
    json_array_foreach(row, i, v) {
        char *p = bg_load_path(path, "[%zu]", i);
        S_read_cell(c, v, p, &(*cells)[i]);
        free(p);
    }
}

static void S_load_columns(bg_load_ctx *c, json_t *obj, const char *path, bg_table *t)
{
    json_t *cols = json_object_get(obj, "columns");
    char *p = bg_load_path(path, ".columns");
    if (!json_is_array(cols) || json_array_size(cols) == 0) {
        bg_load_error(c, p, cols ? _("'columns' must be a non-empty array") : _("missing required key 'columns'"));
        free(p);
        return;
    }
    if (json_array_size(cols) > BG_MAX_COLUMNS) {
        bg_load_error(c, p, _("a table has at most %d columns, not %zu"), BG_MAX_COLUMNS, json_array_size(cols));
        free(p);
        return;
    }
    t->column_count = json_array_size(cols);
    t->columns = bg_xcalloc(t->column_count, sizeof *t->columns);
    size_t i;
    json_t *col;
    json_array_foreach(cols, i, col) {
        char *cp = bg_load_path(p, "[%zu]", i);
        bg_column *column = &t->columns[i];
        if (!json_is_object(col)) {
            bg_load_error(c, cp, _("a column must be an object with a \"title\""));
            free(cp);
            continue;
        }
        static const char *const keys[] = {"title", "align", "format", "unit", NULL};
        bg_load_check_keys(c, col, cp, keys);
        const char *s;
        column->title = bg_xstrdup((s = bg_load_string(c, col, "title", cp, true)) ? s : "");
        if ((s = bg_load_string(c, col, "format", cp, false))) {
            bg_numfmt f;
            if (!bg_numfmt_parse(s, &f)) {
                char *fp = bg_load_path(cp, ".format");
                bg_load_error(c, fp, _("malformed number format '%s'"), s);
                bg_diag_hint(c->diags, _("formats look like 0, 0.00, #,##0, 0.0%% or 0.00\":1\""));
                free(fp);
            } else {
                column->format = bg_xstrdup(s);
            }
        }
        if ((s = bg_load_string(c, col, "unit", cp, false)))
            column->unit = bg_xstrdup(s);
        column->align = BG_ALIGN_AUTO;
        if ((s = bg_load_string(c, col, "align", cp, false))) {
            static const char *names[] = {"left", "center", "right", "decimal"};
            static const bg_cell_align values[] = {BG_CELL_LEFT, BG_CELL_CENTER, BG_CELL_RIGHT,
                                                   BG_CELL_DECIMAL};
            bool ok = false;
            for (int k = 0; k < 4; k++)
                if (strcmp(s, names[k]) == 0)
                    column->align = values[k], ok = true;
            if (!ok) {
                char *ap = bg_load_path(cp, ".align");
                bg_load_error(c, ap, _("align must be left, center, right or decimal, not '%s'"), s);
                free(ap);
            }
        }
        free(cp);
    }
    free(p);
}

static void S_load_header(bg_load_ctx *c, json_t *obj, const char *path, bg_table *t)
{
    json_t *header = json_object_get(obj, "header");
    size_t ncol = t->column_count;
    if (!header) {
        t->header_rows = 1;
        t->header = bg_xcalloc(ncol, sizeof *t->header);
        for (size_t i = 0; i < ncol; i++) {
            bg_cell *cell = &t->header[i];
            cell->colspan = cell->rowspan = 1;
            cell->kind = BG_CELL_TEXT;
            bg_span sp = {.kind = BG_SPAN_TEXT, .text = bg_xstrdup(t->columns[i].title)};
            bg_inline_add(&cell->text, sp);
        }
        return;
    }
    char *p = bg_load_path(path, ".header");
    if (!json_is_array(header) || json_array_size(header) == 0) {
        bg_load_error(c, p, _("'header' must be a non-empty array of rows"));
        free(p);
        return;
    }
    t->header_rows = json_array_size(header);
    t->header = bg_xcalloc(t->header_rows * ncol, sizeof *t->header);
    size_t r;
    json_t *row;
    json_array_foreach(header, r, row) {
        char *rp = bg_load_path(p, "[%zu]", r);
        bg_cell *cells;
        size_t n;
        S_read_row(c, row, rp, &cells, &n);
        S_place_row(c, t->header, t->header_rows, ncol, r, cells, n, rp);
        free(cells);
        free(rp);
    }
    free(p);
}

/* Body rows from a CSV file: the first line must repeat the column titles. */
static void S_load_csv(bg_load_ctx *c, json_t *rows, const char *path, bg_table *t, bg_cell **grid,
                       size_t *nrows)
{
    static const char *const keys[] = {"csv", NULL};
    bg_load_check_keys(c, rows, path, keys);
    const char *name = bg_load_string(c, rows, "csv", path, true);
    if (!name)
        return;
    bg_csv csv;
    char *csv_path = bg_load_path(path, ".csv");
    char *file = bg_load_resolve(c, name, csv_path);
    if (!file) {
        free(csv_path);
        return;
    }
    if (access(file, R_OK) != 0) {
        bg_load_error(c, csv_path, _("cannot read CSV file '%s': %s"), name, strerror(errno));
        free(csv_path);
        free(file);
        return;
    }
    if (bg_csv_read(file, &csv, c->diags) != 0) { /* reported with file:line */
        c->errors++;
        free(csv_path);
        free(file);
        return;
    }
    t->csv_file = file;
    size_t ncol = t->column_count;
    if (csv.row_count == 0) {
        bg_error(c->diags, (bg_loc){.file = file}, _("CSV file is empty (its first line must hold the column titles)"));
        c->errors++;
    } else if (csv.row_count - 1 > BG_MAX_ROWS) {
        bg_load_error(c, csv_path, _("CSV file '%s' has %zu rows, but a table has at most %d"), name,
                      csv.row_count - 1, BG_MAX_ROWS);
        bg_diag_hint(c->diags, _("a table this long is a data file, not a page of a report: print a summary "
                                 "and attach the data (--pdfa 3u attaches the report's files)"));
    } else {
        for (size_t k = 0; k < ncol && k < csv.rows[0].count; k++)
            if (strcmp(csv.rows[0].fields[k].text, t->columns[k].title) != 0) {
                bg_csv_field *f = &csv.rows[0].fields[k];
                bg_error(c->diags, (bg_loc){.file = file, .line = f->line, .col = f->col},
                         _("column title '%s' does not match the table's column '%s'"), f->text,
                         t->columns[k].title);
                c->errors++;
            }
        *nrows = csv.row_count - 1;
        *grid = bg_xcalloc((*nrows ? *nrows : 1) * ncol + ncol, sizeof **grid);
        for (size_t r = 1; r < csv.row_count; r++) {
            bg_csv_row *row = &csv.rows[r];
            if (row->count != ncol) {
                bg_error(c->diags, (bg_loc){.file = file, .line = row->line, .col = 1},
                         P_("row has %zu field, the table has %zu columns",
                            "row has %zu fields, the table has %zu columns", row->count),
                         row->count, ncol);
                if (row->count < ncol)
                    bg_diag_hint(c->diags, _("add the missing fields; a cell with no value is an empty "
                                             "field between two commas (,,)"));
                else
                    bg_diag_hint(c->diags, _("a comma inside a value needs the value in double quotes "
                                             "(\"1,236\"), or drop the thousands separator"));
                c->errors++;
            }
            for (size_t k = 0; k < ncol && k < row->count; k++) {
                bg_cell *cell = &(*grid)[(r - 1) * ncol + k];
                bg_csv_field *f = &row->fields[k];
                cell->colspan = cell->rowspan = 1;
                cell->line = f->line;
                cell->col = f->col;
                bg_column *column = &t->columns[k];
                bg_numfmt fmt;
                bool numeric = column->format && bg_numfmt_parse(column->format, &fmt);
                size_t n;
                const char *text = numeric ? S_trim(f->text, &n) : (n = strlen(f->text), f->text);
                double v;
                if (n == 0) {
                    cell->kind = BG_CELL_EMPTY;
                } else if (S_plain_number(text, n, numeric, &v)) {
                    cell->kind = BG_CELL_NUMBER;
                    cell->number = v;
                } else if (numeric) {
                    /* A number column holds numbers: what looks like one to a reader
                     * (1,236 or 40.2%) must not silently become text and drop out of a sum. */
                    char *advice = S_number_advice(f->text, &fmt, column->format, false);
                    bg_error(c->diags, (bg_loc){.file = file, .line = f->line, .col = f->col},
                             _("column '%s' has the number format '%s' but '%s' is not a number: %s"),
                             column->title, column->format, f->text, advice);
                    free(advice);
                    c->errors++;
                    cell->kind = BG_CELL_TEXT; /* not empty: refused */
                } else {
                    cell->kind = BG_CELL_TEXT;
                    c->errors += bg_inline_parse(f->text, 0,
                                                 (bg_loc){.file = file, .line = f->line, .col = f->col},
                                                 &cell->text, c->diags);
                }
            }
        }
    }
    bg_csv_free(&csv);
    free(csv_path);
}

static void S_load_body(bg_load_ctx *c, json_t *obj, const char *path, bg_table *t, bg_cell **grid,
                        size_t *nrows)
{
    json_t *rows = json_object_get(obj, "rows");
    char *p = bg_load_path(path, ".rows");
    size_t ncol = t->column_count;
    *grid = NULL;
    *nrows = 0;
    if (json_is_object(rows)) {
        S_load_csv(c, rows, p, t, grid, nrows);
    } else if (!json_is_array(rows)) {
        bg_load_error(c, p, rows ? _("'rows' must be an array of rows or {\"csv\": \"file.csv\"}")
                                 : _("missing required key 'rows'"));
    } else if (json_array_size(rows) > BG_MAX_ROWS) {
        bg_load_error(c, p, _("a table has at most %d rows, not %zu"), BG_MAX_ROWS, json_array_size(rows));
    } else {
        *nrows = json_array_size(rows);
        *grid = bg_xcalloc((*nrows ? *nrows : 1) * ncol + ncol, sizeof **grid);
        size_t r;
        json_t *row;
        json_array_foreach(rows, r, row) {
            char *rp = bg_load_path(p, "[%zu]", r);
            bg_cell *cells;
            size_t n;
            S_read_row(c, row, rp, &cells, &n);
            S_place_row(c, *grid, *nrows, ncol, r, cells, n, rp);
            free(cells);
            free(rp);
        }
    }
    if (*nrows == 0 && !c->errors)
        bg_load_error(c, p, _("a table needs at least one row"));
    free(p);
}

/* Tolerance for checking a given total: half a unit of the last printed decimal. */
static double S_tolerance(const bg_column *col)
{
    bg_numfmt f;
    if (col->format && bg_numfmt_parse(col->format, &f))
        return 0.5 * pow(10, -(f.decimals + (f.percent ? 2 : 0))) + 1e-9;
    return 1e-6;
}

static void S_load_total(bg_load_ctx *c, json_t *obj, const char *path, bg_table *t,
                         bg_cell *grid, size_t nrows)
{
    json_t *total = json_object_get(obj, "total");
    if (!total)
        return;
    char *p = bg_load_path(path, ".total");
    static const char *const keys[] = {"label", "span", "values", NULL};
    if (!json_is_object(total)) {
        bg_load_error(c, p, _("'total' must be an object with a \"label\""));
        free(p);
        return;
    }
    bg_load_check_keys(c, total, p, keys);
    const char *label = bg_load_string(c, total, "label", p, true);
    size_t ncol = t->column_count;
    int span = S_span(c, total, "span", p);
    if ((size_t)span >= ncol) {
        bg_load_error(c, p, _("'span' %d leaves no column to total"), span);
        free(p);
        return;
    }
    json_t *values = json_object_get(total, "values");
    size_t nvalues = ncol - (size_t)span;
    if (values && (!json_is_array(values) || json_array_size(values) != nvalues)) {
        char *vp = bg_load_path(p, ".values");
        bg_load_error(c, vp, _("'values' must be an array of %zu numbers (or null), one per "
                             "column after the label"), nvalues);
        free(vp);
        free(p);
        return;
    }
    bg_cell *row = &grid[nrows * ncol];
    row[0].kind = BG_CELL_TEXT;
    row[0].colspan = span;
    row[0].rowspan = 1;
    row[0].path = bg_xstrdup(p);
    bg_span sp = {.kind = BG_SPAN_TEXT, .style = 0, .text = bg_xstrdup(label ? label : "")};
    bg_inline_add(&row[0].text, sp);
    for (int k = 1; k < span; k++) {
        row[k].covered = true;
        row[k].colspan = row[k].rowspan = 1;
    }
    for (size_t k = (size_t)span; k < ncol; k++) {
        bg_cell *cell = &row[k];
        cell->colspan = cell->rowspan = 1;
        double sum = 0;
        bool numeric = false;
        for (size_t r = 0; r < nrows; r++) {
            bg_cell *b = &grid[r * ncol + k];
            if (b->kind == BG_CELL_NUMBER) {
                sum += b->number;
                numeric = true;
            }
        }
        json_t *given = values ? json_array_get(values, k - (size_t)span) : NULL;
        char *vp = bg_load_path(p, ".values[%zu]", k - (size_t)span);
        cell->path = bg_xstrdup(values ? vp : p);
        if (given && !json_is_null(given)) {
            if (!json_is_number(given)) {
                bg_load_error(c, vp, _("a total must be a number or null"));
            } else {
                double v = json_number_value(given);
                cell->kind = BG_CELL_NUMBER;
                cell->number = v;
                if (!numeric || fabs(v - sum) > S_tolerance(&t->columns[k])) {
                    char *sum_text = bg_numfmt_plain(sum, NULL);
                    char *v_text = bg_numfmt_plain(v, NULL);
                    bg_load_error(c, vp, _("total of column '%s' is %s but its rows add up to %s"),
                                  t->columns[k].title, v_text, sum_text);
                    bg_diag_hint(c->diags, _("correct the total, or the row that is wrong (without "
                                             "\"values\" the total is computed from the rows)"));
                    free(sum_text);
                    free(v_text);
                }
            }
        } else if (!values && numeric) {
            bg_numfmt f;
            bool percent = t->columns[k].format && bg_numfmt_parse(t->columns[k].format, &f) && f.percent;
            if (!percent) {
                cell->kind = BG_CELL_NUMBER;
                cell->number = sum;
            }
        }
        free(vp);
    }
    t->has_total = true;
    free(p);
}

/* One warning per number column with empty cells: they print blank and are left out of
 * the total, which is what a blank in a spreadsheet means, but a forgotten value looks
 * the same (docs/format.md, "Empty cells"). */
static void S_warn_empty(bg_load_ctx *c, const bg_table *t)
{
    size_t ncol = t->column_count;
    size_t rows = t->body_rows - (t->has_total ? 1 : 0);
    for (size_t k = 0; k < ncol; k++) {
        const bg_column *col = &t->columns[k];
        if (!col->format)
            continue;
        const bg_cell *first = NULL;
        size_t count = 0;
        for (size_t r = 0; r < rows; r++) {
            const bg_cell *cell = &t->body[r * ncol + k];
            bool missing = !cell->path && !cell->line; /* a short CSV row: already an error */
            if (cell->kind == BG_CELL_EMPTY && !cell->covered && !missing && count++ == 0)
                first = cell;
        }
        if (!count)
            continue;
        bg_loc loc = first->path ? bg_load_loc(c, first->path)
                                 : (bg_loc){.file = t->csv_file, .line = first->line, .col = first->col};
        bg_warning(c->diags, loc,
                   P_("column '%s' has %zu empty cell: it prints blank and is left out of the total",
                      "column '%s' has %zu empty cells (this is the first): they print blank and are "
                      "left out of the total", count),
                   col->title, count);
        bg_diag_hint(c->diags, _("write 0 where the value is zero"));
    }
}

/* Gives every number cell its printed text, and checks numbers against formats. */
static void S_format_cells(bg_load_ctx *c, bg_table *t)
{
    size_t ncol = t->column_count;
    S_warn_empty(c, t);
    for (size_t r = 0; r < t->body_rows; r++)
        for (size_t k = 0; k < ncol; k++) {
            bg_cell *cell = &t->body[r * ncol + k];
            bg_column *col = &t->columns[k];
            bool total_label = t->has_total && r + 1 == t->body_rows && k == 0;
            if (cell->kind == BG_CELL_TEXT && col->format && !t->csv_file && !total_label) {
                bg_numfmt fmt;
                bg_numfmt_parse(col->format, &fmt);
                char *text = bg_inline_plain(&cell->text);
                char *advice = S_number_advice(text, &fmt, col->format, true);
                bg_load_error(c, cell->path, _("column '%s' has the number format '%s' but \"%s\" is "
                                             "a string, not a JSON number: %s"),
                              col->title, col->format, text, advice);
                free(advice);
                free(text);
            }
            if (cell->kind != BG_CELL_NUMBER)
                continue;
            bg_numfmt f;
            if (col->format && bg_numfmt_parse(col->format, &f) && !bg_numfmt_fits(&f, cell->number)) {
                const char *msg = _("%g cannot be printed in the format '%s' of column '%s' "
                                    "(at most 15 significant digits)");
                if (cell->path) {
                    bg_load_error(c, cell->path, msg, cell->number, col->format, col->title);
                } else { /* a CSV cell */
                    bg_error(c->diags, (bg_loc){.file = t->csv_file, .line = cell->line, .col = cell->col}, msg,
                             cell->number, col->format, col->title);
                    c->errors++;
                }
                continue;
            }
            char *s = col->format && bg_numfmt_parse(col->format, &f)
                          ? bg_numfmt_format(&f, cell->number, col->unit)
                          : bg_numfmt_plain(cell->number, col->unit);
            bg_span sp = {.kind = BG_SPAN_TEXT, .text = s};
            bg_inline_add(&cell->text, sp);
        }
}

void bg_load_table(bg_load_ctx *c, json_t *obj, const char *path, bg_node *n)
{
    static const char *const keys[] = {"type", "id", "caption", "columns", "header",
                                       "rows", "total", "note", NULL};
    bg_load_check_keys(c, obj, path, keys);
    const char *id = bg_load_string(c, obj, "id", path, false);
    if (id)
        n->id = bg_xstrdup(id);
    json_t *caption = json_object_get(obj, "caption");
    char *cp = bg_load_path(path, ".caption");
    if (!caption)
        bg_load_error(c, cp, _("missing required key 'caption'"));
    else
        bg_load_inline(c, caption, cp, &n->title);
    free(cp);
    bg_table *t = &n->u.table;
    int before = c->errors;
    S_load_columns(c, obj, path, t);
    if (t->column_count == 0 || c->errors > before)
        return;
    S_load_header(c, obj, path, t);
    bg_cell *grid;
    size_t nrows;
    S_load_body(c, obj, path, t, &grid, &nrows);
    if (!grid)
        return;
    S_load_total(c, obj, path, t, grid, nrows);
    t->body = grid;
    t->body_rows = nrows + (t->has_total ? 1 : 0);
    S_format_cells(c, t);
    json_t *note = json_object_get(obj, "note");
    if (note) {
        char *np = bg_load_path(path, ".note");
        bg_load_inline(c, note, np, &t->note);
        free(np);
    }
}
