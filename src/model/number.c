/* number.c: numbering, ids, references and table-fed charts (see number.h). */
#include "number.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../base/suggest.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct id_entry {
    const char *id;
    bg_node *node;
} id_entry;

typedef struct numberer {
    bg_document *doc;
    bg_diags *diags;
    id_entry *ids; /* in document order, for the unreferenced-id warnings */
    size_t id_count, id_cap;
    size_t *slots; /* open-addressed hash index into ids (index + 1; 0 empty) */
    size_t slot_cap; /* a power of two, at least twice id_count */
    int section[8];
} numberer;

static bg_loc S_loc(numberer *n, const char *path)
{
    bg_loc loc = {.file = n->doc->file, .path = path};
    bg_document_locate(n->doc, path, &loc.line, &loc.col);
    return loc;
}

static size_t S_hash(const char *id)
{
    size_t h = 14695981039346656037u; /* FNV-1a */
    for (const unsigned char *c = (const unsigned char *)id; *c; c++)
        h = (h ^ *c) * 1099511628211u;
    return h;
}

/* Ids are looked up by hash, so numbering and references stay linear in the number of
 * blocks (a linear search made `check` quadratic: issue 14). */
static bg_node *S_find(numberer *n, const char *id)
{
    if (!n->slot_cap)
        return NULL;
    for (size_t h = S_hash(id) & (n->slot_cap - 1); n->slots[h]; h = (h + 1) & (n->slot_cap - 1))
        if (strcmp(n->ids[n->slots[h] - 1].id, id) == 0)
            return n->ids[n->slots[h] - 1].node;
    return NULL;
}

static void S_slot(numberer *n, size_t index)
{
    size_t h = S_hash(n->ids[index].id) & (n->slot_cap - 1);
    while (n->slots[h])
        h = (h + 1) & (n->slot_cap - 1);
    n->slots[h] = index + 1;
}

static void S_add_id(numberer *n, const char *id, bg_node *node)
{
    BG_GROW(n->ids, n->id_cap, n->id_count + 1);
    n->ids[n->id_count++] = (id_entry){id, node};
    if (2 * n->id_count > n->slot_cap) {
        free(n->slots);
        n->slot_cap = n->slot_cap ? 2 * n->slot_cap : 64;
        n->slots = bg_xcalloc(n->slot_cap, sizeof *n->slots);
        for (size_t i = 0; i < n->id_count; i++)
            S_slot(n, i);
    } else {
        S_slot(n, n->id_count - 1);
    }
}

/* Footnotes inside an inline, in order. */
static void S_number_inline(numberer *n, bg_inline *in)
{
    for (size_t i = 0; i < in->count; i++) {
        bg_span *s = &in->spans[i];
        if (s->kind == BG_SPAN_FOOTNOTE) {
            s->number = ++n->doc->footnote_count;
            S_number_inline(n, s->note);
        }
    }
}

static void S_number_node(numberer *n, bg_node *node)
{
    switch (node->type) {
    case BG_NODE_SECTION:
        n->section[node->level - 1]++;
        for (int l = node->level; l < 8; l++)
            n->section[l] = 0;
        memcpy(node->numbers, n->section, sizeof node->numbers);
        node->number = n->section[node->level - 1];
        break;
    case BG_NODE_TABLE:
        node->number = ++n->doc->table_count;
        break;
    case BG_NODE_FIGURE:
        node->number = ++n->doc->figure_count;
        break;
    case BG_NODE_CASE:
        node->number = ++n->doc->case_count;
        break;
    default:
        break;
    }
    if (node->id) {
        bg_node *other = S_find(n, node->id);
        const bg_value *value = bg_document_value(n->doc, node->id);
        if (value) {
            char *idpath = bg_strprintf("%s.id", node->path);
            bg_error(n->diags, S_loc(n, idpath), _("id '%s' is also the name of a value (%s); "
                                                   "[@%s] must mean one thing"), node->id, value->path, node->id);
            free(idpath);
        } else if (other) {
            char *idpath = bg_strprintf("%s.id", node->path);
            int line = 0, col = 0;
            bg_document_locate(n->doc, other->path, &line, &col);
            bg_error(n->diags, S_loc(n, idpath), _("duplicate id '%s' (first used at %s)"), node->id,
                     other->path);
            bg_diag_hint(n->diags, _("ids name one block each: rename this one (the first is at line %d), "
                                     "and check which one the [@%s] references mean"), line, node->id);
            free(idpath);
        } else {
            S_add_id(n, node->id, node);
        }
    }
    S_number_inline(n, &node->title);
    if (node->type == BG_NODE_PARAGRAPH)
        S_number_inline(n, &node->u.text);
    if (node->type == BG_NODE_LIST)
        for (size_t i = 0; i < node->u.list.count; i++)
            S_number_inline(n, &node->u.list.items[i]);
    if (node->type == BG_NODE_TABLE) {
        bg_table *t = &node->u.table;
        for (size_t i = 0; i < t->header_rows * t->column_count; i++)
            S_number_inline(n, &t->header[i].text);
        for (size_t i = 0; i < t->body_rows * t->column_count; i++)
            S_number_inline(n, &t->body[i].text);
        S_number_inline(n, &t->note);
    }
    for (bg_node *c = node->first_child; c; c = c->next)
        S_number_node(n, c);
}

/* The report's id closest to a mistyped one, or NULL. */
static const char *S_nearest_id(const numberer *n, const char *id)
{
    const bg_document *doc = n->doc;
    const char **ids = bg_xcalloc(n->id_count + doc->value_count + 1, sizeof *ids);
    for (size_t i = 0; i < n->id_count; i++)
        ids[i] = n->ids[i].id;
    for (size_t i = 0; i < doc->value_count; i++) /* [@name] may mean a named value */
        ids[n->id_count + i] = doc->values[i].name;
    const char *near = bg_suggest(id, ids, n->id_count + doc->value_count);
    free(ids);
    return near;
}

/* A reference that prints a number becomes the number's text: the span is a plain text
 * span from here on, so a corrected value prints wherever it is referred to. */
static void S_bind(bg_span *s, const char *text)
{
    free(s->target);
    free(s->cell);
    s->target = s->cell = NULL;
    s->kind = BG_SPAN_TEXT;
    s->text = bg_xstrdup(text);
    s->bound = true;
}

/* The column of t named by key: its title, else its index (0 for the first column, as in
 * a chart's value_columns); -1 when none. */
static long S_column(const bg_table *t, const char *key)
{
    for (size_t c = 0; c < t->column_count; c++)
        if (t->columns[c].title && strcmp(t->columns[c].title, key) == 0)
            return (long)c;
    char *end;
    long c = strtol(key, &end, 10);
    return *key && !*end && c >= 0 && (size_t)c < t->column_count ? c : -1;
}

/* The body row of t whose first cell reads key (its text, or its number), or -1. */
static long S_row(const bg_table *t, const char *key)
{
    char *end;
    double number = strtod(key, &end);
    bool numeric = *key && !*end;
    for (size_t r = 0; r < t->body_rows; r++) {
        const bg_cell *first = &t->body[r * t->column_count];
        if (first->kind == BG_CELL_NUMBER && numeric && first->number == number)
            return (long)r;
        char *text = bg_inline_plain(&first->text);
        bool same = strcmp(text, key) == 0;
        free(text);
        if (same)
            return (long)r;
    }
    return -1;
}

/* [@table:row:column]: the cell's text as the table prints it (its column's format and
 * unit). The row is the last colon's left side, so a row key may hold a colon. */
static void S_resolve_cell(numberer *n, bg_span *s)
{
    bg_node *t = S_find(n, s->target);
    if (!t || t->type != BG_NODE_TABLE) {
        const char *near = t ? NULL : S_nearest_id(n, s->target);
        if (near)
            bg_error(n->diags, S_loc(n, s->path), _("reference to a cell of unknown table '%s'; did you mean '%s'?"),
                     s->target, near);
        else
            bg_error(n->diags, S_loc(n, s->path), t ? _("'%s' is not a table; [@id:row:column] refers to a table cell")
                                                  : _("reference to a cell of unknown table '%s'"), s->target);
        return;
    }
    const bg_table *tab = &t->u.table;
    char *colon = strrchr(s->cell, ':');
    char *row_key = bg_xstrndup(s->cell, (size_t)(colon - s->cell));
    const char *col_key = colon + 1;
    long col = S_column(tab, col_key), row = S_row(tab, row_key);
    if (col < 0) {
        const char **titles = bg_xcalloc(tab->column_count + 1, sizeof *titles);
        for (size_t c = 0; c < tab->column_count; c++)
            titles[c] = tab->columns[c].title ? tab->columns[c].title : "";
        const char *near = bg_suggest(col_key, titles, tab->column_count);
        if (near)
            bg_error(n->diags, S_loc(n, s->path), _("table '%s' has no column '%s'; did you mean '%s'?"),
                     s->target, col_key, near);
        else
            bg_error(n->diags, S_loc(n, s->path), _("table '%s' has no column '%s' (name a column by its "
                                                    "title, or by its index from 0)"), s->target, col_key);
        free(titles);
    } else if (row < 0) {
        char **keys = bg_xcalloc(tab->body_rows + 1, sizeof *keys);
        for (size_t r = 0; r < tab->body_rows; r++)
            keys[r] = bg_inline_plain(&tab->body[r * tab->column_count].text);
        char *end;
        (void)strtod(row_key, &end);
        bool numeric = *row_key && !*end; /* 2023 for 2021 is no typo: no suggestion */
        const char *near = numeric ? NULL : bg_suggest(row_key, (const char *const *)keys, tab->body_rows);
        if (near)
            bg_error(n->diags, S_loc(n, s->path), _("table '%s' has no row '%s'; did you mean '%s'?"), s->target,
                     row_key, near);
        else
            bg_error(n->diags, S_loc(n, s->path), _("table '%s' has no row '%s' (a row is named by its first "
                                                    "cell, such as '%s')"), s->target, row_key,
                     tab->body_rows ? keys[0] : "");
        for (size_t r = 0; r < tab->body_rows; r++)
            free(keys[r]);
        free(keys);
    } else {
        const bg_cell *cell = &tab->body[(size_t)row * tab->column_count + (size_t)col];
        if (cell->covered || cell->kind == BG_CELL_EMPTY) {
            bg_error(n->diags, S_loc(n, s->path), _("the cell (%s, %s) of table '%s' is empty"), row_key,
                     col_key, s->target);
        } else {
            char *text = bg_inline_plain(&cell->text);
            S_bind(s, text);
            free(text);
            t->referenced = true;
        }
    }
    free(row_key);
}

static void S_resolve_inline(numberer *n, bg_inline *in)
{
    for (size_t i = 0; i < in->count; i++) {
        bg_span *s = &in->spans[i];
        if (s->kind == BG_SPAN_FOOTNOTE)
            S_resolve_inline(n, s->note);
        if (s->kind != BG_SPAN_REF)
            continue;
        if (s->cell) {
            S_resolve_cell(n, s);
            continue;
        }
        bg_value *value = bg_document_value(n->doc, s->target);
        if (value) {
            value->referenced = true;
            S_bind(s, value->text);
            continue;
        }
        bg_node *target = S_find(n, s->target);
        if (!target) {
            const char *near = S_nearest_id(n, s->target);
            if (near)
                bg_error(n->diags, S_loc(n, s->path), _("reference to unknown id '%s'; did you mean '%s'?"),
                         s->target, near);
            else
                bg_error(n->diags, S_loc(n, s->path), _("reference to unknown id '%s'"), s->target);
        } else if (target->type != BG_NODE_SECTION && target->type != BG_NODE_TABLE &&
                   target->type != BG_NODE_FIGURE && target->type != BG_NODE_CASE) {
            bg_error(n->diags, S_loc(n, s->path),
                     _("'%s' is a %s; references point at sections, tables, figures and cases"),
                     s->target, bg_node_type_name(target->type));
        } else {
            s->resolved = target;
            target->referenced = true;
        }
    }
}

static void S_resolve_chart(numberer *n, bg_node *fig)
{
    bg_chart *ch = fig->u.figure.chart;
    if (!ch || !ch->table_id)
        return;
    char *path = bg_strprintf("%s.chart.table", fig->path);
    bg_node *t = S_find(n, ch->table_id);
    if (!t || t->type != BG_NODE_TABLE) {
        const char *near = t ? NULL : S_nearest_id(n, ch->table_id);
        if (near)
            bg_error(n->diags, S_loc(n, path), _("chart refers to unknown table '%s'; did you mean '%s'?"),
                     ch->table_id, near);
        else
            bg_error(n->diags, S_loc(n, path), t ? _("'%s' is not a table") : _("chart refers to unknown table '%s'"),
                     ch->table_id);
        free(path);
        return;
    }
    t->referenced = true;
    bg_table *tab = &t->u.table;
    size_t ncol = tab->column_count;
    size_t rows = tab->body_rows - (tab->has_total ? 1 : 0);
    /* Each index out of range at its own key, with the columns it could name. */
    bool ok = true;
    for (size_t i = 0; i <= ch->value_column_count; i++) {
        int col = i == 0 ? ch->label_column : ch->value_columns[i - 1];
        if (col >= 0 && (size_t)col < ncol)
            continue;
        ok = false;
        bg_buf names;
        bg_buf_init(&names);
        for (size_t c = 0; c < ncol; c++)
            bg_buf_printf(&names, "%s%zu %s", c ? ", " : "", c, tab->columns[c].title ? tab->columns[c].title : "");
        char *key = i == 0 ? bg_strprintf("%s.chart.label_column", fig->path)
                           : bg_strprintf("%s.chart.value_columns[%zu]", fig->path, i - 1);
        bg_error(n->diags, S_loc(n, key),
                 _("chart column %d is out of range: table '%s' has columns 0 to %zu (%s)"), col, ch->table_id,
                 ncol - 1, names.data ? names.data : "");
        free(key);
        bg_buf_free(&names);
    }
    if (!ok) {
        free(path);
        return;
    }
    ch->label_count = rows;
    ch->labels = bg_xcalloc(rows ? rows : 1, sizeof *ch->labels);
    for (size_t r = 0; r < rows; r++)
        ch->labels[r] = bg_inline_plain(&tab->body[r * ncol + (size_t)ch->label_column].text);
    ch->series_count = ch->value_column_count;
    ch->series = bg_xcalloc(ch->series_count, sizeof *ch->series);
    for (size_t i = 0; i < ch->series_count; i++) {
        size_t col = (size_t)ch->value_columns[i];
        ch->series[i].name = bg_xstrdup(tab->columns[col].title);
        if (tab->columns[col].format) /* values print as the table prints them: 99.54% */
            ch->series[i].format = bg_xstrdup(tab->columns[col].format);
        ch->series[i].count = rows;
        ch->series[i].values = bg_xcalloc(rows ? rows : 1, sizeof(double));
        for (size_t r = 0; r < rows; r++) {
            bg_cell *cell = &tab->body[r * ncol + col];
            if (cell->kind != BG_CELL_NUMBER)
                bg_error(n->diags, S_loc(n, path), _("column %zu of table '%s' holds a non-number "
                                                   "in row %zu"), col, ch->table_id, r + 1);
            ch->series[i].values[r] = cell->number;
        }
    }
    free(path);
}

static void S_resolve_node(numberer *n, bg_node *node)
{
    S_resolve_inline(n, &node->title);
    if (node->type == BG_NODE_PARAGRAPH)
        S_resolve_inline(n, &node->u.text);
    if (node->type == BG_NODE_LIST)
        for (size_t i = 0; i < node->u.list.count; i++)
            S_resolve_inline(n, &node->u.list.items[i]);
    if (node->type == BG_NODE_TABLE) {
        bg_table *t = &node->u.table;
        for (size_t i = 0; i < t->body_rows * t->column_count; i++)
            S_resolve_inline(n, &t->body[i].text);
        S_resolve_inline(n, &t->note);
    }
    if (node->type == BG_NODE_FIGURE)
        S_resolve_chart(n, node);
    for (bg_node *c = node->first_child; c; c = c->next)
        S_resolve_node(n, c);
}

void bg_model_number(bg_document *doc, bg_diags *diags)
{
    numberer n = {.doc = doc, .diags = diags};
    for (bg_node *c = doc->root->first_child; c; c = c->next)
        S_number_node(&n, c);
    for (bg_node *c = doc->root->first_child; c; c = c->next)
        S_resolve_node(&n, c);
    /* An unreferenced table, figure or case id is likely a forgotten [@id]; a section's
     * id is often only a name for the data (or a future link), not worth a warning. */
    for (size_t i = 0; i < n.id_count; i++)
        if (!n.ids[i].node->referenced && n.ids[i].node->type != BG_NODE_SECTION) {
            char *idpath = bg_strprintf("%s.id", n.ids[i].node->path);
            bg_warning(diags, S_loc(&n, idpath), _("id '%s' is never referenced"), n.ids[i].id);
            bg_diag_hint(diags, _("refer to it in the text with [@%s] (printed as its number), or "
                                  "remove the id"), n.ids[i].id);
            free(idpath);
        }
    for (size_t i = 0; i < doc->value_count; i++)
        if (!doc->values[i].referenced)
            bg_warning(diags, S_loc(&n, doc->values[i].path), _("value '%s' is never used"), doc->values[i].name);
    free(n.ids);
    free(n.slots);
}
