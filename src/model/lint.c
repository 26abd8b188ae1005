/* lint.c: `check`'s warnings about numbers written twice (see lint.h). A number typed into
 * a sentence or a chart that a table of the report also holds goes stale when the table
 * is corrected; these warnings point at each copy and say how to bind it instead.
 *
 * One pass collects the numbers of every table (its formatted columns after the first, as
 * printed, without thousands separators or unit) into a hash table; a second
 * pass looks up every number token of the text and every value of a chart's own series.
 * Both are linear in the size of the report. The second pass also catches a unit typed
 * again after a reference that prints it (232 人 人). */
#include "lint.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where a number is printed in a table. */
typedef struct cell_ref {
    char *key; /* the printed number, normalised (owned) */
    double number;
    const bg_node *table;
    size_t row, col;
} cell_ref;

typedef struct lint {
    const bg_document *doc;
    bg_diags *diags;
    cell_ref *cells;
    size_t count, cap;
    size_t *slots; /* open addressing over cells (index + 1), by key */
    size_t slot_cap;
} lint;

static uint64_t S_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* s without thousands separators and without a trailing " unit"; malloc'd. */
static char *S_normalise(const char *s, const char *unit)
{
    size_t n = strlen(s);
    if (unit && *unit) {
        size_t u = strlen(unit);
        if (n > u && strcmp(s + n - u, unit) == 0) {
            n -= u;
            while (n > 0 && s[n - 1] == ' ')
                n--;
        }
    }
    bg_buf b;
    bg_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        if (s[i] != ',')
            bg_buf_putc(&b, s[i]);
    return bg_buf_take(&b);
}

static const cell_ref *S_lookup(const lint *l, const char *key)
{
    if (!l->slot_cap)
        return NULL;
    for (size_t h = S_hash(key) & (l->slot_cap - 1); l->slots[h]; h = (h + 1) & (l->slot_cap - 1))
        if (strcmp(l->cells[l->slots[h] - 1].key, key) == 0)
            return &l->cells[l->slots[h] - 1];
    return NULL;
}

static void S_rehash(lint *l)
{
    free(l->slots);
    l->slot_cap = l->slot_cap ? l->slot_cap * 2 : 256;
    l->slots = bg_xcalloc(l->slot_cap, sizeof *l->slots);
    for (size_t i = 0; i < l->count; i++) {
        size_t h = S_hash(l->cells[i].key) & (l->slot_cap - 1);
        while (l->slots[h])
            h = (h + 1) & (l->slot_cap - 1);
        l->slots[h] = i + 1;
    }
}

/* A number worth binding: three digits or more, and not a year (1900–2100). */
static bool S_worth(const char *key)
{
    size_t digits = 0;
    for (const char *c = key; *c; c++)
        digits += *c >= '0' && *c <= '9';
    if (digits < 3)
        return false;
    char *end;
    long v = strtol(key, &end, 10);
    return !(*end == '\0' && v >= 1900 && v <= 2100);
}

static void S_collect_table(lint *l, const bg_node *t)
{
    const bg_table *tab = &t->u.table;
    size_t rows = tab->body_rows - (tab->has_total ? 1 : 0);
    for (size_t c = 1; c < tab->column_count; c++) {
        if (!tab->columns[c].format)
            continue;
        for (size_t r = 0; r < rows; r++) {
            const bg_cell *cell = &tab->body[r * tab->column_count + c];
            if (cell->kind != BG_CELL_NUMBER || cell->covered)
                continue;
            char *plain = bg_inline_plain(&cell->text);
            char *key = S_normalise(plain, tab->columns[c].unit);
            free(plain);
            if (!S_worth(key) || S_lookup(l, key)) {
                free(key);
                continue;
            }
            BG_GROW(l->cells, l->cap, l->count + 1);
            l->cells[l->count++] = (cell_ref){key, cell->number, t, r, c};
            if (2 * l->count > l->slot_cap)
                S_rehash(l);
            else {
                size_t h = S_hash(key) & (l->slot_cap - 1);
                while (l->slots[h])
                    h = (h + 1) & (l->slot_cap - 1);
                l->slots[h] = l->count;
            }
        }
    }
}

static void S_collect(lint *l, const bg_node *n)
{
    for (; n; n = n->next) {
        if (n->type == BG_NODE_TABLE)
            S_collect_table(l, n);
        S_collect(l, n->first_child);
    }
}

/* The warning for a number that a table cell also prints. */
static void S_warn_cell(lint *l, const char *path, const char *token, const cell_ref *ref)
{
    const bg_table *tab = &ref->table->u.table;
    char *row = bg_inline_plain(&tab->body[ref->row * tab->column_count].text);
    const char *col = tab->columns[ref->col].title ? tab->columns[ref->col].title : "";
    const char *id = ref->table->id;
    bg_warning(l->diags, bg_document_loc(l->doc, path),
               _("%s is written here and also in 表 %d (%s, %s): a correction of the table will not "
                 "reach this copy"), token, ref->table->number, row, col);
    if (id)
        bg_diag_hint(l->diags, _("write [@%s:%s:%s] instead, which prints the cell as the table does"),
                     id, row, col);
    else
        bg_diag_hint(l->diags, _("give the table an id (\"id\": \"t-name\") and write [@t-name:%s:%s] "
                                 "instead, which prints the cell as the table does"), row, col);
    free(row);
}

/* The number tokens of a text: ASCII digits with ',' groups, a '.' and a trailing '%'. */
static void S_scan_text(lint *l, const char *text, const char *path)
{
    const char *s = text;
    while (*s) {
        bool starts = *s >= '0' && *s <= '9' && (s == text || !((s[-1] >= '0' && s[-1] <= '9') || s[-1] == '.'));
        if (!starts) {
            s++;
            continue;
        }
        const char *e = s;
        while ((*e >= '0' && *e <= '9') || ((*e == ',' || *e == '.') && e[1] >= '0' && e[1] <= '9'))
            e++;
        if (*e == '%')
            e++;
        char *token = bg_xstrndup(s, (size_t)(e - s));
        char *key = S_normalise(token, NULL);
        const cell_ref *ref = S_worth(key) ? S_lookup(l, key) : NULL;
        if (ref)
            S_warn_cell(l, path, token, ref);
        free(key);
        free(token);
        s = e;
    }
}

/* A unit typed again after a reference that prints it: "[@t:合计:学生数] 人" with a column
 * whose unit is 人 reads "232 人 人". The unit is what the printed number ends in after
 * its last digit or '%'. */
static void S_check_unit(lint *l, const bg_span *bound, const bg_span *next)
{
    const char *t = bound->text, *u = NULL;
    for (const char *p = t; *p; p++)
        if ((*p >= '0' && *p <= '9') || *p == '%')
            u = p + 1;
    if (!u)
        return;
    while (*u == ' ')
        u++;
    const char *after = next->text;
    while (*after == ' ')
        after++;
    size_t n = strlen(u);
    if (n == 0 || strncmp(after, u, n) != 0)
        return;
    bg_warning(l->diags, bg_document_loc(l->doc, next->path),
               _("'%s' follows a reference that prints it already (%s): the text reads %s %s"), u, t, t, u);
    bg_diag_hint(l->diags, _("delete the '%s' typed after the reference"), u);
}

static void S_scan_inline(lint *l, const bg_inline *in)
{
    for (size_t i = 0; i < in->count; i++) {
        const bg_span *sp = &in->spans[i];
        if (sp->kind == BG_SPAN_TEXT && sp->text && sp->path && !sp->bound)
            S_scan_text(l, sp->text, sp->path);
        else if (sp->kind == BG_SPAN_FOOTNOTE)
            S_scan_inline(l, sp->note);
        if (sp->kind == BG_SPAN_TEXT && sp->bound && sp->text && i + 1 < in->count) {
            const bg_span *next = &in->spans[i + 1];
            if (next->kind == BG_SPAN_TEXT && !next->bound && next->text && next->path)
                S_check_unit(l, sp, next);
        }
    }
}

/* A chart with numbers of its own whose every value a table of the report holds (a table
 * with an id, which the chart can name). */
static void S_scan_chart(lint *l, const bg_node *fig)
{
    const bg_chart *ch = fig->u.figure.chart;
    if (!ch || ch->table_id)
        return;
    for (size_t s = 0; s < ch->series_count; s++) {
        const bg_series *se = &ch->series[s];
        const bg_node *table = NULL;
        size_t found = 0;
        for (size_t i = 0; i < se->count; i++) {
            char *text = bg_strprintf("%.15g", se->values[i]);
            const cell_ref *ref = S_worth(text) ? S_lookup(l, text) : NULL;
            free(text);
            if (ref && ref->table->id && (!table || table == ref->table)) {
                table = ref->table;
                found++;
            }
        }
        if (table && found >= 2 && found == se->count) {
            char *path = bg_strprintf("%s.chart.series[%zu].values", fig->path, s);
            bg_warning(l->diags, bg_document_loc(l->doc, path),
                       _("this chart repeats numbers of table '%s': a correction of the table will "
                         "not reach the chart"), table->id);
            bg_diag_hint(l->diags, _("draw it from the table: \"table\": \"%s\" with \"label_column\" and "
                                     "\"value_columns\" instead of \"labels\" and \"series\""), table->id);
            free(path);
        }
    }
}

static void S_scan(lint *l, const bg_node *n)
{
    for (; n; n = n->next) {
        if (n->type == BG_NODE_PARAGRAPH)
            S_scan_inline(l, &n->u.text);
        else if (n->type == BG_NODE_LIST)
            for (size_t i = 0; i < n->u.list.count; i++)
                S_scan_inline(l, &n->u.list.items[i]);
        else if (n->type == BG_NODE_FIGURE)
            S_scan_chart(l, n);
        S_scan(l, n->first_child);
    }
}

void bg_model_lint(const bg_document *doc, bg_diags *diags)
{
    lint l = {.doc = doc, .diags = diags};
    S_collect(&l, doc->root->first_child);
    S_scan(&l, doc->root->first_child); /* units typed twice also without tables */
    for (size_t i = 0; i < l.count; i++)
        free(l.cells[i].key);
    free(l.cells);
    free(l.slots);
}
