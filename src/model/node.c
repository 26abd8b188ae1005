/* node.c: creating, linking and freeing document tree nodes (see node.h). */
#include "node.h"
#include "jsonpos.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

bg_node *bg_node_new(bg_node_type type, const char *path)
{
    bg_node *n = bg_xcalloc(1, sizeof *n);
    n->type = type;
    n->path = bg_xstrdup(path);
    return n;
}

void bg_node_append(bg_node *parent, bg_node *child)
{
    child->parent = parent;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

void bg_inline_add(bg_inline *in, bg_span span)
{
    BG_GROW(in->spans, in->cap, in->count + 1);
    in->spans[in->count++] = span;
}

void bg_inline_free(bg_inline *in)
{
    for (size_t i = 0; i < in->count; i++) {
        bg_span *s = &in->spans[i];
        free(s->text);
        free(s->target);
        free(s->cell);
        free(s->path);
        if (s->note) {
            bg_inline_free(s->note);
            free(s->note);
        }
    }
    free(in->spans);
    memset(in, 0, sizeof *in);
}

char *bg_inline_plain(const bg_inline *in)
{
    bg_buf b;
    bg_buf_init(&b);
    for (size_t i = 0; i < in->count; i++)
        if (in->spans[i].kind == BG_SPAN_TEXT)
            bg_buf_puts(&b, in->spans[i].text);
    return bg_buf_take(&b);
}

static void S_cells_free(bg_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bg_inline_free(&cells[i].text);
        free(cells[i].path);
    }
    free(cells);
}

static void S_chart_free(bg_chart *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->label_count; i++)
        free(c->labels[i]);
    free(c->labels);
    for (size_t i = 0; i < c->series_count; i++) {
        free(c->series[i].name);
        free(c->series[i].values);
        free(c->series[i].format);
    }
    free(c->series);
    free(c->unit);
    free(c->table_id);
    free(c->value_columns);
    free(c);
}

static void S_node_free(bg_node *n)
{
    bg_node *child = n->first_child;
    while (child) {
        bg_node *next = child->next;
        S_node_free(child);
        child = next;
    }
    free(n->path);
    free(n->id);
    bg_inline_free(&n->title);
    switch (n->type) {
    case BG_NODE_PARAGRAPH:
        bg_inline_free(&n->u.text);
        break;
    case BG_NODE_TABLE: {
        bg_table *t = &n->u.table;
        for (size_t i = 0; i < t->column_count; i++) {
            free(t->columns[i].title);
            free(t->columns[i].format);
            free(t->columns[i].unit);
        }
        free(t->columns);
        S_cells_free(t->header, t->header_rows * t->column_count);
        S_cells_free(t->body, t->body_rows * t->column_count);
        free(t->csv_file);
        bg_inline_free(&t->note);
        break;
    }
    case BG_NODE_FIGURE:
        free(n->u.figure.image);
        free(n->u.figure.image_src);
        free(n->u.figure.alt);
        S_chart_free(n->u.figure.chart);
        break;
    case BG_NODE_LIST:
        for (size_t i = 0; i < n->u.list.count; i++)
            bg_inline_free(&n->u.list.items[i]);
        free(n->u.list.items);
        break;
    default:
        break;
    }
    free(n);
}

void bg_document_free(bg_document *doc)
{
    if (!doc)
        return;
    bg_image_waits_free(doc->image_waits); /* joins the threads reading the figures' files */
    if (doc->root)
        S_node_free(doc->root);
    bg_meta *m = &doc->meta;
    free(m->title);
    for (size_t i = 0; i < m->title_line_count; i++)
        free(m->title_lines[i]);
    free(m->title_lines);
    free(m->subtitle);
    free(m->issuer);
    free(m->date);
    free(m->language);
    free(m->subject);
    free(m->keywords);
    free(doc->file);
    free(doc->dir);
    for (size_t i = 0; i < doc->value_count; i++) {
        free(doc->values[i].name);
        free(doc->values[i].text);
        free(doc->values[i].path);
    }
    free(doc->values);
    bg_jsonpos_free(doc->positions);
    free(doc->text);
    free(doc);
}

bool bg_document_locate(const bg_document *doc, const char *path, int *line, int *col)
{
    if (!doc->positions || !path)
        return false;
    return bg_jsonpos_find(doc->positions, path, line, col);
}

bg_loc bg_document_loc(const bg_document *doc, const char *path)
{
    bg_loc loc = {.file = doc->file, .path = path};
    bg_document_locate(doc, path, &loc.line, &loc.col);
    return loc;
}

const char *bg_node_type_name(bg_node_type type)
{
    static const char *names[] = {
        "document", "section", "paragraph", "table", "figure", "case", "list",
        "page-break", "cover", "preface", "toc", "list-of-figures", "list-of-tables",
        "list-of-cases",
    };
    return names[type];
}

static int S_value_cmp(const void *key, const void *v)
{
    return strcmp((const char *)key, ((const bg_value *)v)->name);
}

bg_value *bg_document_value(const bg_document *doc, const char *name)
{
    if (!doc->value_count)
        return NULL;
    return bsearch(name, doc->values, doc->value_count, sizeof *doc->values, S_value_cmp);
}
