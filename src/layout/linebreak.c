/* linebreak.c: total-fit line breaking and line setting for shaped paragraphs
 * (linebreak.h). A line's width comes from prefix sums over the glyphs, so trying a line
 * costs O(1); the search keeps, per break opportunity and fitness class, the cheapest way
 * to reach it. Shrinking: line-end marks first (always, when the layout sets line-end
 * adjustment), then all of a line's spaces, Han–Latin gaps and punctuation blanks evenly,
 * in proportion to what each may give up, so that no gap is squeezed to its limit while
 * punctuation keeps its blank; stretching spreads space evenly over the points shape.c
 * marked. A Han–Latin gap stays within 1/8–1/3 em: it shrinks no further than 1/8 em,
 * and a point next to a gap (or a space) stretches no further than 1/3 em allows, the
 * rest going to the line's other points; a line that could only be set with a wider
 * gap costs as much as an overfull one, so the paragraph is broken elsewhere. */
#include "linebreak.h"
#include "grid.h"
#include "../text/breaks.h"
#include "../text/chars.h"
#include "../text/words.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FITNESS_COUNT = 4, GREEDY_ABOVE = 20000 };
#define INFEASIBLE 1e30
#define STRETCH_PER_POINT 0.08 /* em of nominal stretch per stretch point */
#define GAP_MIN (1.0 / 8) /* em: the narrowest Han–Latin gap */
#define GAP_MAX (1.0 / 3) /* em: the widest */

/* Prefix sums over glyphs [0, i). */
typedef struct {
    double *width;        /* advance + gap_before */
    double *space_shrink; /* spaces and Han–Latin gaps: half of each */
    double *punct_shrink; /* punctuation blank */
    int *stretch;         /* stretch points */
    int *gap_points;      /* stretch points next to a Han–Latin gap or a space */
    double *gap_room;     /* what those may take before a gap passes 1/3 em */
} S_sums;

/* A candidate line [first, end) as measured. */
typedef struct {
    double width;                     /* natural width with line-edge adjustments */
    double space_shrink, punct_shrink; /* what may still be taken away */
    int stretch;                      /* stretch points inside the line */
    int gap_points;                   /* of them, next to a gap or a space */
    double gap_room;                  /* what those may take in all */
} S_measure;

static bool S_has(const bg_shaped_glyph *g, int flag) { return (g->flags & flag) != 0; }

static double S_em_of(const bg_shaped *s, const bg_shaped_glyph *g) { return s->runs[g->run].size; }

/* A space or gap shrinks by half, and never below 1/8 em. */
static double S_space_shrink(const bg_shaped *s, const bg_shaped_glyph *g)
{
    double w = S_has(g, BG_GLYPH_SPACE) ? g->advance : g->gap_before;
    double floor = GAP_MIN * S_em_of(s, g);
    double half = w * 0.5;
    return w - half >= floor ? half : w > floor ? w - floor : 0;
}

/* For a stretch point after glyph i: whether it sits next to a Han–Latin gap or a space
 * (then *room is what it may take before that passes 1/3 em; a space has two points). */
static bool S_gap_point(const bg_shaped *s, size_t i, double *room)
{
    const bg_shaped_glyph *g = &s->glyphs[i], *n = i + 1 < s->count ? &s->glyphs[i + 1] : NULL;
    double max = GAP_MAX * S_em_of(s, g);
    if (n && n->gap_before > 0) {
        *room = max - n->gap_before > 0 ? max - n->gap_before : 0;
        return true;
    }
    const bg_shaped_glyph *sp = S_has(g, BG_GLYPH_SPACE) ? g : n && S_has(n, BG_GLYPH_SPACE) ? n : NULL;
    if (!sp)
        return false;
    *room = max - sp->advance > 0 ? (max - sp->advance) / 2 : 0;
    return true;
}

static void S_sums_init(S_sums *p, const bg_shaped *s)
{
    size_t n = s->count + 1;
    p->width = bg_xmalloc(n * sizeof *p->width);
    p->space_shrink = bg_xmalloc(n * sizeof *p->space_shrink);
    p->punct_shrink = bg_xmalloc(n * sizeof *p->punct_shrink);
    p->stretch = bg_xmalloc(n * sizeof *p->stretch);
    p->gap_points = bg_xmalloc(n * sizeof *p->gap_points);
    p->gap_room = bg_xmalloc(n * sizeof *p->gap_room);
    p->width[0] = p->space_shrink[0] = p->punct_shrink[0] = p->gap_room[0] = 0;
    p->stretch[0] = p->gap_points[0] = 0;
    for (size_t i = 0; i < s->count; i++) {
        const bg_shaped_glyph *g = &s->glyphs[i];
        p->width[i + 1] = p->width[i] + g->advance + g->gap_before;
        p->space_shrink[i + 1] = p->space_shrink[i] + S_space_shrink(s, g);
        p->punct_shrink[i + 1] = p->punct_shrink[i] + g->shrink;
        bool point = S_has(g, BG_GLYPH_STRETCH_AFTER);
        double room = 0;
        bool gap = point && S_gap_point(s, i, &room);
        p->stretch[i + 1] = p->stretch[i] + (point ? 1 : 0);
        p->gap_points[i + 1] = p->gap_points[i] + (gap ? 1 : 0);
        p->gap_room[i + 1] = p->gap_room[i] + (gap ? room : 0);
    }
}

static void S_sums_free(S_sums *p)
{
    free(p->width);
    free(p->space_shrink);
    free(p->punct_shrink);
    free(p->stretch);
    free(p->gap_points);
    free(p->gap_room);
}

/* The end of a line broken after glyph `last`: trailing spaces are dropped. */
static size_t S_line_end(const bg_shaped *s, size_t first, size_t last_plus_one)
{
    size_t e = last_plus_one;
    while (e > first + 1 && S_has(&s->glyphs[e - 1], BG_GLYPH_SPACE))
        e--;
    return e;
}

/* Inlined: the breaker's inner loop measures ~475,000 lines on the 2023 report. */
static inline __attribute__((always_inline)) S_measure S_measure_line(const bg_shaped *s, const S_sums *p,
                                                                      size_t a, size_t e)
{
    const bg_shaped_glyph *first = &s->glyphs[a], *last = &s->glyphs[e - 1];
    S_measure m;
    m.width = p->width[e] - p->width[a] - first->gap_before;
    /* a gap at a line start is dropped, and with it its shrink */
    m.space_shrink = p->space_shrink[e] - p->space_shrink[a] -
                     (first->gap_before > 0 ? S_space_shrink(s, first) : 0);
    m.punct_shrink = p->punct_shrink[e] - p->punct_shrink[a];
    m.stretch = e - a > 1 ? p->stretch[e - 1] - p->stretch[a] : 0;
    m.gap_points = e - a > 1 ? p->gap_points[e - 1] - p->gap_points[a] : 0;
    m.gap_room = e - a > 1 ? p->gap_room[e - 1] - p->gap_room[a] : 0;
    if (first->shrink_at_start > 0) {
        m.width -= first->shrink_at_start;
        m.punct_shrink -= first->shrink;
    }
    if (last->shrink_at_end > 0 && e - 1 != a) {
        m.width -= last->shrink_at_end;
        m.punct_shrink -= last->shrink;
    }
    if (m.punct_shrink < 0)
        m.punct_shrink = 0;
    return m;
}

/* TeX-style badness of setting m at width target; INFEASIBLE when it cannot shrink enough. */
static inline double S_badness(const bg_shaped *s, const S_measure *m, double target, bool ragged,
                               int *fitness)
{
    double slack = target - m->width;
    *fitness = 1;
    if (slack < 0) {
        double can = m->space_shrink + m->punct_shrink;
        if (-slack > can + 1e-6)
            return INFEASIBLE;
        double r = can > 0 ? -slack / can : 0;
        *fitness = r > 0.5 ? 0 : 1;
        return 100 * r * r * r;
    }
    if (ragged)
        return 0;
    double can = m->stretch * STRETCH_PER_POINT * s->em;
    /* only gaps to stretch, and they would pass 1/3 em: as bad as no stretch at all */
    if (m->stretch == m->gap_points && slack > m->gap_room + 0.01)
        can = 0;
    if (can <= 0)
        return slack < 0.01 ? 0 : 1e6 * (1 + slack / s->em);
    double r = slack / can;
    *fitness = r > 1 ? 3 : r > 0.5 ? 2 : 1;
    /* Not capped: among lines that must be loose, the less loose one should win. */
    return 100 * r * r * r;
}

typedef struct {
    double demerits;
    size_t prev; /* index into breaks */
    int prev_fitness;
} S_node;

/* Break positions: where a line may start. breaks[0] = 0, last = count. */
static size_t *S_break_positions(const bg_shaped *s, size_t *n)
{
    size_t *b = bg_xmalloc((s->count + 2) * sizeof *b);
    size_t k = 0;
    b[k++] = 0;
    for (size_t i = 0; i + 1 < s->count; i++)
        if (S_has(&s->glyphs[i], BG_GLYPH_BREAK_AFTER))
            b[k++] = i + 1;
    b[k++] = s->count;
    *n = k;
    return b;
}

/* A stretch between two break opportunities wider than the measure would run off the
 * page: as a last resort it may break at any grapheme boundary inside it (ICU), at the
 * start of a glyph cluster. Rebuilds pos with those positions, *emerg marking them. */
static void S_emergency_positions(const bg_shaped *s, const S_sums *p, size_t **pos, size_t *npos,
                                  double measure, double first_indent, bool **emerg)
{
    *emerg = NULL;
    size_t *b = *pos, n = *npos;
    size_t *out = NULL;
    bool *flags = NULL;
    size_t k = 0;
    uint8_t *bounds = NULL;
    for (size_t i = 0; i + 1 < n; i++) {
        size_t a = b[i], e = S_line_end(s, a, b[i + 1]);
        double target = measure - (a == 0 ? first_indent : 0);
        S_measure m = S_measure_line(s, p, a, e);
        bool wide = e - a > 1 && m.width - m.space_shrink - m.punct_shrink > target + 1e-6;
        if (wide && !out) {
            out = bg_xmalloc((s->count + 2) * sizeof *out);
            flags = bg_xcalloc(s->count + 2, sizeof *flags);
            memcpy(out, b, (i + 1) * sizeof *out);
            k = i + 1;
            bounds = bg_xcalloc(s->len + 1, 1);
            bg_breaks_graphemes(s->text, s->len, bounds);
        } else if (out) {
            out[k++] = b[i];
        }
        if (!wide)
            continue;
        if (k == 0 || out[k - 1] != a)
            out[k++] = a;
        for (size_t g = a + 1; g < e; g++) {
            const bg_shaped_glyph *gl = &s->glyphs[g];
            if ((gl->flags & BG_GLYPH_CLUSTER_START) && gl->cluster <= s->len && bounds[gl->cluster] &&
                gl->cluster > s->glyphs[g - 1].cluster) {
                flags[k] = true;
                out[k++] = g;
            }
        }
    }
    if (!out)
        return;
    out[k++] = b[n - 1];
    free(b);
    free(bounds);
    *pos = out;
    *npos = k;
    *emerg = flags;
}

static bool S_hard_before(const bg_shaped *s, size_t pos)
{
    return pos > 0 && pos < s->count && S_has(&s->glyphs[pos - 1], BG_GLYPH_HARD_BREAK);
}

/* A last line shorter than typo.min_last characters (2 by default: a character alone)
 * looks wrong: it costs as much as a very loose line, so the breaker avoids it where a
 * tolerable alternative exists. */
static double S_last_line_demerits(const bg_shaped *s, const S_measure *m)
{
    int min = s->typo.min_last > 0 ? s->typo.min_last : 2;
    return m->width < min * s->em - 0.01 ? 50000 : 0;
}

/* Knuth–Plass over the break positions. For each end j the starts i are tried from the
 * longest line on; the costs of a try are kept to what the line needs: the line end
 * without trailing spaces and whether a forced break precedes each position are found
 * once, and the fitness classes of a start whose cheapest node could not improve the
 * end's node are not visited (no demerits can go below that: the same choices as trying
 * each, measured 132 → … M instructions on the 2023 build).
 * The starts of the short lines to j, which fit with room to spare, are not measured
 * one by one to find the longest line: in a paragraph whose advances, gaps and line-edge
 * shrinks are none negative, a line's width is at most the difference of the prefix
 * widths, which only grows with the line, so the starts i >= q whose difference is within
 * the measure (q found by a pointer that only moves forward) are each measured only when
 * tried, and what the starts after a try could at best give (S_try) comes from the next
 * start measured exactly, a bound on the ones after it and the least node over them;
 * only the few starts before q are measured from q - 1 back until one is too wide.
 * Bounds no tighter than the exact ones only let fewer starts be skipped: the same
 * breaks (the first pass measured every start, 474,000 lines on the 2023 build). */
/* What a line of fitness `fit` after one of fitness f costs more, [i > 0][fit][f]: 3000
 * for a tight line next to a loose one, 1000 for two adjusted lines in a row. */
static const double S_jump[2][FITNESS_COUNT][FITNESS_COUNT] = {
    {{0}}, {{0, 0, 3000, 3000}, {0, 0, 0, 3000}, {3000, 0, 0, 0}, {3000, 3000, 0, 0}}};
static const double S_twice[2][FITNESS_COUNT][FITNESS_COUNT] = {
    {{0}}, {{1000, 0, 1000, 1000}, {0, 0, 0, 0}, {1000, 0, 1000, 1000}, {1000, 0, 1000, 1000}}};

/* A start that a line to some end may have and, over the starts after it (shorter
 * lines), the least slack, the most stretch points and the cheapest node (or bounds:
 * no more slack, no fewer points, no dearer node). */
typedef struct {
    size_t start; /* index into the break positions */
    bool over;    /* the overfull last resort */
    double slack_after, least_after;
    int stretch_after;
} S_try;

/* Whether no start after t could lower a node at the end: the least badness such a
 * line can have, from the least slack over the most stretch points (or as a line with no
 * stretch to give, whichever is less), by the same operations as S_badness, which are
 * monotonic; so the bound holds to the bit. Only for lines that are not ragged. */
static inline __attribute__((always_inline)) bool S_none_better(const bg_shaped *s, const S_try *t, double emerg_d,
                                                                const S_node *at)
{
    double slack = t->slack_after;
    if (!(slack >= 0.01))
        return false; /* a tight or nearly exact line may still come */
    double bad = 1e6 * (1 + slack / s->em), r = 0;
    if (t->stretch_after > 0) {
        double can = t->stretch_after * STRETCH_PER_POINT * s->em;
        r = slack / can;
        double loose = 100 * r * r * r;
        bad = loose < bad ? loose : bad;
    }
    double line_d = (10 + bad) * (10 + bad);
    if (emerg_d > 0)
        line_d += emerg_d;
    double floor = t->least_after + line_d;
    /* such a line is very loose (3), or with no stretch to give (1); 2 unless r says not */
    return floor > at[1].demerits && floor > at[3].demerits && (r > 1 || floor > at[2].demerits);
}

/* Whether no glyph has a negative advance, gap or line-edge shrink (nor a NaN): then a
 * line's width is at most the difference of the prefix widths at its ends. */
static bool S_monotone(const bg_shaped *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const bg_shaped_glyph *g = &s->glyphs[i];
        if (!(g->advance >= 0 && g->gap_before >= 0 && g->shrink_at_start >= 0 && g->shrink_at_end >= 0))
            return false;
    }
    return true;
}

/* The line from start t->start to j (measured as m) tried against the nodes at j. */
static inline void S_try_line(const bg_shaped *s, const S_try *t, const S_measure *m, double target, bool last,
                              double emerg_d, size_t j, const double *least_in, S_node *nodes, double *least)
{
    size_t i = t->start;
    int fit;
    double bad = S_badness(s, m, target, last, &fit);
    if (t->over)
        bad = 1e6;
    double line_d = (10 + bad) * (10 + bad) + (last ? S_last_line_demerits(s, m) : 0);
    if (emerg_d > 0)
        line_d += emerg_d;
    S_node *to = &nodes[j * FITNESS_COUNT + fit];
    if (least_in[i] + line_d > to->demerits)
        return;
    const double *near = S_jump[i > 0][fit], *twice = S_twice[i > 0][fit];
    for (int f = 0; f < FITNESS_COUNT; f++) {
        const S_node *from = &nodes[i * FITNESS_COUNT + f];
        if (from->demerits >= INFEASIBLE)
            continue;
        /* adding 0 changes no bit: the same sums as adding only where due */
        double d = from->demerits + line_d + near[f] + twice[f];
        if (d < to->demerits || (d == to->demerits && i > to->prev)) {
            *to = (S_node){d, i, f};
            if (d < least[j])
                least[j] = d;
        }
    }
}

static size_t S_total_fit(const bg_shaped *s, const S_sums *p, const size_t *pos, size_t npos, double measure,
                          double first_indent, const bool *emerg, size_t *chosen)
{
    S_node *nodes = bg_xmalloc(npos * FITNESS_COUNT * sizeof *nodes);
    double *least = bg_xmalloc(npos * sizeof *least); /* the cheapest node at each position */
    /* The starts i < j whose least[i] is below that of every start after them, in order:
     * the cheapest node over starts [x, j) is that of the first one at or after x (a
     * start left out has a later one no dearer). Kept as the ends go on, each start
     * added once, instead of the minima over each end's starts made anew. */
    size_t *cheapest = bg_xmalloc(npos * sizeof *cheapest), ncheapest = 0;
    size_t *bare = bg_xmalloc(npos * sizeof *bare);   /* pos[j] without trailing spaces */
    bool *hard = bg_xmalloc(npos * sizeof *hard);
    size_t *hard_last = bg_xmalloc(npos * sizeof *hard_last); /* the last i <= j with hard[i], or 0 */
    for (size_t i = 0; i < npos * FITNESS_COUNT; i++)
        nodes[i] = (S_node){INFEASIBLE, 0, 1};
    for (size_t j = 0; j < npos; j++) {
        size_t e = pos[j];
        while (e > 0 && S_has(&s->glyphs[e - 1], BG_GLYPH_SPACE))
            e--;
        bare[j] = e;
        hard[j] = S_hard_before(s, pos[j]);
        hard_last[j] = hard[j] ? j : j > 0 ? hard_last[j - 1] : 0;
        least[j] = INFEASIBLE;
    }
    nodes[0 * FITNESS_COUNT + 1].demerits = 0;
    least[0] = 0;
    bool monotone = S_monotone(s);
    size_t q = 1; /* the first start whose prefix difference to the end is within the measure */
    S_try *tries = bg_xmalloc(npos * sizeof *tries);
    for (size_t j = 1; j < npos; j++) {
        while (ncheapest > 0 && least[cheapest[ncheapest - 1]] >= least[j - 1])
            ncheapest--;
        cheapest[ncheapest++] = j - 1;
        bool last = j + 1 == npos || hard[j];
        double emerg_d = emerg && emerg[j] ? 1e5 : 0; /* a break inside a word, only where nothing else fits */
        size_t end = bare[j];
        /* The short lines: starts [b, j), each with slack to spare (a start inside the
         * end's trailing spaces would end its line elsewhere: then none). */
        size_t b = j;
        if (monotone && pos[j - 1] < end) {
            while (q < j && !(p->width[end] - p->width[pos[q]] <= measure))
                q++;
            b = q > hard_last[j - 1] ? q : hard_last[j - 1];
            if (b == 0)
                b = 1;
        }
        S_measure mb = {0};
        double slack_min = INFINITY, least_min = INFINITY;
        int stretch_max = 0;
        size_t c = 0; /* cheapest[c]: the first at or after b (then after the start tried) */
        if (b < j) {
            size_t hi = ncheapest - 1;
            while (c < hi) {
                size_t mid = c + (hi - c) / 2;
                if (cheapest[mid] < b)
                    c = mid + 1;
                else
                    hi = mid;
            }
            mb = S_measure_line(s, p, pos[b], end > pos[b] + 1 ? end : pos[b] + 1);
            slack_min = measure - mb.width;
            if (b + 1 < j) {
                double rest = measure - (p->width[end] - p->width[pos[b + 1]]);
                slack_min = rest < slack_min ? rest : slack_min;
            }
            least_min = least[cheapest[c]];
            stretch_max = mb.stretch;
        }
        /* The longer lines, from b - 1 back until one is too wide (or a forced break),
         * with what those after each could at best give. */
        size_t nt = 0;
        bool any = least_min < INFEASIBLE;
        for (size_t i = b < j && hard[b] ? 0 : b; i-- > 0;) {
            size_t a = pos[i], e = end > a + 1 ? end : a + 1; /* S_line_end */
            double target = measure - (a == 0 ? first_indent : 0);
            S_measure m = S_measure_line(s, p, a, e);
            double slack = target - m.width; /* as S_badness has it */
            bool over = false;
            if (slack < 0 && -slack > m.space_shrink + m.punct_shrink + 1e-6) { /* cannot shrink enough */
                if (m.width - m.space_shrink - m.punct_shrink > target && any)
                    break; /* earlier starts are wider still */
                if (i + 1 != j)
                    continue;
                over = true; /* nothing fits: an overfull line, kept as short as possible */
            }
            if (least[i] < INFEASIBLE) {
                any = true;
                tries[nt++] = (S_try){i, over, slack_min, least_min, stretch_max};
                slack_min = slack < slack_min ? slack : slack_min;
                least_min = least[i] < least_min ? least[i] : least_min;
                stretch_max = m.stretch > stretch_max ? m.stretch : stretch_max;
            }
            if (hard[i])
                break; /* a line never spans a forced break */
        }
        /* Tried from the longest line on: once the starts left could only give lines so
         * loose that no node at j could come down, they are not tried. Among equal
         * demerits the later start, then the lower fitness class, wins, as when tried
         * from j - 1 back. */
        bool done = false;
        for (size_t k = nt; k-- > 0 && !done;) {
            const S_try *t = &tries[k];
            size_t a = pos[t->start], e = end > a + 1 ? end : a + 1;
            double target = measure - (a == 0 ? first_indent : 0);
            S_measure m = S_measure_line(s, p, a, e); /* again: cheaper than keeping it */
            S_try_line(s, t, &m, target, last, emerg_d, j, least, nodes, least);
            done = !last && (k > 0 || b < j) && S_none_better(s, t, emerg_d, &nodes[j * FITNESS_COUNT]);
        }
        for (size_t i = b; i < j && !done; i++) {
            S_measure m = mb;
            if (i + 1 < j) /* the next start, which the bounds for this one need */
                mb = S_measure_line(s, p, pos[i + 1], end > pos[i + 1] + 1 ? end : pos[i + 1] + 1);
            if (!(least[i] < INFEASIBLE))
                continue;
            S_try t = {i, false, INFINITY, INFINITY, 0};
            if (i + 1 < j) {
                t.slack_after = measure - mb.width;
                if (i + 2 < j) {
                    double rest = measure - (p->width[end] - p->width[pos[i + 2]]);
                    t.slack_after = rest < t.slack_after ? rest : t.slack_after;
                }
                while (cheapest[c] < i + 1)
                    c++;
                t.least_after = least[cheapest[c]];
                t.stretch_after = mb.stretch;
            }
            S_try_line(s, &t, &m, measure, last, emerg_d, j, least, nodes, least);
            done = !last && i + 1 < j && S_none_better(s, &t, emerg_d, &nodes[j * FITNESS_COUNT]);
        }
    }
    free(tries);
    free(least);
    free(cheapest);
    free(bare);
    free(hard);
    free(hard_last);
    int best_f = 0;
    for (int f = 1; f < FITNESS_COUNT; f++)
        if (nodes[(npos - 1) * FITNESS_COUNT + f].demerits < nodes[(npos - 1) * FITNESS_COUNT + best_f].demerits)
            best_f = f;
    size_t count = 0;
    for (size_t j = npos - 1, f = best_f; j > 0;) {
        chosen[count++] = j;
        const S_node *n = &nodes[j * FITNESS_COUNT + f];
        j = n->prev;
        f = n->prev_fitness;
    }
    free(nodes);
    for (size_t i = 0; i < count / 2; i++) {
        size_t t = chosen[i];
        chosen[i] = chosen[count - 1 - i];
        chosen[count - 1 - i] = t;
    }
    return count;
}

/* First fit: the last break that still fits, for huge paragraphs and ragged text. */
static size_t S_greedy(const bg_shaped *s, const S_sums *p, const size_t *pos, size_t npos, double measure,
                       double first_indent, size_t *chosen)
{
    size_t count = 0, start = 0;
    while (start + 1 < npos) {
        size_t best = start + 1;
        for (size_t j = start + 1; j < npos; j++) {
            size_t a = pos[start], e = S_line_end(s, a, pos[j]);
            double target = measure - (a == 0 ? first_indent : 0);
            S_measure m = S_measure_line(s, p, a, e);
            if (m.width - m.space_shrink - m.punct_shrink > target + 1e-6)
                break;
            best = j;
            if (S_hard_before(s, pos[j]))
                break;
        }
        chosen[count++] = best;
        start = best;
    }
    /* A last line under typo.min_last characters takes pieces from the line before, while
     * that line keeps one and the last line still fits. */
    int min = s->typo.min_last > 0 ? s->typo.min_last : 2;
    while (count >= 2 && !S_hard_before(s, pos[chosen[count - 2]])) {
        size_t from = chosen[count - 2], before = count >= 3 ? chosen[count - 3] : 0;
        S_measure last = S_measure_line(s, p, pos[from], S_line_end(s, pos[from], pos[npos - 1]));
        if (last.width >= min * s->em - 0.01 || from <= before + 1)
            break;
        S_measure moved = S_measure_line(s, p, pos[from - 1], S_line_end(s, pos[from - 1], pos[npos - 1]));
        if (moved.width - moved.space_shrink - moved.punct_shrink > measure + 1e-6)
            break;
        chosen[count - 2] = from - 1;
    }
    return count;
}

/* Whether text[a, e) is a single Han character (a word ICU's dictionary does not know:
 * often one character of a name, 姚|林|英, 王|建国). */
static bool S_single_han(const char *text, size_t len, size_t a, size_t e)
{
    size_t i = a;
    uint32_t cp = bg_utf8_next(text, len, &i);
    return i == e && bg_char_classify(cp) == BG_CHAR_HAN;
}

/* Centred text that wraps (captions, table headings) breaks only between words (ICU's
 * dictionary segmentation), and never after a one-character word, which is most often
 * the surname or a character of a name the dictionary does not know (姚|林|英, 王|建国:
 * no break inside 姚林英 or 王建国).
 * Keeps pos as it is when that leaves a piece wider than the measure. */
static void S_word_positions(const bg_shaped *s, const S_sums *p, size_t *pos, size_t *npos, double measure,
                             double first_indent)
{
    size_t *bounds;
    size_t nb = bg_word_boundaries(s->text, s->len, "zh", &bounds);
    uint8_t *ok = bg_xcalloc(s->len + 1, 1);
    for (size_t i = 1; i + 1 < nb; i++)
        ok[bounds[i]] = !S_single_han(s->text, s->len, bounds[i - 1], bounds[i]);
    free(bounds);
    size_t *keep = bg_xmalloc(*npos * sizeof *keep);
    size_t k = 0;
    bool fits = true;
    for (size_t i = 0; i < *npos; i++) {
        size_t g = pos[i];
        if (!(i == 0 || i + 1 == *npos || S_hard_before(s, g) || ok[s->glyphs[g].cluster]))
            continue;
        if (k > 0) {
            size_t a = keep[k - 1], e = S_line_end(s, a, g);
            S_measure m = S_measure_line(s, p, a, e);
            if (m.width - m.space_shrink - m.punct_shrink > measure - (a == 0 ? first_indent : 0) + 1e-6)
                fits = false;
        }
        keep[k++] = g;
    }
    if (fits) {
        memcpy(pos, keep, k * sizeof *pos);
        *npos = k;
    }
    free(keep);
    free(ok);
}

/* Centred text that wraps (captions, table headings, titles) is broken into lines of
 * even length rather than full lines and a stub: the narrowest measure that still gives
 * the same number of lines, found by bisection. */
static size_t S_balance(const bg_shaped *s, const S_sums *p, const size_t *pos, size_t npos, double measure,
                        double first_indent, size_t *chosen, size_t n)
{
    double lo = measure / (double)n, hi = measure;
    size_t *trial = bg_xmalloc(npos * sizeof *trial);
    for (int i = 0; i < 14 && hi - lo > 0.5; i++) {
        double mid = (lo + hi) / 2;
        if (S_greedy(s, p, pos, npos, mid, first_indent, trial) == n)
            hi = mid;
        else
            lo = mid;
    }
    size_t count = S_greedy(s, p, pos, npos, hi, first_indent, trial);
    if (count == n)
        memcpy(chosen, trial, n * sizeof *chosen);
    free(trial);
    return n;
}

/* Places the glyphs of line [a, e): pen x and ink shift per glyph; returns the width. */
static double S_set_line(const bg_shaped *s, const S_sums *p, size_t a, size_t e, double target, bool justify,
                         float *x, float *ink_shift)
{
    S_measure m = S_measure_line(s, p, a, e);
    double slack = target - m.width;
    double space_ratio = 0, punct_ratio = 0, per_point = 0;
    bool capped = false; /* points next to gaps take each what keeps its gap within 1/3 em */
    if (slack < 0) { /* a line chosen with squeezing is squeezed, aligned or not: spaces,
                        gaps and punctuation give up the same share of what each may */
        double can = m.space_shrink + m.punct_shrink;
        double r = can > 0 ? (-slack < can ? -slack / can : 1) : 0;
        space_ratio = m.space_shrink > 0 ? r : 0;
        punct_ratio = m.punct_shrink > 0 ? r : 0;
    } else if (justify && slack > 0 && m.stretch > 0) {
        per_point = slack / m.stretch;
        int others = m.stretch - m.gap_points;
        if (m.gap_points > 0 && others > 0 && per_point * m.gap_points > m.gap_room) {
            capped = true; /* and the line's other points the rest */
            per_point = (slack - m.gap_room) / others;
        }
    }
    double pen = 0;
    for (size_t k = a; k < e; k++) {
        const bg_shaped_glyph *g = &s->glyphs[k];
        double gap = k == a ? 0 : g->gap_before - (g->gap_before > 0 ? S_space_shrink(s, g) * space_ratio : 0);
        double adv = g->advance;
        double shift = 0;
        if (S_has(g, BG_GLYPH_SPACE))
            adv -= S_space_shrink(s, g) * space_ratio;
        bool edge_start = k == a && g->shrink_at_start > 0;
        bool edge_end = k + 1 == e && k != a && g->shrink_at_end > 0;
        if (edge_start) {
            adv -= g->shrink_at_start;
            shift = g->shift_at_start;
        } else if (edge_end) {
            adv -= g->shrink_at_end;
        } else if (g->shrink > 0) {
            double cut = g->shrink * punct_ratio;
            adv -= cut;
            if (S_has(g, BG_GLYPH_BLANK_LEFT))
                shift = cut;
        }
        pen += gap;
        x[k] = (float)pen;
        ink_shift[k] = (float)shift;
        pen += adv;
        double room;
        if (k + 1 < e && S_has(g, BG_GLYPH_STRETCH_AFTER))
            pen += capped && S_gap_point(s, k, &room) ? room : per_point;
    }
    return pen;
}

static void S_vertical(const bg_shaped *s, bg_line *line)
{
    line->ascent = line->descent = 0;
    for (size_t k = line->first; k < line->first + line->count; k++) {
        const bg_style_run *r = &s->runs[s->glyphs[k].run];
        double asc = r->font->ascender * r->size + r->rise;
        double desc = -r->font->descender * r->size - r->rise;
        line->ascent = asc > line->ascent ? asc : line->ascent;
        line->descent = desc > line->descent ? desc : line->descent;
    }
}

int bg_break_lines(const bg_shaped *s, double measure, double first_indent, bg_align align, bg_lines *out)
{
    memset(out, 0, sizeof *out);
    if (!s || s->count == 0)
        return 0;
    if (s->typo.grid_chars > 0 && (align == BG_ALIGN_JUSTIFY || align == BG_ALIGN_LEFT)) {
        bg_grid_break(s, measure, first_indent, out);
        for (size_t i = 0; i < out->count; i++)
            S_vertical(s, &out->lines[i]);
        return 0;
    }
    S_sums p;
    S_sums_init(&p, s);
    size_t npos = 0;
    size_t *pos = S_break_positions(s, &npos);
    if (align == BG_ALIGN_CENTER && s->natural_width > measure - first_indent)
        S_word_positions(s, &p, pos, &npos, measure, first_indent);
    bool *emerg;
    S_emergency_positions(s, &p, &pos, &npos, measure, first_indent, &emerg);
    size_t *chosen = bg_xmalloc(npos * sizeof *chosen);
    bool justify = align == BG_ALIGN_JUSTIFY;
    bool greedy = !justify || s->count > GREEDY_ABOVE;
    size_t n = greedy ? S_greedy(s, &p, pos, npos, measure, first_indent, chosen)
                      : S_total_fit(s, &p, pos, npos, measure, first_indent, emerg, chosen);
    if (align == BG_ALIGN_CENTER && n > 1)
        n = S_balance(s, &p, pos, npos, measure, first_indent, chosen, n);
    out->lines = bg_xcalloc(n ? n : 1, sizeof *out->lines);
    out->x = bg_xcalloc(s->count, sizeof *out->x);
    out->shift = bg_xcalloc(s->count, sizeof *out->shift);
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = pos[start], e = S_line_end(s, a, pos[chosen[i]]);
        bool last = i + 1 == n || S_hard_before(s, pos[chosen[i]]);
        double indent = a == 0 ? first_indent : 0;
        double target = measure - indent;
        bg_line *line = &out->lines[out->count++];
        line->first = a;
        line->count = e - a;
        line->width = S_set_line(s, &p, a, e, target, justify && !last, out->x, out->shift);
        if (align == BG_ALIGN_CENTER)
            indent += (target - line->width) / 2;
        else if (align == BG_ALIGN_RIGHT)
            indent += target - line->width;
        line->indent = indent;
        S_vertical(s, line);
        int fit;
        S_measure m = S_measure_line(s, &p, a, e);
        double bad = S_badness(s, &m, target, last || !justify, &fit);
        out->badness += bad >= INFEASIBLE ? 1e6 : bad;
        if (emerg && emerg[chosen[i]])
            out->forced++;
        start = chosen[i];
    }
    free(emerg);
    free(chosen);
    free(pos);
    S_sums_free(&p);
    return 0;
}

void bg_lines_free(bg_lines *l)
{
    if (!l)
        return;
    free(l->lines);
    free(l->x);
    free(l->shift);
    memset(l, 0, sizeof *l);
}

void bg_lines_copy(bg_lines *to, const bg_lines *from, size_t glyphs)
{
    *to = *from;
    to->lines = bg_xmalloc((from->count ? from->count : 1) * sizeof *to->lines);
    memcpy(to->lines, from->lines, from->count * sizeof *to->lines);
    to->x = from->x ? bg_xmalloc((glyphs ? glyphs : 1) * sizeof *to->x) : NULL;
    to->shift = from->shift ? bg_xmalloc((glyphs ? glyphs : 1) * sizeof *to->shift) : NULL;
    if (from->x)
        memcpy(to->x, from->x, glyphs * sizeof *to->x);
    if (from->shift)
        memcpy(to->shift, from->shift, glyphs * sizeof *to->shift);
}
