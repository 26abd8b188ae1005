/* grid.c: setting a paragraph on a character grid (typo.grid_chars > 0), as official
 * documents are set (GB/T 9704: 28 characters a line). Every Han character and
 * full-width mark takes one cell of measure/chars; a mark squeezed by its neighbour takes
 * half a cell; Latin letters and digits keep their widths, padded to whole half cells and
 * centred, so the characters after them are back on the grid. Lines are filled first-fit
 * and never stretched; where a line would end before a mark that may not start the next,
 * marks in the line give up half a cell each (line end first) before a character is
 * pushed down. */
#include "grid.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../text/breaks.h"
#include "../text/chars.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double *w;      /* grid width of each glyph, pt */
    bool *on_grid;  /* a Han character or full-width mark */
    bool *halvable; /* a full-cell mark that may give up half a cell */
    double cell;
} S_grid;

static bg_char_class S_class(const bg_shaped *s, size_t k)
{
    size_t at = s->glyphs[k].cluster;
    return bg_char_classify(bg_utf8_next(s->text, s->len, &at));
}

static void S_grid_init(S_grid *g, const bg_shaped *s, double cell)
{
    g->cell = cell;
    g->w = bg_xcalloc(s->count ? s->count : 1, sizeof *g->w);
    g->on_grid = bg_xcalloc(s->count ? s->count : 1, sizeof *g->on_grid);
    g->halvable = bg_xcalloc(s->count ? s->count : 1, sizeof *g->halvable);
    for (size_t k = 0; k < s->count; k++) {
        const bg_shaped_glyph *gl = &s->glyphs[k];
        bg_char_class c = S_class(s, k);
        if ((c == BG_CHAR_HAN || bg_char_is_cjk_punct(c)) && (gl->flags & BG_GLYPH_CLUSTER_START)) {
            bool halved = gl->squeeze >= 0.4 * s->runs[gl->run].size;
            g->on_grid[k] = true;
            g->w[k] = halved ? cell / 2 : cell;
            g->halvable[k] = !halved && (gl->shrink > 0 || gl->shrink_at_end > 0);
        } else {
            g->w[k] = gl->advance;
        }
    }
    /* A space between Han and Latin is the Han–Latin gap, which the grid's padding of
     * Latin stretches already gives. */
    for (size_t k = 0; k < s->count; k++) {
        bool han_before = k > 0 && g->on_grid[k - 1], han_after = k + 1 < s->count && g->on_grid[k + 1];
        bool ascii_space = s->text[s->glyphs[k].cluster] == ' ';
        if (ascii_space && (han_before || han_after))
            g->w[k] = 0;
    }
}

static void S_grid_free(S_grid *g)
{
    free(g->w);
    free(g->on_grid);
    free(g->halvable);
}

/* An off-grid stretch (Latin, digits) rounded up to whole half cells, with at least
 * 0.15 cell of room on each side (at most 0.4): the Han–Latin gap of a grid. */
static double S_padded(const S_grid *g, double run)
{
    double half = g->cell / 2;
    return ceil((run + g->cell * 0.3) / half - 1e-6) * half;
}

/* Width of [a, e) on the grid: off-grid stretches rounded up to half cells. */
static double S_width(const S_grid *g, size_t a, size_t e)
{
    double total = 0, run = 0;
    for (size_t k = a; k <= e; k++) {
        if (k < e && !g->on_grid[k]) {
            run += g->w[k];
            continue;
        }
        if (run > 0)
            total += S_padded(g, run);
        run = 0;
        if (k < e)
            total += g->w[k];
    }
    return total;
}

static int S_halvable(const S_grid *g, size_t a, size_t e)
{
    int n = 0;
    for (size_t k = a; k < e; k++)
        n += g->halvable[k];
    return n;
}

static size_t S_trim(const bg_shaped *s, size_t a, size_t e)
{
    while (e > a + 1 && (s->glyphs[e - 1].flags & BG_GLYPH_SPACE))
        e--;
    return e;
}

/* Places [a, e) from pen 0, halving `halve` marks from the line end backwards. */
static double S_place(const bg_shaped *s, const S_grid *g, size_t a, size_t e, int halve, bg_lines *out)
{
    bool *halved = bg_xcalloc(e - a, sizeof *halved);
    for (size_t k = e; k-- > a && halve > 0;)
        if (g->halvable[k]) {
            halved[k - a] = true;
            halve--;
        }
    double pen = 0;
    for (size_t k = a; k < e;) {
        if (g->on_grid[k]) {
            const bg_shaped_glyph *gl = &s->glyphs[k];
            double w = halved[k - a] ? g->cell / 2 : g->w[k];
            out->x[k] = (float)pen;
            if (halved[k - a]) /* the ink keeps its side; a leading blank is cut */
                out->shift[k] = (gl->flags & BG_GLYPH_BLANK_LEFT) ? gl->shrink : 0;
            else /* centre the ink in its cell(s) */
                out->shift[k] = (float)((gl->advance - w) / 2);
            pen += w;
            k++;
            continue;
        }
        size_t run_end = k;
        double run = 0;
        while (run_end < e && !g->on_grid[run_end])
            run += g->w[run_end++];
        double padded = S_padded(g, run);
        double x = pen + (padded - run) / 2;
        for (; k < run_end; k++) {
            out->x[k] = (float)x;
            out->shift[k] = 0;
            x += g->w[k];
        }
        pen += padded;
    }
    free(halved);
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
        if (S_width(g, a, e) > room)
            break;
        best = e;
    }
    return best;
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
    double indent_cells = round(first_indent / (s->em > 0 ? s->em : cell));
    size_t a = 0;
    while (a < s->count) {
        double indent = a == 0 ? indent_cells * cell : 0;
        double room = measure - indent + 1e-6;
        size_t best_e = 0, best_next = 0;
        int best_halve = 0;
        double least = 0; /* what [a, k] takes at the least (all marks halved, no padding) */
        for (size_t k = a; k < s->count; k++) {
            bool last = k + 1 == s->count;
            least += g.halvable[k] ? cell / 2 : g.w[k];
            if (!best_e && least > room && k > a && !(s->glyphs[k].flags & BG_GLYPH_SPACE)) {
                /* The first piece cannot fit: break it between two characters, found
                 * without scanning on to its end (which made a long word quadratic). */
                if (!bounds) {
                    bounds = bg_xcalloc(s->len + 1, 1);
                    bg_breaks_graphemes(s->text, s->len, bounds);
                }
                best_e = best_next = S_emergency_end(s, &g, bounds, a, room);
                best_halve = 0;
                out->forced++;
                break;
            }
            if (!last && !(s->glyphs[k].flags & BG_GLYPH_BREAK_AFTER))
                continue;
            size_t e = S_trim(s, a, k + 1);
            double w = S_width(&g, a, e);
            int halve = 0;
            int can = S_halvable(&g, a, e);
            while (w > room && halve < can) {
                halve++;
                w -= cell / 2;
            }
            if (w > room && best_e)
                break;
            best_e = e;
            best_next = k + 1;
            best_halve = halve;
            if (s->glyphs[k].flags & BG_GLYPH_HARD_BREAK)
                break;
            if (w > room)
                break; /* one piece wider than the line: overfull, alone */
        }
        bg_line *line = &out->lines[out->count++];
        line->first = a;
        line->count = best_e - a;
        line->indent = indent;
        line->width = S_place(s, &g, a, best_e, best_halve, out);
        a = best_next;
    }
    S_grid_free(&g);
    free(bounds);
    return 0;
}
