/* load.c: the model stage's driver (see model.h) and the loading of the document, its
 * meta and its blocks. Tables and figures have their own files (load_table.c,
 * load_figure.c); numbering, references and cross-checks are in number.c. */
#include "inline.h"
#include "jsonpos.h"
#include "../base/i18n.h"
#include "encoding.h"
#include "jsonsyntax.h"
#include "load_ctx.h"
#include "model.h"
#include "number.h"
#include "numfmt.h"
#include "../base/buf.h"
#include "../base/suggest.h"
#include "../base/limits.h"
#include "../base/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- context helpers ---- */

bg_loc bg_load_loc(bg_load_ctx *c, const char *path)
{
    bg_loc loc = {.file = c->doc->file, .path = path};
    bg_document_locate(c->doc, path, &loc.line, &loc.col);
    return loc;
}

void bg_load_error(bg_load_ctx *c, const char *path, const char *fmt, ...)
{
    if (c->errors >= BG_MAX_LOAD_ERRORS) {
        /* Counted, not located or kept: a report of 100,000 unknown keys took 90 s. */
        c->errors++;
        c->hidden++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    bg_diag_addv(c->diags, BG_ERROR, bg_load_loc(c, path), fmt, ap);
    va_end(ap);
    c->errors++;
}

void bg_load_warning(bg_load_ctx *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bg_diag_addv(c->diags, BG_WARNING, bg_load_loc(c, path), fmt, ap);
    va_end(ap);
}

char *bg_load_path(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *suffix = bg_vstrprintf(fmt, ap);
    va_end(ap);
    char *p = bg_strprintf("%s%s", path, suffix);
    free(suffix);
    return p;
}

/* Is file (resolved) dir itself or inside it (resolved)? */
static bool S_inside(const char *file, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(file, dir, n) == 0 && (file[n] == '/' || file[n] == '\0');
}

char *bg_load_resolve(bg_load_ctx *c, const char *relative, const char *path)
{
    char *file = relative[0] == '/' || strcmp(c->doc->dir, ".") == 0 ? bg_xstrdup(relative)
                                                                      : bg_strprintf("%s/%s", c->doc->dir, relative);
    char *real = realpath(file, NULL);
    if (!real)
        return file; /* missing: the caller says so */
    bool ok = c->root && S_inside(real, c->root);
    for (size_t i = 0; !ok && i < c->allow_count; i++)
        ok = S_inside(real, c->allow[i]);
    if (!ok) {
        char *dir = bg_xstrdup(real);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir)
            *slash = '\0';
        bg_load_error(c, path, _("'%s' is outside the report's folder (%s); move it into the folder, or allow "
                                 "its folder with --allow-path %s"),
                      relative, c->root ? c->root : c->doc->dir, dir);
        free(dir);
        free(file);
        file = NULL;
    }
    free(real);
    return file;
}

/* The report's folder and the --allow-path folders, resolved, for bg_load_resolve. */
static void S_confine(bg_load_ctx *c, const bg_model_options *opts)
{
    c->root = realpath(c->doc->dir, NULL);
    if (!opts)
        return;
    c->allow = bg_xcalloc(opts->allow_count + 1, sizeof *c->allow);
    for (size_t i = 0; i < opts->allow_count; i++) {
        char *real = realpath(opts->allow[i], NULL);
        if (!real) {
            bg_error(c->diags, (bg_loc){.file = opts->allow[i]}, _("--allow-path: %s"), strerror(errno));
            c->errors++;
            continue;
        }
        c->allow[c->allow_count++] = real;
    }
}

static const char *S_type_name(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return _("an object");
    case JSON_ARRAY: return _("an array");
    case JSON_STRING: return _("a string");
    case JSON_INTEGER:
    case JSON_REAL: return _("a number");
    case JSON_TRUE:
    case JSON_FALSE: return _("a boolean");
    default: return _("null");
    }
}

void bg_load_check_keys(bg_load_ctx *c, json_t *obj, const char *path, const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0)
                ok = true;
        if (!ok) {
            char *p = bg_load_path(path, ".%s", key);
            bg_buf list;
            bg_buf_init(&list);
            for (const char *const *a = allowed; *a; a++)
                bg_buf_printf(&list, "%s%s", a == allowed ? "" : ", ", *a);
            const char *near = bg_suggest(key, allowed, (size_t)-1);
            if (near)
                bg_load_error(c, p, _("unknown key '%s'; did you mean '%s'? (expected one of: %s)"), key,
                              near, list.data);
            else
                bg_load_error(c, p, _("unknown key '%s' (expected one of: %s)"), key, list.data);
            bg_buf_free(&list);
            free(p);
        }
    }
}

const char *bg_load_string(bg_load_ctx *c, json_t *obj, const char *key, const char *path,
                           bool required)
{
    json_t *v = json_object_get(obj, key);
    char *p = bg_load_path(path, ".%s", key);
    const char *result = NULL;
    if (!v) {
        if (required)
            bg_load_error(c, p, _("missing required key '%s'"), key);
    } else if (!json_is_string(v)) {
        bg_load_error(c, p, _("'%s' must be a string, not %s"), key, S_type_name(v));
    } else if (required && json_string_length(v) == 0) {
        bg_load_error(c, p, _("'%s' must not be empty"), key);
    } else {
        result = json_string_value(v);
    }
    free(p);
    return result;
}

static void S_inline_span_object(bg_load_ctx *c, json_t *o, const char *path, bg_inline *out)
{
    static const char *const keys[] = {"text", "bold", "footnote", "ref", "sup", "sub", NULL};
    bg_load_check_keys(c, o, path, keys);
    int kinds = !!json_object_get(o, "text") + !!json_object_get(o, "footnote") +
                !!json_object_get(o, "ref") + !!json_object_get(o, "sup") +
                !!json_object_get(o, "sub");
    if (kinds != 1) {
        bg_load_error(c, path, _("a span needs exactly one of 'text', 'footnote', 'ref', 'sup', 'sub'"));
        return;
    }
    json_t *bold = json_object_get(o, "bold");
    if (bold && !json_is_boolean(bold)) {
        char *p = bg_load_path(path, ".bold");
        bg_load_error(c, p, _("'bold' must be true or false"));
        free(p);
    }
    unsigned style = json_is_true(bold) ? BG_STYLE_BOLD : 0;
    const char *s;
    if ((s = bg_load_string(c, o, "text", path, false))) {
        bg_span sp = {.kind = BG_SPAN_TEXT, .style = style, .text = bg_xstrdup(s),
                      .path = bg_xstrdup(path)};
        bg_inline_add(out, sp);
    } else if ((s = bg_load_string(c, o, "sup", path, false)) ||
               (s = bg_load_string(c, o, "sub", path, false))) {
        unsigned st = style | (json_object_get(o, "sup") ? BG_STYLE_SUP : BG_STYLE_SUB);
        bg_span sp = {.kind = BG_SPAN_TEXT, .style = st, .text = bg_xstrdup(s),
                      .path = bg_xstrdup(path)};
        bg_inline_add(out, sp);
    } else if (json_object_get(o, "ref")) {
        if ((s = bg_load_string(c, o, "ref", path, true))) {
            /* "t-id:row:column" refers to a table cell, as [@t-id:row:column] does. */
            const char *colon = strchr(s, ':');
            bg_span sp = {.kind = BG_SPAN_REF, .style = style,
                          .target = colon ? bg_xstrndup(s, (size_t)(colon - s)) : bg_xstrdup(s),
                          .cell = colon && strchr(colon + 1, ':') ? bg_xstrdup(colon + 1) : NULL,
                          .path = bg_xstrdup(path)};
            bg_inline_add(out, sp);
        }
    } else if (json_object_get(o, "footnote")) {
        char *p = bg_load_path(path, ".footnote");
        if (c->in_note) {
            /* Nowhere to print a note's note; not recursing also bounds the depth. */
            bg_load_error(c, p, _("a footnote cannot contain another footnote"));
            free(p);
            return;
        }
        bg_inline *note = bg_xcalloc(1, sizeof *note);
        c->in_note = true;
        bg_load_inline(c, json_object_get(o, "footnote"), p, note);
        c->in_note = false;
        for (size_t i = 0; i < note->count; i++)
            if (note->spans[i].kind == BG_SPAN_FOOTNOTE)
                bg_load_error(c, note->spans[i].path ? note->spans[i].path : p,
                              _("a footnote cannot contain another footnote"));
        free(p);
        bg_span sp = {.kind = BG_SPAN_FOOTNOTE, .style = style, .note = note,
                      .path = bg_xstrdup(path)};
        bg_inline_add(out, sp);
    }
}

/* A text string beyond the limit is refused before it is parsed, shaped and broken. */
static bool S_text_too_long(bg_load_ctx *c, json_t *v, const char *path)
{
    if (json_string_length(v) <= BG_MAX_TEXT_BYTES)
        return false;
    bg_load_error(c, path, _("a text is %zu bytes long, more than the limit of %u MiB"), json_string_length(v),
                  BG_MAX_TEXT_BYTES >> 20);
    return true;
}

void bg_load_inline(bg_load_ctx *c, json_t *v, const char *path, bg_inline *out)
{
    if (json_is_string(v) && S_text_too_long(c, v, path))
        return;
    if (json_is_string(v)) {
        c->errors += bg_inline_parse(json_string_value(v), 0, bg_load_loc(c, path), out, c->diags);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            char *p = bg_load_path(path, "[%zu]", i);
            if (json_is_string(item) && S_text_too_long(c, item, p))
                ;
            else if (json_is_string(item))
                c->errors += bg_inline_parse(json_string_value(item), 0, bg_load_loc(c, p), out,
                                             c->diags);
            else if (json_is_object(item))
                S_inline_span_object(c, item, p, out);
            else
                bg_load_error(c, p, _("a span must be a string or an object, not %s"),
                              S_type_name(item));
            free(p);
        }
    } else {
        bg_load_error(c, path, _("text must be a string or an array of spans, not %s"),
                      S_type_name(v));
    }
}

/* ---- blocks ---- */

static void S_load_blocks(bg_load_ctx *c, json_t *arr, const char *path, bg_node *parent);

static const struct {
    const char *name;
    bg_node_type type;
} block_types[] = {
    {"section", BG_NODE_SECTION},
    {"paragraph", BG_NODE_PARAGRAPH},
    {"table", BG_NODE_TABLE},
    {"figure", BG_NODE_FIGURE},
    {"case", BG_NODE_CASE},
    {"list", BG_NODE_LIST},
    {"page-break", BG_NODE_PAGE_BREAK},
    {"cover", BG_NODE_COVER},
    {"preface", BG_NODE_PREFACE},
    {"toc", BG_NODE_TOC},
    {"list-of-figures", BG_NODE_LIST_OF_FIGURES},
    {"list-of-tables", BG_NODE_LIST_OF_TABLES},
    {"list-of-cases", BG_NODE_LIST_OF_CASES},
};

static void S_load_id(bg_load_ctx *c, json_t *obj, const char *path, bg_node *n)
{
    const char *id = bg_load_string(c, obj, "id", path, false);
    if (id)
        n->id = bg_xstrdup(id);
}

static void S_load_children(bg_load_ctx *c, json_t *obj, const char *path, bg_node *n,
                            bool required)
{
    json_t *children = json_object_get(obj, "children");
    char *p = bg_load_path(path, ".children");
    if (!children) {
        if (required)
            bg_load_error(c, p, _("missing required key 'children'"));
    } else if (!json_is_array(children)) {
        bg_load_error(c, p, _("'children' must be an array of blocks, not %s"), S_type_name(children));
    } else if (c->nesting >= BG_MAX_NESTING) {
        /* Also bounds the loader's recursion, whatever the JSON's depth. */
        bg_load_error(c, p, _("blocks nest more than %d deep"), BG_MAX_NESTING);
    } else {
        c->nesting++;
        S_load_blocks(c, children, p, n);
        c->nesting--;
    }
    free(p);
}

static void S_load_title(bg_load_ctx *c, json_t *obj, const char *key, const char *path,
                         bg_node *n, bool required)
{
    json_t *v = json_object_get(obj, key);
    char *p = bg_load_path(path, ".%s", key);
    if (!v) {
        if (required)
            bg_load_error(c, p, _("missing required key '%s'"), key);
    } else {
        bg_load_inline(c, v, p, &n->title);
        if (n->title.count == 0)
            bg_load_error(c, p, _("'%s' must not be empty"), key);
    }
    free(p);
}

static void S_load_list(bg_load_ctx *c, json_t *obj, const char *path, bg_node *n)
{
    json_t *ordered = json_object_get(obj, "ordered");
    if (ordered && !json_is_boolean(ordered)) {
        char *p = bg_load_path(path, ".ordered");
        bg_load_error(c, p, _("'ordered' must be true or false"));
        free(p);
    }
    n->u.list.ordered = json_is_true(ordered);
    json_t *items = json_object_get(obj, "items");
    char *p = bg_load_path(path, ".items");
    if (!json_is_array(items) || json_array_size(items) == 0) {
        bg_load_error(c, p, items ? _("'items' must be a non-empty array") : _("missing required key 'items'"));
    } else {
        n->u.list.count = json_array_size(items);
        n->u.list.items = bg_xcalloc(n->u.list.count, sizeof *n->u.list.items);
        size_t i;
        json_t *item;
        json_array_foreach(items, i, item) {
            char *ip = bg_load_path(p, "[%zu]", i);
            bg_load_inline(c, item, ip, &n->u.list.items[i]);
            free(ip);
        }
    }
    free(p);
}

static bg_node *S_load_block(bg_load_ctx *c, json_t *obj, const char *path, int depth)
{
    if (!json_is_object(obj)) {
        bg_load_error(c, path, _("a block must be an object with a \"type\", not %s"), S_type_name(obj));
        return NULL;
    }
    const char *type = bg_load_string(c, obj, "type", path, true);
    if (!type)
        return NULL;
    bg_node_type t = BG_NODE_DOCUMENT;
    for (size_t i = 0; i < sizeof block_types / sizeof *block_types; i++)
        if (strcmp(block_types[i].name, type) == 0)
            t = block_types[i].type;
    if (t == BG_NODE_DOCUMENT) {
        char *p = bg_load_path(path, ".type");
        const char *names[sizeof block_types / sizeof *block_types];
        for (size_t i = 0; i < sizeof block_types / sizeof *block_types; i++)
            names[i] = block_types[i].name;
        const char *near = bg_suggest(type, names, sizeof names / sizeof *names);
        if (near)
            bg_load_error(c, p, _("unknown block type '%s'; did you mean '%s'?"), type, near);
        else
            bg_load_error(c, p, _("unknown block type '%s'"), type);
        bg_diag_hint(c->diags, _("block types: section, paragraph, table, figure, case, list, "
                               "page-break, cover, preface, toc, list-of-figures, "
                               "list-of-tables, list-of-cases"));
        free(p);
        return NULL;
    }
    if (++c->blocks == BG_MAX_BLOCKS + 1)
        bg_load_error(c, path, _("a report holds at most %d blocks"), BG_MAX_BLOCKS);
    bg_node *n = bg_node_new(t, path);
    bg_loc loc = bg_load_loc(c, path);
    n->line = loc.line;
    n->col = loc.col;
    switch (t) {
    case BG_NODE_SECTION: {
        static const char *const keys[] = {"type", "id", "title", "children", NULL};
        bg_load_check_keys(c, obj, path, keys);
        S_load_id(c, obj, path, n);
        S_load_title(c, obj, "title", path, n, true);
        n->level = depth + 1;
        /* Only the outermost section too deep: the ones inside it go when it moves up. */
        if (n->level == 7)
            bg_load_error(c, path, _("a section at level %d: sections nest at most 6 deep; move it up "
                                     "a level or make it a paragraph with a bold run-in head"), n->level);
        S_load_children(c, obj, path, n, false);
        break;
    }
    case BG_NODE_CASE: {
        static const char *const keys[] = {"type", "id", "title", "children", NULL};
        bg_load_check_keys(c, obj, path, keys);
        S_load_id(c, obj, path, n);
        S_load_title(c, obj, "title", path, n, true);
        S_load_children(c, obj, path, n, true);
        for (bg_node *k = n->first_child; k; k = k->next)
            if (k->type != BG_NODE_PARAGRAPH && k->type != BG_NODE_FIGURE &&
                k->type != BG_NODE_LIST && k->type != BG_NODE_TABLE)
                bg_load_error(c, k->path, _("a case holds paragraphs, lists, tables and figures, "
                                          "not a %s"), bg_node_type_name(k->type));
        break;
    }
    case BG_NODE_PARAGRAPH: {
        static const char *const keys[] = {"type", "text", NULL};
        bg_load_check_keys(c, obj, path, keys);
        json_t *text = json_object_get(obj, "text");
        char *p = bg_load_path(path, ".text");
        if (!text)
            bg_load_error(c, p, _("missing required key 'text'"));
        else
            bg_load_inline(c, text, p, &n->u.text);
        free(p);
        break;
    }
    case BG_NODE_TABLE:
        bg_load_table(c, obj, path, n);
        break;
    case BG_NODE_FIGURE:
        bg_load_figure(c, obj, path, n);
        break;
    case BG_NODE_LIST: {
        static const char *const keys[] = {"type", "ordered", "items", NULL};
        bg_load_check_keys(c, obj, path, keys);
        S_load_list(c, obj, path, n);
        break;
    }
    case BG_NODE_PREFACE: {
        static const char *const keys[] = {"type", "id", "title", "children", NULL};
        bg_load_check_keys(c, obj, path, keys);
        S_load_id(c, obj, path, n);
        S_load_title(c, obj, "title", path, n, false);
        S_load_children(c, obj, path, n, true);
        break;
    }
    case BG_NODE_TOC:
    case BG_NODE_LIST_OF_FIGURES:
    case BG_NODE_LIST_OF_TABLES:
    case BG_NODE_LIST_OF_CASES: {
        static const char *const keys[] = {"type", "title", NULL};
        bg_load_check_keys(c, obj, path, keys);
        S_load_title(c, obj, "title", path, n, false);
        break;
    }
    case BG_NODE_PAGE_BREAK:
    case BG_NODE_COVER: {
        static const char *const keys[] = {"type", NULL};
        bg_load_check_keys(c, obj, path, keys);
        break;
    }
    case BG_NODE_DOCUMENT:
        break;
    }
    if (depth > 0 && t != BG_NODE_SECTION && t != BG_NODE_PARAGRAPH && t != BG_NODE_TABLE &&
        t != BG_NODE_FIGURE && t != BG_NODE_CASE && t != BG_NODE_LIST && t != BG_NODE_PAGE_BREAK)
        bg_load_error(c, path, _("a %s belongs at the top level of \"body\""), type);
    return n;
}

/* How deep the blocks of parent's children sit: a section's children one below it (its
 * level, set before its children are loaded), any other container's at 1. The parent is
 * not linked into the tree yet, so its ancestors cannot be walked. */
static int S_depth(const bg_node *parent)
{
    switch (parent->type) {
    case BG_NODE_DOCUMENT: return 0;
    case BG_NODE_SECTION: return parent->level;
    default: return 1;
    }
}

static void S_load_blocks(bg_load_ctx *c, json_t *arr, const char *path, bg_node *parent)
{
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        char *p = bg_load_path(path, "[%zu]", i);
        bg_node *n = S_load_block(c, item, p, S_depth(parent));
        if (n)
            bg_node_append(parent, n);
        free(p);
    }
}

/* ---- document ---- */

static bool S_valid_date(const char *d)
{
    int y, m, day, n = 0;
    size_t len = strlen(d);
    if (len == 7 && sscanf(d, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7)
        return y >= 1900 && m >= 1 && m <= 12;
    if (len == 10 && sscanf(d, "%4d-%2d-%2d%n", &y, &m, &day, &n) == 3 && n == 10) {
        return y >= 1900 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
    }
    return false;
}

static void S_add_title_line(bg_meta *m, const char *line, size_t len)
{
    while (len > 0 && (*line == ' ' || *line == '\t'))
        line++, len--;
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
        len--;
    if (len == 0)
        return;
    m->title_lines = bg_xrealloc(m->title_lines, (m->title_line_count + 1) * sizeof *m->title_lines);
    m->title_lines[m->title_line_count++] = bg_xstrndup(line, len);
}

/* meta.title: a string (newlines in it end cover lines) or an array of lines. m->title is
 * the lines joined into one line for the running head and the PDF Title: with a space
 * where both sides are Latin (ASCII), with nothing between Chinese text. */
static void S_load_title_lines(bg_load_ctx *c, json_t *meta, bg_meta *m)
{
    json_t *v = json_object_get(meta, "title");
    if (!v) {
        bg_load_error(c, "$.meta.title", _("missing required key 'title'"));
        return;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
            S_add_title_line(m, s, (size_t)(nl - s));
        S_add_title_line(m, s, strlen(s));
    } else if (json_is_array(v) && json_array_size(v) > 0) {
        size_t i;
        json_t *line;
        json_array_foreach(v, i, line) {
            if (!json_is_string(line)) {
                char *p = bg_load_path("$.meta.title", "[%zu]", i);
                bg_load_error(c, p, _("a title line must be a string"));
                free(p);
                continue;
            }
            S_add_title_line(m, json_string_value(line), strlen(json_string_value(line)));
        }
    } else {
        bg_load_error(c, "$.meta.title", _("'title' must be a string or an array of lines (strings)"));
        return;
    }
    if (m->title_line_count == 0) {
        bg_load_error(c, "$.meta.title", _("the title is empty"));
        return;
    }
    bg_buf b;
    bg_buf_init(&b);
    for (size_t i = 0; i < m->title_line_count; i++) {
        const char *line = m->title_lines[i];
        if (i > 0) {
            unsigned char before = (unsigned char)b.data[b.len - 1];
            unsigned char after = (unsigned char)line[0];
            if (before < 0x80 && after < 0x80)
                bg_buf_putc(&b, ' ');
        }
        bg_buf_puts(&b, line);
    }
    m->title = bg_buf_take(&b);
}

/* Whether a well-formed date is a day of the calendar (no 2024-02-31, no 2023-02-29). */
static bool S_calendar_date(const char *d)
{
    int y, m, day;
    if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
        return true;
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= days[m - 1] && !(m == 2 && day == 29 && !leap);
}

static int S_value_order(const void *a, const void *b)
{
    return strcmp(((const bg_value *)a)->name, ((const bg_value *)b)->name);
}

/* "values": {"name": number | {"value": number, "format": "#,##0", "unit": "人"}, …}: the
 * report's named numbers (docs/format.md, "Named values"), loaded before the blocks so
 * that cells and chart values can take theirs while they load. */
static void S_load_values(bg_load_ctx *c, json_t *values)
{
    if (!values)
        return;
    if (!json_is_object(values)) {
        bg_load_error(c, "$.values", _("'values' must be an object of named numbers, such as "
                                       "{\"students\": 51486}"));
        return;
    }
    bg_document *doc = c->doc;
    doc->values = bg_xcalloc(json_object_size(values) + 1, sizeof *doc->values);
    const char *name;
    json_t *v;
    json_object_foreach(values, name, v) {
        char *path = bg_load_path("$.values", ".%s", name);
        bool named = isalpha((unsigned char)name[0]);
        for (const char *k = name; *k && named; k++)
            named = isalnum((unsigned char)*k) || strchr("-_.", *k);
        json_t *number = v, *format = NULL, *unit = NULL;
        if (json_is_object(v)) {
            static const char *const keys[] = {"value", "format", "unit", NULL};
            bg_load_check_keys(c, v, path, keys);
            number = json_object_get(v, "value");
            format = json_object_get(v, "format");
            unit = json_object_get(v, "unit");
        }
        bg_numfmt f;
        if (!named) {
            bg_load_error(c, path, _("a value's name is written like an id: letters, digits, '-', "
                                     "'_', '.', starting with a letter"));
        } else if (!json_is_number(number)) {
            bg_load_error(c, path, _("value '%s' must be a number, or an object with a number "
                                     "\"value\" (and \"format\", \"unit\")"), name);
        } else if (format && (!json_is_string(format) || !bg_numfmt_parse(json_string_value(format), &f))) {
            bg_load_error(c, path, _("'format' must be a number format such as 0, 0.00, #,##0 or 0.0%%"));
        } else if (unit && !json_is_string(unit)) {
            bg_load_error(c, path, _("'unit' must be a string"));
        } else if (format && !bg_numfmt_fits(&f, json_number_value(number))) {
            bg_load_error(c, path, _("value '%s' cannot be printed in the format '%s'"), name,
                          json_string_value(format));
        } else {
            bg_value *val = &doc->values[doc->value_count++];
            val->name = bg_xstrdup(name);
            val->number = json_number_value(number);
            val->path = bg_xstrdup(path);
            const char *u = unit ? json_string_value(unit) : NULL;
            val->text = format ? bg_numfmt_format(&f, val->number, u) : bg_numfmt_plain(val->number, u);
        }
        free(path);
    }
    qsort(doc->values, doc->value_count, sizeof *doc->values, S_value_order);
}

bool bg_load_value_ref(bg_load_ctx *c, json_t *v, const char *path, double *out)
{
    json_t *ref = json_is_object(v) ? json_object_get(v, "ref") : NULL;
    if (!ref)
        return false;
    char *p = bg_load_path(path, ".ref");
    if (json_object_size(v) != 1) {
        bg_load_error(c, path, _("a reference to a value is written {\"ref\": \"name\"}, with no other key"));
    } else if (!json_is_string(ref)) {
        bg_load_error(c, p, _("'ref' must be the name of a value in \"values\""));
    } else {
        bg_value *val = bg_document_value(c->doc, json_string_value(ref));
        if (val) {
            val->referenced = true;
            *out = val->number;
        } else {
            const char **names = bg_xcalloc(c->doc->value_count + 1, sizeof *names);
            for (size_t i = 0; i < c->doc->value_count; i++)
                names[i] = c->doc->values[i].name;
            const char *near = bg_suggest(json_string_value(ref), names, c->doc->value_count);
            if (near)
                bg_load_error(c, p, _("no value named '%s' in \"values\"; did you mean '%s'?"),
                              json_string_value(ref), near);
            else
                bg_load_error(c, p, _("no value named '%s' in \"values\""), json_string_value(ref));
            free(names);
        }
    }
    free(p);
    return true;
}

static void S_load_meta(bg_load_ctx *c, json_t *meta)
{
    static const char *const keys[] = {"title", "subtitle", "issuer", "date", "language",
                                       "subject", "keywords", NULL};
    bg_meta *m = &c->doc->meta;
    if (!json_is_object(meta)) {
        bg_load_error(c, "$.meta", meta ? _("'meta' must be an object") : _("missing required key 'meta'"));
        return;
    }
    bg_load_check_keys(c, meta, "$.meta", keys);
    const char *s;
    S_load_title_lines(c, meta, m);
    if ((s = bg_load_string(c, meta, "subtitle", "$.meta", false)))
        m->subtitle = bg_xstrdup(s);
    if ((s = bg_load_string(c, meta, "issuer", "$.meta", false)))
        m->issuer = bg_xstrdup(s);
    if ((s = bg_load_string(c, meta, "date", "$.meta", true))) {
        if (!S_valid_date(s))
            bg_load_error(c, "$.meta.date", _("date '%s' must be YYYY-MM or YYYY-MM-DD"), s);
        else if (!S_calendar_date(s))
            bg_load_error(c, "$.meta.date", _("date '%s' is not a day of the calendar"), s);
        m->date = bg_xstrdup(s);
    }
    s = bg_load_string(c, meta, "language", "$.meta", false);
    m->language = bg_xstrdup(s ? s : "zh-Hans");
    if ((s = bg_load_string(c, meta, "subject", "$.meta", false)))
        m->subject = bg_xstrdup(s);
    if ((s = bg_load_string(c, meta, "keywords", "$.meta", false)))
        m->keywords = bg_xstrdup(s);
}

/* A layout file given where a report belongs: no meta, no body array, a layout key. */
static bool S_is_layout(json_t *root)
{
    static const char *const layout_keys[] = {"page", "fonts", "headings", "captions", "typography",
                                              "header", "footer", "toc", "print", NULL};
    if (json_object_get(root, "meta") || json_is_array(json_object_get(root, "body")))
        return false; /* a layout's "body" is an object of text settings */
    for (const char *const *k = layout_keys; *k; k++)
        if (json_object_get(root, *k))
            return true;
    return false;
}

static char *S_read_file(const char *path, size_t *len, bg_diags *diags)
{
    bg_buf b;
    bg_buf_init(&b);
    if (bg_buf_read_file_max(&b, path, BG_MAX_REPORT_BYTES) != 0) {
        if (errno == EFBIG)
            bg_error(diags, (bg_loc){.file = path}, _("the report is larger than the limit of %u MiB"),
                     BG_MAX_REPORT_BYTES >> 20);
        else if (errno == EISDIR)
            bg_error(diags, (bg_loc){.file = path}, _("this is a folder, not a report: give the report's .json file"));
        else
            bg_error(diags, (bg_loc){.file = path}, _("cannot read: %s"), strerror(errno));
        bg_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return bg_buf_take(&b);
}

static bool S_keep_json;
static char *S_kept_text; /* the bytes S_kept_root was parsed from */
static size_t S_kept_len;
static json_t *S_kept_root;

void bg_model_keep_json(void)
{
    S_keep_json = true;
}

void bg_model_kept_free(void)
{
    free(S_kept_text);
    json_decref(S_kept_root);
    S_kept_text = NULL;
    S_kept_root = NULL;
    S_kept_len = 0;
}

/* json_loadb, or the kept parse of the same bytes (a new reference either way). The
 * loader only reads the tree, so one parse serves every build of the same text. */
static json_t *S_parse(const char *text, size_t len, json_error_t *err)
{
    if (S_keep_json && S_kept_root && S_kept_len == len && memcmp(S_kept_text, text, len) == 0)
        return json_incref(S_kept_root);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, err);
    if (root && S_keep_json) {
        bg_model_kept_free();
        S_kept_text = bg_xmalloc(len ? len : 1);
        memcpy(S_kept_text, text, len);
        S_kept_len = len;
        S_kept_root = json_incref(root);
    }
    return root;
}

bg_document *bg_model_load(const char *path, bg_diags *diags)
{
    return bg_model_load_with(path, NULL, diags);
}

bg_document *bg_model_load_with(const char *path, const bg_model_options *opts, bg_diags *diags)
{
    bg_document *doc = bg_xcalloc(1, sizeof *doc);
    doc->file = bg_xstrdup(path);
    doc->dir = bg_path_dirname(path);
    doc->text = S_read_file(path, &doc->text_len, diags);
    if (!doc->text) {
        bg_document_free(doc);
        return NULL;
    }
    int bom = bg_encoding_check_json(path, doc->text, doc->text_len, diags);
    if (bom < 0) {
        bg_document_free(doc);
        return NULL;
    }
    json_error_t err;
    json_t *root = S_parse(doc->text + bom, doc->text_len - (size_t)bom, &err);
    if (!root) {
        bg_json_syntax_error(path, doc->text + bom, doc->text_len - (size_t)bom, &err, diags);
        bg_document_free(doc);
        return NULL;
    }
    doc->positions = bg_jsonpos_build(doc->text, doc->text_len);
    bg_load_ctx c = {.doc = doc, .diags = diags, .defer_images = opts && opts->defer_image_checks};
    S_confine(&c, opts);
    doc->root = bg_node_new(BG_NODE_DOCUMENT, "$");
    if (!json_is_object(root)) {
        bg_load_error(&c, "$", _("a report must be a JSON object with \"meta\" and \"body\""));
    } else if (S_is_layout(root)) {
        bg_load_error(&c, "$", _("this looks like a layout, not a report (it has layout keys and no \"meta\" "
                                 "or \"body\" blocks)"));
        bg_diag_hint(diags, _("give the report first and the layout with -l: baogao build REPORT.json -l %s"),
                     path);
    } else {
        static const char *const keys[] = {"$schema", "meta", "values", "body", NULL};
        bg_load_check_keys(&c, root, "$", keys);
        S_load_meta(&c, json_object_get(root, "meta"));
        S_load_values(&c, json_object_get(root, "values"));
        json_t *body = json_object_get(root, "body");
        if (!json_is_array(body))
            bg_load_error(&c, "$.body", body ? _("'body' must be an array of blocks") : _("missing required key 'body'"));
        else
            S_load_blocks(&c, body, "$.body", doc->root);
    }
    json_decref(root);
    free(c.root);
    for (size_t i = 0; i < c.allow_count; i++)
        free(c.allow[i]);
    free(c.allow);
    /* The images' full checks run on while the load goes on; a load that fails anyway,
     * or one not deferring them, has their errors now, each in its place. */
    if (!c.defer_images || c.errors > 0)
        bg_load_finish_images(&c);
    if (c.hidden > 0)
        bg_error(diags, (bg_loc){.file = path}, _("%d more errors not shown"), c.hidden);
    doc->image_mark = diags->count;
    if (c.errors == 0)
        bg_model_number(doc, diags);
    if (diags->errors > 0) {
        bg_model_finish_images(doc, diags); /* a refused image first, as if it stopped the load */
        bg_document_free(doc);
        return NULL;
    }
    return doc;
}

int bg_model_finish_images(bg_document *doc, bg_diags *diags)
{
    size_t shown;
    int hidden;
    int failed = bg_load_images_finish(doc, diags, &shown, &hidden);
    if (failed == 0)
        return 0;
    /* What was reported since (numbering, and for build the layout's stages) was about a
     * document that a refused image makes invalid: the load would have stopped first. */
    bg_diags_truncate(diags, doc->image_mark + shown);
    if (hidden > 0)
        bg_error(diags, (bg_loc){.file = doc->file}, _("%d more errors not shown"), hidden);
    return failed;
}
