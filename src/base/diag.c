/* diag.c: the diagnostics sink (see diag.h). */
#include "diag.h"
#include "buf.h"
#include "xalloc.h"

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
    memset(d, 0, sizeof *d);
}

static int S_same_text(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

void bg_diag_addv(bg_diags *d, bg_severity sev, bg_loc loc, const char *fmt, va_list ap)
{
    char *message = bg_vstrprintf(fmt, ap);
    for (size_t i = 0; i < d->count; i++) {
        bg_diag *o = &d->items[i];
        if (o->severity == sev && o->line == loc.line && o->col == loc.col &&
            S_same_text(o->file, loc.file) && S_same_text(o->path, loc.path) &&
            strcmp(o->message, message) == 0) {
            free(message);
            return;
        }
    }
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
    if (sev == BG_ERROR)
        d->errors++;
    else if (sev == BG_WARNING)
        d->warnings++;
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

char *bg_diag_format(const bg_diag *g)
{
    static const char *names[] = {"note", "warning", "error"};
    bg_buf b;
    bg_buf_init(&b);
    if (g->file)
        bg_buf_puts(&b, g->file);
    if (g->path) {
        bg_buf_printf(&b, "%s%s", g->file ? ": " : "", g->path);
        if (g->line > 0)
            bg_buf_printf(&b, " (%d:%d)", g->line, g->col);
    } else if (g->line > 0) {
        bg_buf_printf(&b, ":%d:%d", g->line, g->col);
    }
    bg_buf_printf(&b, "%s%s: %s", b.len ? ": " : "", names[g->severity], g->message);
    if (g->hint)
        bg_buf_printf(&b, "\n  hint: %s", g->hint);
    return bg_buf_take(&b);
}
