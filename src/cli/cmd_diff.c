/* cmd_diff.c: `baogao diff OLD.pdf NEW.pdf [--pages]`: what changed between two builds.
 * Pages are matched in order (a longest common subsequence of page keys): on PDFs baogao
 * wrote the key is the content digest each page records (running head and foot left out),
 * so the match is exact and no text needs reading; on other PDFs it is the page's text
 * without its folio. A matched page whose folio or position changed has "moved"; the
 * unmatched pages between two matches are paired as "changed", the rest are added or
 * removed. For each changed page: the table cells that changed (baogao's PDFs) and a
 * unified diff of its text in reading order. `--pages` prints only the physical pages of
 * NEW to reprint. Exit 0 when nothing changed, 1 when something did, 2 bad usage, 3 when
 * a file cannot be read. The output is described in docs/diff.md. */
#include "commands.h"
#include "pdfpages.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { S_SAME, S_MOVED, S_CHANGED, S_ADDED, S_REMOVED } S_status;

/* One step of the alignment: old page a and/or new page b (-1 when absent). */
typedef struct S_step {
    S_status status;
    long a, b;
} S_step;

/* A page's text split into lines (pointers into a copy), without blank lines and
 * without a first or last line that is only the page's label (its folio). */
typedef struct S_lines {
    char *copy;
    char **line;
    size_t count;
} S_lines;

static void S_lines_split(const char *text, const char *label, S_lines *l)
{
    memset(l, 0, sizeof *l);
    l->copy = bg_xstrdup(text);
    size_t cap = 0;
    for (char *p = l->copy, *next; p && *p; p = next) {
        next = strchr(p, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\r' || p[n - 1] == '\f'))
            p[--n] = '\0';
        while (*p == ' ' || *p == '\f')
            p++;
        if (!*p)
            continue;
        BG_GROW(l->line, cap, l->count + 1);
        l->line[l->count++] = p;
    }
    if (label && l->count && strcmp(l->line[l->count - 1], label) == 0)
        l->count--;
    if (label && l->count && strcmp(l->line[0], label) == 0) {
        memmove(l->line, l->line + 1, (l->count - 1) * sizeof *l->line);
        l->count--;
    }
}

static void S_lines_free(S_lines *l)
{
    free(l->copy);
    free(l->line);
}

/* The key a page is matched by (not owned; valid while doc and keys live). */
static const char *S_key(bg_pdfpages *doc, size_t i, bool ours, char **keep)
{
    if (ours)
        return doc->pages[i].content;
    S_lines l;
    S_lines_split(bg_pdfpages_text(doc, i), doc->pages[i].label, &l);
    bg_buf b;
    bg_buf_init(&b);
    for (size_t k = 0; k < l.count; k++) {
        bg_buf_puts(&b, l.line[k]);
        bg_buf_putc(&b, '\n');
    }
    S_lines_free(&l);
    *keep = bg_buf_take(&b);
    return *keep ? *keep : "";
}

/* Longest common subsequence of a[0..n) and b[0..m) by strcmp: match[i] is the index in b
 * matched to a[i], or -1. */
static void S_lcs(const char *const *a, size_t n, const char *const *b, size_t m, long *match)
{
    size_t w = m + 1;
    unsigned *t = bg_xcalloc((n + 1) * w, sizeof *t);
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            t[i * w + j] = strcmp(a[i], b[j]) == 0 ? t[(i + 1) * w + j + 1] + 1
                           : t[(i + 1) * w + j] >= t[i * w + j + 1] ? t[(i + 1) * w + j]
                                                                    : t[i * w + j + 1];
    for (size_t i = 0; i < n; i++)
        match[i] = -1;
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (strcmp(a[i], b[j]) == 0) {
            match[i++] = (long)j++;
        } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    free(t);
}

/* Aligns the pages; returns the steps (malloc'd) and their count in *count. */
static S_step *S_align(bg_pdfpages *old, bg_pdfpages *new, bool ours, size_t *count)
{
    size_t n = old->count, m = new->count;
    const char **ka = bg_xcalloc(n + 1, sizeof *ka), **kb = bg_xcalloc(m + 1, sizeof *kb);
    char **keep = bg_xcalloc(n + m + 1, sizeof *keep);
    for (size_t i = 0; i < n; i++)
        ka[i] = S_key(old, i, ours, &keep[i]);
    for (size_t j = 0; j < m; j++)
        kb[j] = S_key(new, j, ours, &keep[n + j]);
    long *match = bg_xcalloc(n + 1, sizeof *match);
    S_lcs(ka, n, kb, m, match);
    S_step *steps = bg_xcalloc(n + m + 1, sizeof *steps);
    size_t k = 0, i = 0, j = 0;
    while (i < n || j < m) {
        /* The gap up to the next match. */
        size_t i1 = i;
        while (i1 < n && match[i1] < 0)
            i1++;
        size_t j1 = i1 < n ? (size_t)match[i1] : m;
        while (i < i1 && j < j1)
            steps[k++] = (S_step){S_CHANGED, (long)i++, (long)j++};
        while (i < i1)
            steps[k++] = (S_step){S_REMOVED, (long)i++, -1};
        while (j < j1)
            steps[k++] = (S_step){S_ADDED, -1, (long)j++};
        if (i1 < n) {
            bool whole = ours ? strcmp(old->pages[i].whole, new->pages[j].whole) == 0
                              : strcmp(bg_pdfpages_text(old, i), bg_pdfpages_text(new, j)) == 0;
            bool same = whole && i == j && strcmp(old->pages[i].label, new->pages[j].label) == 0;
            bool moved = i != j || strcmp(old->pages[i].label, new->pages[j].label) != 0;
            steps[k++] = (S_step){same ? S_SAME : moved ? S_MOVED : S_CHANGED, (long)i++, (long)j++};
        }
    }
    for (size_t q = 0; q < n + m; q++)
        free(keep[q]);
    free(keep);
    free(ka);
    free(kb);
    free(match);
    *count = k;
    return steps;
}

/* "7-9,27": the physical pages (1-based) of NEW that are not the same as before. */
static void S_print_ranges(FILE *out, const S_step *steps, size_t count)
{
    long start = -1, prev = -1;
    bool first = true;
    for (size_t k = 0; k <= count; k++) {
        long p = k == count ? -1 : steps[k].b >= 0 && steps[k].status != S_SAME ? steps[k].b + 1 : -2;
        if (p == -2)
            continue;
        if (start >= 0 && p == prev + 1) {
            prev = p;
            continue;
        }
        if (start >= 0) {
            fprintf(out, "%s%ld", first ? "" : ",", start);
            if (prev > start)
                fprintf(out, "-%ld", prev);
            first = false;
        }
        start = prev = p;
    }
    fputc('\n', out);
}

/* One line of a summary: "changed: 5, 6, 7" with labels (old → new for moved pages). */
static void S_print_list(FILE *out, const char *what, const S_step *steps, size_t count, S_status st,
                         const bg_pdfpages *old, const bg_pdfpages *new)
{
    size_t n = 0;
    for (size_t k = 0; k < count; k++)
        n += steps[k].status == st;
    if (!n)
        return;
    fprintf(out, "%s:", what);
    for (size_t k = 0, i = 0; k < count; k++) {
        if (steps[k].status != st)
            continue;
        fputs(i++ ? ", " : " ", out);
        if (st == S_REMOVED)
            fputs(old->pages[steps[k].a].label, out);
        else if (st == S_MOVED)
            fprintf(out, "%s → %s", old->pages[steps[k].a].label, new->pages[steps[k].b].label);
        else
            fputs(new->pages[steps[k].b].label, out);
    }
    fputc('\n', out);
}

/* The cells of NEW page b whose value differs from the same cell (table, row, column)
 * anywhere in OLD. */
static void S_print_cells(FILE *out, const bg_pdfpages *old, const bg_pdf_page *pb)
{
    for (size_t c = 0; c < pb->cell_count; c++) {
        const bg_pdf_cell *nc = &pb->cells[c];
        const bg_pdf_cell *oc = NULL;
        for (size_t i = 0; i < old->count && !oc; i++)
            for (size_t k = 0; k < old->pages[i].cell_count && !oc; k++) {
                const bg_pdf_cell *x = &old->pages[i].cells[k];
                if (strcmp(x->table, nc->table) == 0 && strcmp(x->row, nc->row) == 0 &&
                    strcmp(x->column, nc->column) == 0)
                    oc = x;
            }
        if (oc && strcmp(oc->value, nc->value) != 0)
            fprintf(out, "%s (%s, %s): %s → %s\n", nc->label, nc->row, nc->column, oc->value, nc->value);
    }
}

/* A unified diff of two pages' lines, three lines of context, each hunk headed by the
 * page label ("@@ 7 @@", "@@ 7 → 8 @@" when the label changed). */
static void S_print_text_diff(FILE *out, const S_lines *a, const S_lines *b, const char *la, const char *lb)
{
    size_t n = a->count, m = b->count;
    long *match = bg_xcalloc(n + 1, sizeof *match);
    S_lcs((const char *const *)a->line, n, (const char *const *)b->line, m, match);
    /* The edit script as ops: ' ' both, '-' a only, '+' b only. */
    char *op = bg_xmalloc(n + m + 1);
    size_t *ia = bg_xcalloc(n + m + 1, sizeof *ia), *ib = bg_xcalloc(n + m + 1, sizeof *ib);
    size_t k = 0, i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && match[i] >= 0 && (size_t)match[i] == j) {
            op[k] = ' ', ia[k] = i++, ib[k++] = j++;
        } else if (i < n && match[i] < 0) {
            op[k] = '-', ia[k++] = i++;
        } else {
            op[k] = '+', ib[k++] = j++;
        }
    }
    const size_t ctx = 3;
    for (size_t s = 0; s < k;) {
        if (op[s] == ' ') {
            s++;
            continue;
        }
        size_t from = s > ctx ? s - ctx : 0, to = s;
        /* Extend over changes closer than 2 × context. */
        for (size_t q = s; q < k; q++) {
            if (op[q] != ' ')
                to = q;
            else if (q - to > 2 * ctx)
                break;
        }
        size_t end = to + 1 + ctx < k ? to + 1 + ctx : k;
        if (strcmp(la, lb) == 0)
            fprintf(out, "@@ %s @@\n", lb);
        else
            fprintf(out, "@@ %s → %s @@\n", la, lb);
        for (size_t q = from; q < end; q++)
            fprintf(out, "%c%s\n", op[q], op[q] == '+' ? b->line[ib[q]] : a->line[ia[q]]);
        s = end;
    }
    free(op);
    free(ia);
    free(ib);
    free(match);
}

int bg_cmd_diff(const bg_cli_options *o)
{
    const char *paths[2] = {o->input, o->target};
    bg_pdfpages docs[2];
    for (int d = 0; d < 2; d++) {
        char *why = NULL;
        if (bg_pdfpages_open(paths[d], &docs[d], &why) != 0) {
            fprintf(stderr, _("%s: error: cannot read: %s\n"), paths[d], why);
            free(why);
            if (d == 1)
                bg_pdfpages_close(&docs[0]);
            bg_pdfpages_close(&docs[d]);
            return BG_EXIT_IO;
        }
    }
    bg_pdfpages *old = &docs[0], *new = &docs[1];
    bool ours = old->ours && new->ours;
    size_t count;
    S_step *steps = S_align(old, new, ours, &count);
    bool changed = old->count != new->count;
    for (size_t k = 0; k < count; k++)
        changed = changed || steps[k].status != S_SAME;
    FILE *out = stdout;

    if (o->pages) {
        if (changed)
            S_print_ranges(out, steps, count);
    } else {
        bool same_doc = (old->title && new->title && strcmp(old->title, new->title) == 0) ||
                        (!old->title && !new->title);
        char *na = bg_strprintf(P_("%zu page", "%zu pages", old->count), old->count);
        char *nb = bg_strprintf(P_("%zu page", "%zu pages", new->count), new->count);
        fprintf(out, _("old: %s, %s\nnew: %s, %s\n"), paths[0], na, paths[1], nb);
        free(na);
        free(nb);
        if (same_doc)
            fprintf(out, _("the same document: %s\n"), old->title ? old->title : _("(untitled)"));
        else
            fprintf(out, _("different documents: %s and %s\n"), old->title ? old->title : _("(untitled)"),
                    new->title ? new->title : _("(untitled)"));
        fprintf(out, _("compared by: %s\n"),
                ours ? _("the page digests baogao recorded") : _("the text of each page"));
        if (!changed) {
            fputs(_("no page changed\n"), out);
        } else {
            S_print_list(out, _("changed"), steps, count, S_CHANGED, old, new);
            S_print_list(out, _("moved"), steps, count, S_MOVED, old, new);
            S_print_list(out, _("added"), steps, count, S_ADDED, old, new);
            S_print_list(out, _("removed"), steps, count, S_REMOVED, old, new);
            fputs(_("reprint: "), out);
            S_print_ranges(out, steps, count);
        }
        for (size_t k = 0; k < count; k++) {
            if (steps[k].status != S_CHANGED)
                continue;
            const bg_pdf_page *pa = &old->pages[steps[k].a], *pb = &new->pages[steps[k].b];
            fprintf(out, _("\npage %s (physical page %ld):\n"), pb->label, steps[k].b + 1);
            if (ours)
                S_print_cells(out, old, pb);
            S_lines la, lb;
            S_lines_split(bg_pdfpages_text(old, steps[k].a), pa->label, &la);
            S_lines_split(bg_pdfpages_text(new, steps[k].b), pb->label, &lb);
            fprintf(out, "--- %s\n+++ %s\n", paths[0], paths[1]);
            S_print_text_diff(out, &la, &lb, pa->label, pb->label);
            S_lines_free(&la);
            S_lines_free(&lb);
        }
    }
    free(steps);
    bg_pdfpages_close(old);
    bg_pdfpages_close(new);
    return changed ? 1 : BG_EXIT_OK;
}
