/* diag.h: the one diagnostics sink of a build. Every stage reports problems here with a
 * severity, a location (file, line:col and/or a JSON path) and a message; the CLI prints
 * them in compiler form at the end. Diagnostics are collected, never thrown, and repeated
 * identical messages are dropped (in constant time each, so a report with ten thousand
 * problems is still checked in linear time). The library itself never prints. Messages
 * are passed through _() (i18n.h) by the code that reports them. */
#ifndef BG_DIAG_H
#define BG_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { BG_NOTE, BG_WARNING, BG_ERROR } bg_severity;

/* Where a diagnostic points: any field may be empty (NULL / 0). */
typedef struct bg_loc {
    const char *file; /* not owned */
    int line, col;    /* 1-based; 0 when unknown */
    const char *path; /* JSON path such as $.body[2].text; not owned */
} bg_loc;

typedef struct bg_diag {
    bg_severity severity;
    char *file, *path, *message, *hint; /* owned by the sink */
    int line, col;
} bg_diag;

typedef struct bg_diags {
    bg_diag *items;
    size_t count, cap;
    size_t errors, warnings;
    size_t *seen; /* open-addressing set of item indices + 1, for de-duplication */
    size_t seen_cap;
} bg_diags;

void bg_diags_init(bg_diags *d);
void bg_diags_free(bg_diags *d);

/* Adds a diagnostic; the sink copies every string. */
void bg_diag_add(bg_diags *d, bg_severity sev, bg_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void bg_diag_addv(bg_diags *d, bg_severity sev, bg_loc loc, const char *fmt, va_list ap);
#define bg_error(d, ...) bg_diag_add((d), BG_ERROR, __VA_ARGS__)
#define bg_warning(d, ...) bg_diag_add((d), BG_WARNING, __VA_ARGS__)

/* Moves every diagnostic of late into d, late's i-th just before d's at[i]-th (at[] not
 * decreasing, none above d->count): for checks that finish after later problems were
 * reported, whose own problems belong before those. late is left empty (reusable). */
void bg_diags_merge(bg_diags *d, bg_diags *late, const size_t *at);
/* bg_diags_merge with every diagnostic of late after d's: for what was reported aside
 * and belongs after what d holds. */
void bg_diags_append(bg_diags *d, bg_diags *late);
/* Drops the diagnostics from index keep on (all when keep is 0). */
void bg_diags_truncate(bg_diags *d, size_t keep);

/* Sets a hint on the most recent diagnostic (copied). */
void bg_diag_hint(bg_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Formats one diagnostic as `file:line:col: error: message [$.path]` (`file: error: …`
 * when the line is not known, the bracket only when there is a path), the severity in
 * the user's language, and a hint on a second line. Returns a malloc'd string the
 * caller frees. */
char *bg_diag_format(const bg_diag *diag);
/* "error", "warning" or "note" in the user's language (not owned). */
const char *bg_severity_name(bg_severity sev);

#endif
