/* diag.c: the diagnostics sink (see diag.h). */
#include "diag.h"
#include "buf.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bg_diags_init(bg_diags *d) { memset(d, 0, sizeof *d); }

void bg_diags_free(bg_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].path);
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    free(d->seen);
    memset(d, 0, sizeof *d);
}

static int S_same_text(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static uint64_t S_hash_str(uint64_t h, const char *s)
{
    /* FNV-1a */
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (h ^ 0xff) * 1099511628211u;
}

static uint64_t S_hash(bg_severity sev, const char *file, int line, int col, const char *path,
                       const char *message)
{
    uint64_t h = 14695981039346656037u ^ (uint64_t)sev;
    h = (h ^ (uint64_t)(unsigned)line) * 1099511628211u;
    h = (h ^ (uint64_t)(unsigned)col) * 1099511628211u;
    return S_hash_str(S_hash_str(S_hash_str(h, file), path), message);
}

static void S_seen_insert(bg_diags *d, size_t index)
{
    const bg_diag *g = &d->items[index];
    size_t mask = d->seen_cap - 1;
    size_t at = (size_t)S_hash(g->severity, g->file, g->line, g->col, g->path, g->message) & mask;
    while (d->seen[at])
        at = (at + 1) & mask;
    d->seen[at] = index + 1;
}

/* Keeps the set at most half full. */
static void S_seen_grow(bg_diags *d)
{
    if ((d->count + 1) * 2 <= d->seen_cap)
        return;
    free(d->seen);
    d->seen_cap = d->seen_cap ? d->seen_cap * 2 : 64;
    d->seen = bg_xcalloc(d->seen_cap, sizeof *d->seen);
    for (size_t i = 0; i < d->count; i++)
        S_seen_insert(d, i);
}

static bool S_seen(const bg_diags *d, bg_severity sev, bg_loc loc, const char *message)
{
    if (!d->seen_cap)
        return false;
    size_t mask = d->seen_cap - 1;
    size_t at = (size_t)S_hash(sev, loc.file, loc.line, loc.col, loc.path, message) & mask;
    for (; d->seen[at]; at = (at + 1) & mask) {
        const bg_diag *o = &d->items[d->seen[at] - 1];
        if (o->severity == sev && o->line == loc.line && o->col == loc.col &&
            S_same_text(o->file, loc.file) && S_same_text(o->path, loc.path) &&
            strcmp(o->message, message) == 0)
            return true;
    }
    return false;
}

void bg_diag_addv(bg_diags *d, bg_severity sev, bg_loc loc, const char *fmt, va_list ap)
{
    char *message = bg_vstrprintf(fmt, ap);
    if (S_seen(d, sev, loc, message)) {
        free(message);
        return;
    }
    S_seen_grow(d);
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = bg_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    bg_diag *g = &d->items[d->count++];
    g->severity = sev;
    g->file = loc.file ? bg_xstrdup(loc.file) : NULL;
    g->path = loc.path ? bg_xstrdup(loc.path) : NULL;
    g->line = loc.line;
    g->col = loc.col;
    g->message = message;
    g->hint = NULL;
    S_seen_insert(d, d->count - 1);
    if (sev == BG_ERROR)
        d->errors++;
    else if (sev == BG_WARNING)
        d->warnings++;
}

/* The de-duplication set built again for the items as they now stand. */
static void S_seen_rebuild(bg_diags *d)
{
    free(d->seen);
    d->seen = NULL;
    d->seen_cap = 0;
    if (d->count == 0)
        return;
    d->seen_cap = 64;
    while ((d->count + 1) * 2 > d->seen_cap)
        d->seen_cap *= 2;
    d->seen = bg_xcalloc(d->seen_cap, sizeof *d->seen);
    for (size_t i = 0; i < d->count; i++)
        S_seen_insert(d, i);
}

void bg_diags_merge(bg_diags *d, bg_diags *late, const size_t *at)
{
    if (late->count == 0)
        return;
    size_t total = d->count + late->count;
    bg_diag *items = bg_xcalloc(total, sizeof *items);
    size_t i = 0, j = 0, n = 0;
    while (n < total) {
        if (j < late->count && (i >= d->count || at[j] <= i))
            items[n++] = late->items[j++];
        else
            items[n++] = d->items[i++];
    }
    free(d->items);
    d->items = items;
    d->count = d->cap = total;
    d->errors += late->errors;
    d->warnings += late->warnings;
    free(late->items);
    free(late->seen);
    memset(late, 0, sizeof *late);
    S_seen_rebuild(d);
}

void bg_diags_append(bg_diags *d, bg_diags *late)
{
    size_t *at = bg_xcalloc(late->count ? late->count : 1, sizeof *at);
    for (size_t i = 0; i < late->count; i++)
        at[i] = d->count;
    bg_diags_merge(d, late, at);
    free(at);
}

void bg_diags_truncate(bg_diags *d, size_t keep)
{
    if (keep >= d->count)
        return;
    for (size_t i = keep; i < d->count; i++) {
        bg_diag *g = &d->items[i];
        if (g->severity == BG_ERROR)
            d->errors--;
        else if (g->severity == BG_WARNING)
            d->warnings--;
        free(g->file);
        free(g->path);
        free(g->message);
        free(g->hint);
    }
    d->count = keep;
    S_seen_rebuild(d);
}

void bg_diag_add(bg_diags *d, bg_severity sev, bg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bg_diag_addv(d, sev, loc, fmt, ap);
    va_end(ap);
}

void bg_diag_hint(bg_diags *d, const char *fmt, ...)
{
    if (d->count == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    bg_diag *g = &d->items[d->count - 1];
    free(g->hint);
    g->hint = bg_vstrprintf(fmt, ap);
    va_end(ap);
}

const char *bg_severity_name(bg_severity sev)
{
    switch (sev) {
    case BG_NOTE: return _("note");
    case BG_WARNING: return _("warning");
    case BG_ERROR: return _("error");
    }
    return "?";
}

char *bg_diag_format(const bg_diag *g)
{
    bg_buf b;
    bg_buf_init(&b);
    if (g->file) {
        bg_buf_puts(&b, g->file);
        if (g->line > 0)
            bg_buf_printf(&b, ":%d:%d", g->line, g->col);
        bg_buf_puts(&b, ": ");
    }
    bg_buf_printf(&b, "%s: %s", bg_severity_name(g->severity), g->message);
    if (g->path)
        bg_buf_printf(&b, " [%s]", g->path);
    if (g->hint)
        bg_buf_printf(&b, "\n  %s: %s", _("hint"), g->hint);
    return bg_buf_take(&b);
}
