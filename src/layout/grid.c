/* grid.c: setting a paragraph on a character grid (typo.grid_chars > 0), as official
 * documents are set (GB/T 9704: 28 characters a line). Every Han character and every
 * full-width mark takes one whole cell of measure/chars, its ink centred in it: no mark
 * is squeezed (shaping leaves them full on a grid). A run of Latin letters or digits
 * takes a whole number of cells and is centred in them (flush left where it starts a
 * line, so every line starts at the grid's left edge); a run a little wider than its
 * cells (up to 15% of a cell) is set a little tighter rather than given another cell, so
 * "2022" is two cells. A footnote mark is Latin too: with the number before it, or a cell
 * of its own (set over the next mark it hid the mark, and text extraction read it out of
 * order). Lines are filled first-fit and never stretched;
 * where a closing mark would start a line it hangs after the last cell (typo.grid_hang)
 * or the line is broken one character earlier, as clreq allows. A paragraph does not
 * end with a line of fewer than typo.min_last cells where one more character can be
 * taken down from the line before. */
#include "grid.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../text/breaks.h"
#include "../text/chars.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How much wider than its cells a Latin run may be before it takes another cell. */
#define LATIN_TIGHT 0.15

enum { S_OFF, S_CELL, S_FREE }; /* off-grid (Latin), one cell, no width */

typedef struct {
    double *w;     /* natural width of each glyph, pt */
    uint8_t *kind; /* S_OFF, S_CELL or S_FREE */
    bool *closing; /* a mark that may not start a line */
    double cell;
} S_grid;

static uint32_t S_cp(const bg_shaped *s, size_t k)
{
    size_t at = s->glyphs[k].cluster;
    return bg_utf8_next(s->text, s->len, &at);
}

static void S_grid_init(S_grid *g, const bg_shaped *s, double cell)
{
    size_t n = s->count ? s->count : 1;
    g->cell = cell;
    g->w = bg_xcalloc(n, sizeof *g->w);
    g->kind = bg_xcalloc(n, sizeof *g->kind);
    g->closing = bg_xcalloc(n, sizeof *g->closing);
    for (size_t k = 0; k < s->count; k++) {
        const bg_shaped_glyph *gl = &s->glyphs[k];
        uint32_t cp = S_cp(s, k);
        bg_char_class c = bg_char_classify(cp);
        double em = s->runs[gl->run].size;
        g->w[k] = gl->advance;
        bool full = gl->advance >= 0.9 * em; /* a full-width dash, ellipsis or space */
        if ((gl->flags & BG_GLYPH_CLUSTER_START) &&
            (c == BG_CHAR_HAN || bg_char_is_cjk_punct(c) || (c == BG_CHAR_INSEP && full) || cp == 0x3000))
            g->kind[k] = S_CELL;
        g->closing[k] = g->kind[k] == S_CELL && bg_char_no_line_start(cp);
    }
    for (size_t k = 0; k < s->count; k++) {
        if (g->kind[k] != S_OFF)
            continue;
        /* A space between Han and Latin: the cells around the Latin give the gap. */
        bool cell_before = k > 0 && g->kind[k - 1] == S_CELL, cell_after = k + 1 < s->count && g->kind[k + 1] == S_CELL;
        if (s->text[s->glyphs[k].cluster] == ' ' && (cell_before || cell_after))
            g->kind[k] = S_FREE;
    }
}

static void S_grid_free(S_grid *g)
{
    free(g->w);
    free(g->kind);
    free(g->closing);
}

/* Cells an off-grid run of natural width `run` takes (0 for a run of spaces only). */
static double S_cells(const S_grid *g, double run, bool blank)
{
    if (blank)
        return 0;
    double n = ceil(run / g->cell - LATIN_TIGHT);
    return n < 1 ? 1 : n;
}

/* Width of [a, e) on the grid, pt: cells, and off-grid runs rounded to whole cells. */
static double S_width(const bg_shaped *s, const S_grid *g, size_t a, size_t e)
{
    double total = 0, run = 0;
    bool blank = true, in_run = false;
    for (size_t k = a; k <= e; k++) {
        if (k < e && g->kind[k] == S_OFF) {
            run += g->w[k];
            blank = blank && (s->glyphs[k].flags & BG_GLYPH_SPACE);
            in_run = true;
            continue;
        }
        if (in_run)
            total += S_cells(g, run, blank) * g->cell;
        run = 0;
        blank = true;
        in_run = false;
        if (k < e && g->kind[k] == S_CELL)
            total += g->cell;
    }
    return total;
}

static size_t S_trim(const bg_shaped *s, size_t a, size_t e)
{
    while (e > a + 1 && (s->glyphs[e - 1].flags & BG_GLYPH_SPACE))
        e--;
    return e;
}

/* Places [a, e) from pen 0; returns the width set. */
static double S_place(const bg_shaped *s, const S_grid *g, size_t a, size_t e, bg_lines *out)
{
    double pen = 0;
    for (size_t k = a; k < e;) {
        const bg_shaped_glyph *gl = &s->glyphs[k];
        if (g->kind[k] == S_CELL) {
            out->x[k] = (float)pen;
            out->shift[k] = (float)((gl->advance - g->cell) / 2); /* ink centred in the cell */
            pen += g->cell;
            k++;
            continue;
        }
        if (g->kind[k] == S_FREE) {
            out->x[k] = (float)pen;
            out->shift[k] = 0;
            k++;
            continue;
        }
        size_t run_end = k;
        double run = 0;
        bool blank = true;
        while (run_end < e && g->kind[run_end] == S_OFF) {
            blank = blank && (s->glyphs[run_end].flags & BG_GLYPH_SPACE);
            run += g->w[run_end++];
        }
        double room = S_cells(g, run, blank) * g->cell;
        /* tighter where the run is a little wider than its cells */
        double tight = run > room && run_end - k > 1 ? (run - room) / (double)(run_end - k - 1) : 0;
        double set = run - tight * (double)(run_end - k - (run_end - k > 1 ? 1 : 0));
        double x = pen == 0 ? 0 : pen + (room - set) / 2; /* flush left at the line start */
        for (; k < run_end; k++) {
            out->x[k] = (float)x;
            out->shift[k] = 0;
            x += g->w[k] - tight;
        }
        pen += room;
    }
    return pen;
}

/* The end of a line [a, …) broken inside a piece wider than the line, as a last resort:
 * the last grapheme boundary (bounds, from ICU) at the start of a glyph cluster where
 * the line still fits, and at least one cluster. */
static size_t S_emergency_end(const bg_shaped *s, const S_grid *g, const uint8_t *bounds, size_t a, double room)
{
    size_t best = a + 1;
    while (best < s->count && !(s->glyphs[best].flags & BG_GLYPH_CLUSTER_START))
        best++;
    for (size_t e = best + 1; e < s->count; e++) {
        const bg_shaped_glyph *gl = &s->glyphs[e];
        if (!(gl->flags & BG_GLYPH_CLUSTER_START) || !bounds[gl->cluster])
            continue;
        if (S_width(s, g, a, e) > room)
            break;
        best = e;
    }
    return best;
}

/* A line from a: its end (glyphs [a, *end) are set) and where the next line starts.
 * `limit` (when > a) is a glyph the line must end before: the line is re-broken to
 * give the last line more. */
static void S_line(const bg_shaped *s, const S_grid *g, uint8_t **bounds, size_t a, double room, size_t limit,
                   size_t *end, size_t *next, size_t *forced)
{
    size_t best_e = 0, best_next = 0;
    double least = 0; /* what [a, k] takes at the least */
    for (size_t k = a; k < s->count; k++) {
        bool last = k + 1 == s->count;
        least += g->kind[k] == S_CELL ? g->cell : g->kind[k] == S_OFF ? g->w[k] * (1 - LATIN_TIGHT) : 0;
        if (!best_e && least > room && k > a && !(s->glyphs[k].flags & BG_GLYPH_SPACE)) {
            /* The first piece cannot fit: break it between two characters, found without
             * scanning on to its end (which made a long word quadratic). */
            if (!*bounds) {
                *bounds = bg_xcalloc(s->len + 1, 1);
                bg_breaks_graphemes(s->text, s->len, *bounds);
            }
            best_e = best_next = S_emergency_end(s, g, *bounds, a, room);
            (*forced)++;
            break;
        }
        if (!last && !(s->glyphs[k].flags & BG_GLYPH_BREAK_AFTER))
            continue;
        if (limit > a && k + 1 > limit && best_e)
            break;
        size_t e = S_trim(s, a, k + 1);
        double w = S_width(s, g, a, e);
        /* a closing mark that would start the next line hangs after the last cell */
        bool hangs = s->typo.grid_hang && w > room && w - g->cell <= room && g->closing[e - 1] &&
                     !(e - 1 > a && g->closing[e - 2] && w - 2 * g->cell > room - g->cell);
        if (w > room && !hangs && best_e)
            break;
        best_e = e;
        best_next = k + 1;
        if (s->glyphs[k].flags & BG_GLYPH_HARD_BREAK)
            break;
        if (w > room)
            break; /* hanging, or one piece wider than the line: overfull, alone */
    }
    *end = best_e;
    *next = best_next;
}

/* Fills lines from glyph a (line index n) to the paragraph's end into ends/nexts;
 * line n ends before `limit` when limit > 0. Returns the line count. */
static size_t S_fill(const bg_shaped *s, const S_grid *g, uint8_t **bounds, double measure, double indent0, size_t a,
                     size_t n, size_t limit, size_t *ends, size_t *nexts, size_t *forced)
{
    for (bool first = true; a < s->count; first = false) {
        double indent = a == 0 ? indent0 : 0;
        S_line(s, g, bounds, a, measure - indent + 1e-6, first ? limit : 0, &ends[n], &nexts[n], forced);
        a = nexts[n++];
    }
    return n;
}

int bg_grid_break(const bg_shaped *s, double measure, double first_indent, bg_lines *out)
{
    uint8_t *bounds = NULL; /* grapheme boundaries, found when a piece is too wide */
    /* The page's cell; a narrower measure (a case box) holds fewer whole cells. */
    double cell = s->typo.grid_cell > 0 ? s->typo.grid_cell : measure / s->typo.grid_chars;
    double cells = floor(measure / cell + 1e-6);
    measure = cells * cell;
    S_grid g;
    S_grid_init(&g, s, cell);
    out->lines = bg_xcalloc(s->count + 1, sizeof *out->lines);
    out->x = bg_xcalloc(s->count, sizeof *out->x);
    out->shift = bg_xcalloc(s->count, sizeof *out->shift);
    double indent = round(first_indent / (s->em > 0 ? s->em : cell)) * cell;
    size_t *ends = bg_xcalloc(s->count + 1, sizeof *ends), *nexts = bg_xcalloc(s->count + 1, sizeof *nexts);
    size_t forced = 0;
    size_t n = S_fill(s, &g, &bounds, measure, indent, 0, 0, 0, ends, nexts, &forced);
    /* A last line of fewer than min_last cells: the line before ends one break earlier,
     * if the paragraph then still takes as many lines. */
    if (n >= 2 && s->typo.min_last > 1 &&
        S_width(s, &g, nexts[n - 2], ends[n - 1]) < s->typo.min_last * cell - 1e-6) {
        size_t *e2 = bg_xcalloc(s->count + 1, sizeof *e2), *n2 = bg_xcalloc(s->count + 1, sizeof *n2);
        memcpy(e2, ends, n * sizeof *e2);
        memcpy(n2, nexts, n * sizeof *n2);
        size_t from = n >= 3 ? nexts[n - 3] : 0, f2 = 0;
        size_t m = S_fill(s, &g, &bounds, measure, indent, from, n - 2, nexts[n - 2] - 1, e2, n2, &f2);
        if (m == n && n2[n - 2] < nexts[n - 2] && e2[n - 2] > from && f2 == 0) {
            memcpy(ends, e2, n * sizeof *e2);
            memcpy(nexts, n2, n * sizeof *n2);
        }
        free(e2);
        free(n2);
    }
    out->forced = forced;
    for (size_t i = 0; i < n; i++) {
        size_t first = i == 0 ? 0 : nexts[i - 1];
        bg_line *line = &out->lines[out->count++];
        line->first = first;
        line->count = ends[i] - first;
        line->indent = first == 0 ? indent : 0;
        line->width = S_place(s, &g, first, ends[i], out);
    }
    free(ends);
    free(nexts);
    S_grid_free(&g);
    free(bounds);
    return 0;
}
