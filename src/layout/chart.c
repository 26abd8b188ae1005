/* chart.c: charts drawn as vectors (bar, line, pie), laid out once per pass at the column
 * width. Every label is shaped and measured here and placed so that no two labels
 * overlap; the result is a list of marks in chart coordinates that drawing only moves.
 *
 * Bar and line charts: a value axis with round ticks (1, 2 or 5 times a power of ten) and
 * gridlines, the value at every bar or point, or both (layout charts.scale); the plot is
 * centred in the column; category labels that do not fit their slot are wrapped, then
 * staggered on two rows, then shortened with "…"; a value label that would touch another
 * label, a bar or a marker moves up (bars) or to the other side of its point (lines), or
 * beside it when another series runs close above and the axis below.
 * Pie charts: one pie per series, every slice labelled outside with its name, value and
 * percentage (largest-remainder rounding, so they add up to exactly 100.0%) at the end of
 * a leader line, labels pushed apart vertically. Colours come from the layout
 * (charts.colors, chosen to differ in lightness); line series also differ by marker. */
#include "flow.h"
#include "../base/buf.h"
#include "../base/xalloc.h"
#include "../model/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { M_RECT, M_LINE, M_PATH, M_TEXT } mark_kind;

/* One thing to draw, in chart coordinates (x from the column's left, y up). */
typedef struct mark {
    mark_kind kind;
    double x, y, x1, y1; /* rect: corner and size; line: endpoints; text: line start, baseline */
    double width;        /* stroke width of lines, outlines and paths */
    bg_color color;      /* fill, or stroke of a line */
    bool outline;        /* rect and path: stroked with `stroke` as well */
    bg_color stroke;
    double *xy; /* path points as x,y pairs; owned by the flow (bg_flow_own) */
    size_t n;
    bool closed;
    const bg_para *para; /* text: one line of it; the flow owns the paragraph */
    size_t line;
    bool artifact; /* a gridline: drawn as an artifact, not part of the figure */
} mark;

typedef struct box {
    double x0, y0, x1, y1;
} box;

struct bg_chart_box {
    mark *marks; /* owned by the flow */
    size_t count, cap;
    double top, bottom, left, right; /* extent of everything drawn */
};

typedef struct ctx {
    bg_flow *f;
    const bg_chart *ch;
    bg_chart_box *cb;
    box *taken; /* labels placed so far, then bars and markers: what a label must not touch */
    size_t ntaken, cap;
    box *segments; /* line-chart segments as endpoint pairs, avoided when possible */
    size_t nseg, segcap;
    double size, lh, gap, width;
    bg_text_spec spec;
} ctx;

/* ---- marks ---------------------------------------------------------------------------- */

static mark *S_mark(ctx *c, mark_kind kind)
{
    bg_chart_box *cb = c->cb;
    BG_GROW(cb->marks, cb->cap, cb->count + 1);
    mark *m = &cb->marks[cb->count++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    return m;
}

static void S_extend(ctx *c, double x0, double y0, double x1, double y1)
{
    bg_chart_box *cb = c->cb;
    cb->left = fmin(cb->left, fmin(x0, x1));
    cb->right = fmax(cb->right, fmax(x0, x1));
    cb->bottom = fmin(cb->bottom, fmin(y0, y1));
    cb->top = fmax(cb->top, fmax(y0, y1));
}

static bg_color S_color(const ctx *c, size_t i)
{
    const bg_style *st = c->f->style;
    return st->chart_colors[i % (st->chart_color_count ? st->chart_color_count : 1)];
}

/* A fill so light it would vanish on paper gets a thin outline. */
static void S_outline_if_light(mark *m)
{
    if (bg_color_lightness(m->color) > 0.7) {
        m->outline = true;
        m->stroke = bg_gray(0.35);
        m->width = 0.4;
    }
}

static mark *S_rect(ctx *c, double x, double y, double w, double h, bg_color fill)
{
    mark *m = S_mark(c, M_RECT);
    m->x = x, m->y = y, m->x1 = w, m->y1 = h;
    m->color = fill;
    S_outline_if_light(m);
    S_extend(c, x, y, x + w, y + h);
    return m;
}

static mark *S_line(ctx *c, double x0, double y0, double x1, double y1, double w, bg_color col)
{
    mark *m = S_mark(c, M_LINE);
    m->x = x0, m->y = y0, m->x1 = x1, m->y1 = y1;
    m->width = w;
    m->color = col;
    S_extend(c, x0, y0, x1, y1);
    return m;
}

/* A path of n points; fill: closed and filled with col, else an open stroke of width w. */
static mark *S_path(ctx *c, const double *xy, size_t n, bool fill, bg_color col, double w)
{
    mark *m = S_mark(c, M_PATH);
    m->xy = bg_flow_own(c->f, bg_xcalloc(2 * n, sizeof(double)));
    memcpy(m->xy, xy, 2 * n * sizeof(double));
    m->n = n;
    m->closed = fill;
    m->color = col;
    m->width = w;
    for (size_t k = 0; k < n; k++)
        S_extend(c, xy[2 * k], xy[2 * k + 1], xy[2 * k], xy[2 * k + 1]);
    return m;
}

/* ---- labels --------------------------------------------------------------------------- */

static bg_para *S_text(ctx *c, const void *key, int slot, const char *text, double measure)
{
    return bg_para_plain(c->f, key, slot, text, &c->spec, measure);
}

static double S_width(const bg_para *p)
{
    double w = 0;
    for (size_t i = 0; p && p->shaped && i < p->lines.count; i++)
        w = fmax(w, p->lines.lines[i].width);
    return w;
}

/* Height of the label's ink box: first line's ascent to last line's descent. */
static double S_height(const ctx *c, const bg_para *p)
{
    if (!p || !p->shaped || !p->lines.count)
        return 0;
    size_t n = p->lines.count;
    return p->lines.lines[0].ascent + (double)(n - 1) * c->lh + p->lines.lines[n - 1].descent;
}

static box S_label_box(const ctx *c, const bg_para *p, double x0, double top)
{
    return (box){x0, top - S_height(c, p), x0 + S_width(p), top};
}

static bool S_hits(box a, box b, double pad)
{
    return a.x0 < b.x1 + pad && a.x1 > b.x0 - pad && a.y0 < b.y1 + pad && a.y1 > b.y0 - pad;
}

static void S_take(ctx *c, box b)
{
    BG_GROW(c->taken, c->cap, c->ntaken + 1);
    c->taken[c->ntaken++] = b;
}

/* Whether b touches nothing taken (labels keep 1 pt apart) and stays in the column. */
static bool S_free(const ctx *c, box b)
{
    if (b.x0 < -0.01 || b.x1 > c->width + 0.01)
        return false;
    for (size_t i = 0; i < c->ntaken; i++)
        if (S_hits(b, c->taken[i], 1.0))
            return false;
    return true;
}

/* Whether b crosses a line-chart segment (sampled every half point). */
static bool S_crosses(const ctx *c, box b)
{
    for (size_t i = 0; i < c->nseg; i++) {
        box s = c->segments[i];
        double len = hypot(s.x1 - s.x0, s.y1 - s.y0);
        int steps = (int)(len * 2) + 1;
        for (int k = 0; k <= steps; k++) {
            double t = (double)k / steps, x = s.x0 + (s.x1 - s.x0) * t, y = s.y0 + (s.y1 - s.y0) * t;
            if (x > b.x0 - 0.5 && x < b.x1 + 0.5 && y > b.y0 - 0.5 && y < b.y1 + 0.5)
                return true;
        }
    }
    return false;
}

/* Keeps a box of width w inside the column: the x of its left edge. */
static double S_clamp_x(const ctx *c, double x0, double w)
{
    if (x0 + w > c->width)
        x0 = c->width - w;
    return x0 < 0 ? 0 : x0;
}

/* Places p's lines in the box from x0 with the given top, each line aligned within the
 * box, and takes the box. */
static box S_put(ctx *c, const bg_para *p, double x0, double top, bg_align align)
{
    box b = S_label_box(c, p, x0, top);
    if (!p || !p->shaped || !p->lines.count)
        return b;
    double w = b.x1 - b.x0;
    for (size_t i = 0; i < p->lines.count; i++) {
        double lw = p->lines.lines[i].width;
        double x = align == BG_ALIGN_CENTER ? x0 + (w - lw) / 2 : align == BG_ALIGN_RIGHT ? x0 + w - lw : x0;
        mark *m = S_mark(c, M_TEXT);
        m->para = p;
        m->line = i;
        m->x = x;
        m->y = top - p->lines.lines[0].ascent - (double)i * c->lh;
    }
    S_extend(c, b.x0, b.y0, b.x1, b.y1);
    S_take(c, b);
    return b;
}

/* ---- numbers -------------------------------------------------------------------------- */

/* A value as written in the data: up to 12 significant digits, never an exponent. */
static void S_format_value(char *out, size_t n, double v, const char *format)
{
    bg_numfmt f;
    if (format && bg_numfmt_parse(format, &f) && bg_numfmt_fits(&f, v)) {
        char *s = bg_numfmt_format(&f, v, NULL);
        snprintf(out, n, "%s", s);
        free(s);
        return;
    }
    if (fabs(v) >= 1e15 || (v != 0 && fabs(v) < 1e-6)) {
        snprintf(out, n, "%g", v);
        return;
    }
    snprintf(out, n, "%.12g", v);
    if (strchr(out, 'e'))
        snprintf(out, n, "%.0f", v);
}

/* The tick step for a span: 1, 2 or 5 times a power of ten giving about `target` steps. */
static double S_nice_step(double span, int target)
{
    double raw = span / target;
    double mag = pow(10, floor(log10(raw)));
    double r = raw / mag;
    double nice = r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10;
    return nice * mag;
}

/* A tick's number; `like` (or NULL) gives the per cent and thousands grouping of the
 * series' columns, so that the axis reads as the values do (0%, 20%; 14,000). */
static void S_format_tick(char *out, size_t n, double v, double step, const bg_numfmt *like)
{
    double shown = like && like->percent ? 100 : 1;
    int decimals = step * shown >= 1 ? 0 : (int)ceil(-log10(step * shown) - 1e-9);
    if (fabs(v) < step * 1e-6)
        v = 0;
    if (like && decimals <= 12 && fabs(v * shown) < 1e15) {
        bg_numfmt f = {.decimals = decimals, .percent = like->percent, .grouping = like->grouping};
        char *s = bg_numfmt_format(&f, v, NULL);
        snprintf(out, n, "%s", s);
        free(s);
        return;
    }
    if (fabs(v) >= 1e15 || decimals > 12)
        snprintf(out, n, "%g", v);
    else
        snprintf(out, n, "%.*f", decimals, v);
}

/* ---- category labels ------------------------------------------------------------------ */

/* Shortens text until it fits one line of `measure`, ending it with "…"; *kept is the
 * number of characters left before the "…". */
static bg_para *S_abbreviate(ctx *c, const char *text, double measure, size_t *kept)
{
    size_t len = strlen(text);
    char *buf = bg_xcalloc(len + 4, 1);
    bg_para *p = NULL;
    *kept = 0;
    for (size_t cut = len; cut > 0;) {
        do
            cut--;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80);
        memcpy(buf, text, cut);
        memcpy(buf + cut, "\xE2\x80\xA6", 4);
        p = S_text(c, NULL, 0, buf, 1e4);
        if (S_width(p) <= measure || cut == 0) {
            for (size_t k = 0; k < cut; k++)
                *kept += ((unsigned char)text[k] & 0xC0) != 0x80;
            break;
        }
    }
    free(buf);
    return p;
}

static bool S_fits(const bg_para *p, double measure, size_t max_lines)
{
    return p && p->shaped && p->lines.count <= max_lines && S_width(p) <= measure + 0.01;
}

/* Label i broken into two lines of about equal length (its one-line width is `natural`),
 * at most `room` wide, rather than a full line and a last character alone. */
static bg_para *S_wrap(ctx *c, size_t i, double natural, double room, int slot)
{
    double measure = fmin(room, natural / 2 + c->size * 1.05);
    bg_para *p = S_text(c, &c->ch->labels[i], slot, c->ch->labels[i], measure);
    if (!S_fits(p, measure, 2))
        p = S_text(c, &c->ch->labels[i], slot + 10, c->ch->labels[i], room);
    return p;
}

/* Whether label i fits `room` on one line or two balanced ones; sets labels[i]. */
static bool S_fit_label(ctx *c, size_t i, double room, bg_para **labels, int slot)
{
    labels[i] = S_text(c, &c->ch->labels[i], 300, c->ch->labels[i], 1e4);
    if (S_fits(labels[i], room, 1))
        return true;
    labels[i] = S_wrap(c, i, S_width(labels[i]), room, slot);
    return S_fits(labels[i], room, 2);
}

/* Category labels under slots of width `slot`: one row if they fit (wrapped to at most two
 * lines), else two staggered rows with twice the room, else shortened to fit while at
 * least two characters are left, else every k-th label only, with k slots of room.
 * rows[i] is 0 or 1; labels[i] is NULL for a label left out. */
static void S_categories(ctx *c, double slot, bg_para **labels, int *rows)
{
    size_t n = c->ch->label_count;
    double one = slot - c->gap, two = 2 * slot - c->gap;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        labels[i] = S_text(c, &c->ch->labels[i], 300, c->ch->labels[i], 1e4);
        if (!S_fits(labels[i], one, 1)) {
            labels[i] = S_wrap(c, i, S_width(labels[i]), one, 301);
            ok = S_fits(labels[i], one, 2);
        }
        rows[i] = 0;
    }
    if (ok)
        return;
    bool legible = true;
    for (size_t i = 0; i < n; i++) {
        rows[i] = n > 1 ? (int)(i % 2) : 0;
        double room = n > 1 ? two : one;
        if (!S_fit_label(c, i, room, labels, 302)) {
            size_t kept;
            labels[i] = S_abbreviate(c, c->ch->labels[i], room, &kept);
            legible = legible && kept >= 2;
        }
    }
    if (legible)
        return;
    for (size_t k = 2; k <= n; k++) {
        double room = slot * (double)k - c->gap;
        bool fits = true;
        for (size_t i = 0; i < n && fits; i += k)
            fits = S_fit_label(c, i, room, labels, 1000 + (int)k);
        if (!fits && k < n)
            continue;
        for (size_t i = 0; i < n; i++) {
            rows[i] = 0;
            if (i % k) {
                labels[i] = NULL;
            } else if (!S_fits(labels[i], room, 2)) {
                size_t kept;
                labels[i] = S_abbreviate(c, c->ch->labels[i], room, &kept);
            }
        }
        return;
    }
}

/* ---- bar and line charts -------------------------------------------------------------- */

static void S_marker(ctx *c, size_t s, double x, double y, bg_color col)
{
    double r = 2.4, xy[24];
    size_t n = 0;
    switch (s % 4) {
    case 0: /* square */
        n = 4;
        double sq[] = {x - r * 0.85, y - r * 0.85, x + r * 0.85, y - r * 0.85, x + r * 0.85, y + r * 0.85,
                       x - r * 0.85, y + r * 0.85};
        memcpy(xy, sq, sizeof sq);
        break;
    case 1: /* circle */
        n = 12;
        for (size_t k = 0; k < n; k++) {
            xy[2 * k] = x + r * cos(2 * M_PI * (double)k / (double)n);
            xy[2 * k + 1] = y + r * sin(2 * M_PI * (double)k / (double)n);
        }
        break;
    case 2: /* triangle */
        n = 3;
        double tr[] = {x, y + r * 1.15, x - r * 1.1, y - r * 0.75, x + r * 1.1, y - r * 0.75};
        memcpy(xy, tr, sizeof tr);
        break;
    default: /* diamond */
        n = 4;
        double di[] = {x, y + r * 1.2, x + r * 1.2, y, x, y - r * 1.2, x - r * 1.2, y};
        memcpy(xy, di, sizeof di);
        break;
    }
    mark *m = S_path(c, xy, n, true, col, 0);
    m->outline = true;
    m->stroke = bg_color_lightness(col) > 0.7 ? bg_gray(0.35) : bg_gray(1);
    m->width = 0.4;
}

/* The key: a swatch and the series name per series, right-aligned at `right`, in rows
 * from `bottom` up (above everything when the first row would touch the unit). */
static void S_legend(ctx *c, double right, double bottom)
{
    const bg_chart *ch = c->ch;
    size_t ns = ch->series_count;
    double sw = c->size * 0.8, pad = c->size * 0.35, sep = c->size * 1.0;
    bg_para **names = bg_xcalloc(ns, sizeof *names);
    for (size_t s = 0; s < ns; s++)
        names[s] = S_text(c, &ch->series[s], 310, ch->series[s].name ? ch->series[s].name : "", 1e4);
    double h = c->size * 1.2;
    /* One row if it fits beside what is already there, else rows of what fits the width. */
    double row_bottom = bottom;
    bool moved = false;
    size_t s = 0;
    while (s < ns) {
        double w = 0;
        size_t e = s;
        while (e < ns) {
            double iw = sw + pad + S_width(names[e]) + (e > s ? sep : 0);
            if (e > s && w + iw > c->width)
                break;
            w += iw;
            e++;
        }
        box row = {right - w, row_bottom, right, row_bottom + h};
        if (!moved && s == 0 && !S_free(c, row)) {
            row_bottom = c->cb->top + c->gap * 0.5; /* beside the unit there is no room */
            moved = true;
            continue;
        }
        double x = right - w;
        for (size_t k = s; k < e; k++) {
            if (k > s)
                x += sep;
            double ty = row_bottom + (h - sw) / 2;
            if (ch->kind == BG_CHART_LINE) {
                S_line(c, x, ty + sw / 2, x + sw * 1.6, ty + sw / 2, 1.2, S_color(c, k));
                S_marker(c, k, x + sw * 0.8, ty + sw / 2, S_color(c, k));
                x += sw * 1.6;
            } else {
                S_rect(c, x, ty, sw, sw, S_color(c, k));
                x += sw;
            }
            x += pad;
            const bg_para *p = names[k];
            double ph = S_height(c, p);
            S_put(c, p, x, row_bottom + (h + ph) / 2, BG_ALIGN_LEFT);
            x += S_width(p);
        }
        row_bottom += h + c->gap * 0.3;
        s = e;
    }
    free(names);
}

/* Whether box b is nearer point k than any other point of the plot (a line's value label
 * must not read as another series' value). */
static bool S_nearest_own(box b, const double *px, const double *py, size_t count, size_t k)
{
    double dx = fmax(fmax(b.x0 - px[k], 0), px[k] - b.x1), dy = fmax(fmax(b.y0 - py[k], 0), py[k] - b.y1);
    double own = hypot(dx, dy);
    for (size_t j = 0; j < count; j++) {
        if (j == k)
            continue;
        dx = fmax(fmax(b.x0 - px[j], 0), px[j] - b.x1), dy = fmax(fmax(b.y0 - py[j], 0), py[j] - b.y1);
        if (hypot(dx, dy) < own - 0.5)
            return false;
    }
    return true;
}

static void S_layout_xy(ctx *c)
{
    const bg_chart *ch = c->ch;
    const bg_style *st = c->f->style;
    size_t n = ch->label_count, ns = ch->series_count;
    bool is_line = ch->kind == BG_CHART_LINE;
    bool axis = st->chart_scale != BG_CHART_SCALE_VALUES;
    bool values = st->chart_scale != BG_CHART_SCALE_AXIS;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < n && i < ch->series[s].count; i++)
            lo = fmin(lo, ch->series[s].values[i]), hi = fmax(hi, ch->series[s].values[i]);
    if (!isfinite(lo))
        lo = 0, hi = 1;
    lo = fmax(lo, -1e300), hi = fmin(hi, 1e300); /* a finite span */
    /* Bars stand on zero; a line starts at zero unless its values lie far from it. */
    if (!is_line || (lo > 0 && lo < hi - lo))
        lo = fmin(lo, 0);
    if (!is_line || (hi < 0 && hi > lo - hi))
        hi = fmax(hi, 0);
    if (hi - lo < 1e-12)
        hi = lo + (lo == 0 ? 1 : fabs(lo) * 0.1);
    double r0 = lo, r1 = hi, step = 0;
    if (axis) {
        step = S_nice_step(hi - lo, 5);
        r0 = floor(lo / step + 1e-9) * step;
        r1 = ceil(hi / step - 1e-9) * step;
        /* Values too large for their differences (1e17 and 1e17 + 1) round coarsely:
         * keep the ticks few. */
        for (int k = 0; k < 4 && (r1 - r0) / step > 12; k++) {
            step = S_nice_step(r1 - r0, 5);
            r0 = floor(r0 / step + 1e-9) * step;
            r1 = ceil(r1 / step - 1e-9) * step;
        }
        if (!is_line && values && lo < 0 && r0 > lo - step * 0.3)
            r0 -= step; /* room for the value under the lowest bar */
    } else if (is_line || lo < 0) {
        double pad = (hi - lo) * (is_line ? 0.1 : 0.15);
        r0 = lo == 0 ? 0 : lo - pad;
        r1 = is_line ? hi + pad : hi;
    }
    double W = c->width;
    double plot_h = fmin(W * 0.36, c->f->text_height * 0.3);
#define Y(v) ((r1 - r0) > 0 ? (fmin(fmax((v), r0), r1) - r0) / (r1 - r0) * plot_h : 0)
    /* Tick labels, right-aligned left of the plot; the plot keeps the same margin on the
     * right so that it is centred in the column. */
    /* Series drawn from percentage columns (0.00%) have their axis in per cent. */
    /* Series drawn from percentage (0.00%) or grouped (#,##0) columns: the axis alike. */
    bg_numfmt like = {.percent = ns > 0, .grouping = ns > 0};
    for (size_t s = 0; s < ns; s++) {
        bg_numfmt f;
        bool ok = ch->series[s].format && bg_numfmt_parse(ch->series[s].format, &f);
        like.percent = like.percent && ok && f.percent;
        like.grouping = like.grouping && ok && f.grouping;
    }
    size_t nticks = axis ? (size_t)llround((r1 - r0) / step) + 1 : 0;
    bg_para **ticks = bg_xcalloc(nticks + 1, sizeof *ticks);
    double tick_w = 0;
    for (size_t k = 0; k < nticks; k++) {
        char num[64];
        S_format_tick(num, sizeof num, r0 + step * (double)k, step, like.percent || like.grouping ? &like : NULL);
        ticks[k] = S_text(c, NULL, 0, num, 1e4);
        tick_w = fmax(tick_w, S_width(ticks[k]));
    }
    double margin = axis ? tick_w + c->gap : 0;
    double px0 = margin, px1 = W - margin, slot = (px1 - px0) / (double)(n ? n : 1);
    for (size_t k = 0; k < nticks; k++) {
        double y = Y(r0 + step * (double)k);
        if (k > 0)
            S_line(c, px0, y, px1, y, 0.3, bg_gray(0.8))->artifact = true;
        S_put(c, ticks[k], px0 - c->gap * 0.6 - S_width(ticks[k]), y + S_height(c, ticks[k]) / 2, BG_ALIGN_RIGHT);
    }
    free(ticks);
    double zero = is_line ? 0 : Y(0);
    /* Category labels under their slots. */
    bg_para **labels = bg_xcalloc(n + 1, sizeof *labels);
    int *rows = bg_xcalloc(n + 1, sizeof *rows);
    S_categories(c, slot, labels, rows);
    double row0 = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i] == 0)
            row0 = fmax(row0, S_height(c, labels[i]));
    /* Below the lowest tick label, which a wide first label may reach under. */
    double top0 = -c->size * 0.45;
    for (size_t k = 0; k < c->ntaken; k++)
        top0 = fmin(top0, c->taken[k].y0 - 1.5);
    for (size_t i = 0; i < n; i++) {
        if (!labels[i])
            continue;
        double w = S_width(labels[i]), cx = px0 + slot * ((double)i + 0.5);
        double top = top0 - (rows[i] ? row0 + c->gap * 0.4 : 0);
        S_put(c, labels[i], S_clamp_x(c, cx - w / 2, w), top, BG_ALIGN_CENTER);
    }
    free(rows);
    /* Bars or lines, then their value labels. */
    double group = slot * (ns == 1 ? 0.6 : 0.8), bw = group / (double)(ns ? ns : 1);
    double *px = bg_xcalloc(n * ns + 1, sizeof *px), *py = bg_xcalloc(n * ns + 1, sizeof *py);
    for (size_t s = 0; s < ns; s++) {
        for (size_t i = 0; i < n && i < ch->series[s].count; i++) {
            double cx = px0 + slot * ((double)i + 0.5), v = ch->series[s].values[i];
            size_t k = i * ns + s;
            if (is_line) {
                px[k] = cx, py[k] = Y(v);
            } else {
                double bx = cx - group / 2 + bw * (double)s, y = Y(v);
                S_rect(c, bx, fmin(zero, y), bw, fabs(y - zero), S_color(c, s));
                px[k] = bx + bw / 2, py[k] = y;
            }
        }
        if (is_line) {
            size_t m = n < ch->series[s].count ? n : ch->series[s].count;
            double *xy = bg_xcalloc(2 * m + 2, sizeof *xy);
            for (size_t i = 0; i < m; i++) {
                xy[2 * i] = px[i * ns + s], xy[2 * i + 1] = py[i * ns + s];
                if (i > 0) {
                    BG_GROW(c->segments, c->segcap, c->nseg + 1);
                    c->segments[c->nseg++] = (box){xy[2 * i - 2], xy[2 * i - 1], xy[2 * i], xy[2 * i + 1]};
                }
            }
            if (m > 1)
                S_path(c, xy, m, false, S_color(c, s), 1.2);
            free(xy);
        }
    }
    /* Axis lines over the bars' feet. */
    S_line(c, px0, zero, px1, zero, 0.6, bg_gray(0));
    if (axis)
        S_line(c, px0, 0, px0, plot_h, 0.6, bg_gray(0));
    /* Bars and markers are obstacles for the value labels. */
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < n && i < ch->series[s].count; i++) {
            size_t k = i * ns + s;
            if (is_line) {
                S_marker(c, s, px[k], py[k], S_color(c, s));
                S_take(c, (box){px[k] - 2.8, py[k] - 2.8, px[k] + 2.8, py[k] + 2.8});
            } else {
                S_take(c, (box){px[k] - bw / 2, fmin(zero, py[k]), px[k] + bw / 2, fmax(zero, py[k])});
            }
        }
    if (values) {
        for (size_t i = 0; i < n; i++) {
            for (size_t s = 0; s < ns; s++) {
                if (i >= ch->series[s].count)
                    continue;
                size_t k = i * ns + s;
                double v = ch->series[s].values[i];
                char num[64];
                S_format_value(num, sizeof num, v, ch->series[s].format);
                const bg_para *p = S_text(c, &ch->series[s].values[i], 320, num, 1e4);
                double w = S_width(p), h = S_height(c, p), x0 = S_clamp_x(c, px[k] - w / 2, w);
                /* A line point's label goes first to the side away from the other series
                 * (above for the highest, below for the lowest) or from its neighbours. */
                bool up = true;
                if (is_line) {
                    double others = 0, cnt = 0;
                    for (size_t t = 0; t < ns; t++)
                        if (t != s && i < ch->series[t].count)
                            others += ch->series[t].values[i], cnt++;
                    if (cnt == 0) {
                        if (i > 0)
                            others += ch->series[s].values[i - 1], cnt++;
                        if (i + 1 < ch->series[s].count)
                            others += ch->series[s].values[i + 1], cnt++;
                    }
                    up = cnt == 0 || v >= others / cnt;
                } else {
                    up = v >= 0;
                }
                box found = {0};
                bool placed = false;
                /* Near the point first (within two label heights), then beside it, then
                 * farther off; first touching no line, then touching lines but no label. */
                for (int strict = 1; strict >= 0 && !placed; strict--) {
                    int tries = strict ? 8 : 60;
                    for (int far = 0; far < 2 && !placed; far++) {
                        for (int t = 0; t < tries && !placed; t++) {
                            bool above = is_line ? ((t % 2 == 0) == up) : up;
                            double d = (is_line ? 4.0 : 2.0) + (double)(is_line ? t / 2 : t) * (h * 0.5 + 1);
                            if ((d > 2 * h + 4) != (far == 1))
                                continue;
                            double top = above ? py[k] + d + h : py[k] - d;
                            box b = {x0, top - h, x0 + w, top};
                            if (is_line && b.y0 < 0)
                                continue; /* not down among the category labels */
                            if (S_free(c, b) && (!strict || !is_line ||
                                                 (!S_crosses(c, b) && S_nearest_own(b, px, py, n * ns, k))))
                                found = b, placed = true;
                        }
                        /* Boxed in above and below (another series close over it, the
                         * axis under it): beside the point, up or down a little, rather
                         * than far off among the other series' points. */
                        for (int t = 0; is_line && !far && t < 4 && !placed; t++) {
                            bool above = (t < 2) == up, left = t % 2 == 0;
                            double bx = S_clamp_x(c, left ? px[k] - 4.5 - w : px[k] + 4.5, w);
                            double top = above ? py[k] + 1.5 + h : py[k] - 1.5;
                            box b = {bx, top - h, bx + w, top};
                            if (b.y0 >= 0 && S_free(c, b) &&
                                (!strict || (!S_crosses(c, b) && S_nearest_own(b, px, py, n * ns, k))))
                                found = b, placed = true;
                        }
                    }
                }
                if (!placed) {
                    double top = c->cb->top + c->gap + h;
                    found = (box){x0, top - h, x0 + w, top};
                }
                S_put(c, p, found.x0, found.y1, BG_ALIGN_LEFT);
            }
        }
    }
    free(px);
    free(py);
    free(labels);
    /* The unit above the value axis (or the plot's left end), the key at the right. */
    double row = fmax(c->cb->top, plot_h) + c->gap * 0.6;
    if (ch->unit) {
        char *u = bg_strprintf("（%s）", ch->unit);
        const bg_para *p = S_text(c, NULL, 0, u, 1e4);
        free(u);
        S_put(c, p, axis ? 0 : px0, row + S_height(c, p), BG_ALIGN_LEFT);
    }
    if (ns > 1)
        S_legend(c, px1, row);
#undef Y
}

/* ---- pie charts ----------------------------------------------------------------------- */

/* Tenths of a percent per slice, rounded so that they add up to 1000 exactly. */
static void S_percentages(const double *v, size_t n, int *tenths)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += fabs(v[i]);
    int given = 0;
    double *rest = bg_xcalloc(n + 1, sizeof *rest);
    for (size_t i = 0; i < n; i++) {
        double q = sum > 0 ? fabs(v[i]) / sum * 1000 : 0;
        tenths[i] = (int)floor(q);
        rest[i] = q - tenths[i];
        given += tenths[i];
    }
    while (sum > 0 && given < 1000) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rest[i] > rest[best])
                best = i;
        tenths[best]++;
        rest[best] = -1;
        given++;
    }
    free(rest);
}

typedef struct pie_label {
    const bg_para *name, *value;
    double mid;     /* angle of the slice's middle */
    double want, y; /* wanted and given centre height of the label block */
    double w, h;
} pie_label;

static int S_by_want(const void *a, const void *b)
{
    const pie_label *x = *(pie_label *const *)a, *y = *(pie_label *const *)b;
    return x->want < y->want ? 1 : x->want > y->want ? -1 : 0;
}

/* The labels of one pie's slices: name, then value and percentage; *widest is raised to
 * the widest. Caller frees. */
static pie_label *S_pie_labels(ctx *c, const bg_series *se, size_t m, double *widest)
{
    const bg_chart *ch = c->ch;
    int *tenths = bg_xcalloc(m + 1, sizeof *tenths);
    S_percentages(se->values, m, tenths);
    pie_label *pl = bg_xcalloc(m + 1, sizeof *pl);
    for (size_t i = 0; i < m; i++) {
        char num[64], *text;
        S_format_value(num, sizeof num, se->values[i], se->format);
        if (ch->unit)
            text = bg_strprintf("%s %s（%d.%d%%）", num, ch->unit, tenths[i] / 10, tenths[i] % 10);
        else
            text = bg_strprintf("%s（%d.%d%%）", num, tenths[i] / 10, tenths[i] % 10);
        pl[i].name = S_text(c, &ch->labels[i], 330, ch->labels[i], 1e4);
        pl[i].value = S_text(c, &se->values[i], 331, text, 1e4);
        free(text);
        pl[i].w = fmax(S_width(pl[i].name), S_width(pl[i].value));
        pl[i].h = S_height(c, pl[i].name) + c->size * 0.15 + S_height(c, pl[i].value);
        *widest = fmax(*widest, pl[i].w);
    }
    free(tenths);
    return pl;
}

static void S_layout_pie(ctx *c)
{
    const bg_chart *ch = c->ch;
    size_t n = ch->label_count, np = ch->series_count ? ch->series_count : 1;
    double wp = c->width / (double)np, lead = c->size * 1.2;
    /* One radius for all pies, from the widest label of any. */
    double widest = 0;
    for (size_t p = 0; p < ch->series_count; p++)
        free(S_pie_labels(c, &ch->series[p], n < ch->series[p].count ? n : ch->series[p].count, &widest));
    for (size_t p = 0; p < np && p < ch->series_count; p++) {
        const bg_series *se = &ch->series[p];
        size_t m = n < se->count ? n : se->count;
        pie_label *pl = S_pie_labels(c, se, m, &widest);
        double sum = 0;
        for (size_t i = 0; i < m; i++)
            sum += fabs(se->values[i]);
        double r = fmin(wp / 2 - widest - lead - c->gap, fmin(c->width * 0.16, c->f->text_height * 0.15));
        r = fmax(r, c->size * 2);
        double cx = wp * ((double)p + 0.5), cy = 0, a = M_PI / 2;
        for (size_t i = 0; i < m && sum > 0; i++) {
            double sweep = 2 * M_PI * fabs(se->values[i]) / sum;
            pl[i].mid = a - sweep / 2;
            if (sweep <= 0)
                continue;
            int steps = (int)(sweep / 0.05) + 2;
            double *xy = bg_xcalloc(2 * (size_t)steps + 4, sizeof *xy);
            xy[0] = cx, xy[1] = cy;
            for (int s = 0; s <= steps; s++) {
                double t = a - sweep * s / steps;
                xy[2 + 2 * s] = cx + r * cos(t);
                xy[3 + 2 * s] = cy + r * sin(t);
            }
            /* The last slice touches the first: never the same colour. */
            size_t ci = i, colors = c->f->style->chart_color_count ? c->f->style->chart_color_count : 1;
            if (i > 0 && i + 1 == m && i % colors == 0)
                ci = colors > 2 ? i + 1 : i;
            mark *mk = S_path(c, xy, (size_t)steps + 2, true, S_color(c, ci), 0);
            mk->outline = true;
            mk->stroke = bg_gray(1);
            mk->width = 0.8;
            free(xy);
            a -= sweep;
        }
        S_take(c, (box){cx - r, cy - r, cx + r, cy + r});
        /* Labels outside, right of the pie for slices on its right half, left for the
         * others, each side pushed apart from the top down. */
        pie_label **side = bg_xcalloc(m + 1, sizeof *side);
        for (int right = 1; right >= 0; right--) {
            size_t k = 0;
            for (size_t i = 0; i < m; i++)
                if (se->values[i] != 0 && (cos(pl[i].mid) >= -1e-9) == (right == 1))
                    side[k++] = &pl[i];
            for (size_t i = 0; i < k; i++)
                side[i]->want = cy + (r + lead * 0.6) * sin(side[i]->mid);
            qsort(side, k, sizeof *side, S_by_want);
            for (size_t i = 0; i < k; i++) {
                side[i]->y = side[i]->want;
                if (i > 0)
                    side[i]->y = fmin(side[i]->y, side[i - 1]->y - side[i - 1]->h / 2 - side[i]->h / 2 - c->gap * 0.4);
            }
            for (size_t i = 0; i < k; i++) {
                pie_label *l = side[i];
                double ex = right ? cx + r + lead : cx - r - lead;
                double co = cos(l->mid), si = sin(l->mid);
                double xy[6] = {cx + r * co, cy + r * si, cx + (r + lead * 0.45) * co, cy + (r + lead * 0.45) * si,
                                ex, l->y};
                S_path(c, xy, 3, false, bg_gray(0.3), 0.4);
                double x0 = right ? ex + 2 : ex - 2 - l->w;
                bg_align al = right ? BG_ALIGN_LEFT : BG_ALIGN_RIGHT;
                double top = l->y + l->h / 2;
                double nw = S_width(l->name), vw = S_width(l->value);
                S_put(c, l->name, right ? x0 : x0 + l->w - nw, top, al);
                S_put(c, l->value, right ? x0 : x0 + l->w - vw, top - S_height(c, l->name) - c->size * 0.15, al);
            }
        }
        free(side);
        /* With several pies, each is named under itself. */
        if (np > 1 && se->name && *se->name) {
            double low = cy - r;
            for (size_t i = 0; i < m; i++)
                if (se->values[i] != 0)
                    low = fmin(low, pl[i].y - pl[i].h / 2);
            const bg_para *t = S_text(c, se, 332, se->name, 1e4);
            double w = S_width(t);
            S_put(c, t, cx - w / 2, low - c->gap, BG_ALIGN_CENTER);
        }
        free(pl);
    }
}

/* ---- the interface -------------------------------------------------------------------- */

bg_chart_box *bg_flow_chart(bg_flow *f, const bg_node *n, double width, double *height)
{
    bg_chart_box *cb = bg_flow_own(f, bg_xcalloc(1, sizeof *cb));
    ctx c = {.f = f, .ch = n->u.figure.chart, .cb = cb, .width = width};
    c.size = f->style->small_size;
    c.lh = c.size * 1.5; /* wrapped labels' lines keep clear of each other's ascenders */
    c.gap = c.size * 0.8;
    c.spec = (bg_text_spec){BG_ROLE_BODY, false, c.size, c.lh, 0, BG_ALIGN_LEFT, false};
    cb->top = cb->right = -INFINITY;
    cb->bottom = cb->left = INFINITY;
    if (c.ch->kind == BG_CHART_PIE)
        S_layout_pie(&c);
    else
        S_layout_xy(&c);
    if (!isfinite(cb->top))
        cb->top = cb->bottom = 0;
    bg_flow_own(f, cb->marks);
    free(c.taken);
    free(c.segments);
    /* A little air between the lowest labels and the caption. */
    *height = cb->top - cb->bottom + c.gap * 0.5;
    return cb;
}

char *bg_chart_alt(const bg_chart *ch)
{
    static const char *const kinds[] = {"柱状图", "折线图", "饼图"};
    const char *unit = ch->unit ? ch->unit : "";
    bg_buf b;
    bg_buf_init(&b);
    bg_buf_printf(&b, "%s：", kinds[ch->kind]);
    for (size_t i = 0; i < ch->label_count; i++) {
        if (i)
            bg_buf_puts(&b, ch->series_count > 1 ? "；" : "，");
        bg_buf_puts(&b, ch->labels[i]);
        for (size_t k = 0; k < ch->series_count; k++) {
            const bg_series *se = &ch->series[k];
            if (i >= se->count)
                continue;
            char num[64];
            S_format_value(num, sizeof num, se->values[i], se->format);
            if (ch->series_count > 1)
                bg_buf_printf(&b, "%s%s", k ? "，" : "：", se->name ? se->name : "");
            bg_buf_printf(&b, " %s%s%s", num, *unit ? " " : "", unit);
        }
    }
    bg_buf_puts(&b, "。");
    return bg_buf_take(&b);
}

void bg_chart_draw(const bg_chart_box *cb, bg_page *page, double x, double y_top)
{
    double dy = y_top - cb->top;
    for (size_t i = 0; i < cb->count; i++) {
        const mark *m = &cb->marks[i];
        switch (m->kind) {
        case M_RECT: {
            bg_item *r = bg_page_add(page, BG_ITEM_RECT);
            r->u.rect.x = x + m->x;
            r->u.rect.y = dy + m->y;
            r->u.rect.w = m->x1;
            r->u.rect.h = m->y1;
            r->u.rect.fill = true;
            r->u.rect.fill_color = m->color;
            r->u.rect.stroke = m->outline;
            r->u.rect.stroke_color = m->stroke;
            r->u.rect.stroke_width = m->width;
            break;
        }
        case M_LINE: {
            bg_artifact kind = page->artifact;
            unsigned figure = m->artifact ? bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT) : page->tag;
            bg_item *l = bg_page_add(page, BG_ITEM_LINE);
            bg_page_set_tag(page, figure, kind);
            l->u.line.x0 = x + m->x;
            l->u.line.y0 = dy + m->y;
            l->u.line.x1 = x + m->x1;
            l->u.line.y1 = dy + m->y1;
            l->u.line.width = m->width;
            l->u.line.color = m->color;
            break;
        }
        case M_PATH: {
            bg_item *p = bg_page_add(page, BG_ITEM_PATH);
            p->u.path.count = m->n;
            p->u.path.xy = bg_xcalloc(2 * m->n, sizeof(double));
            for (size_t k = 0; k < m->n; k++) {
                p->u.path.xy[2 * k] = x + m->xy[2 * k];
                p->u.path.xy[2 * k + 1] = dy + m->xy[2 * k + 1];
            }
            p->u.path.closed = p->u.path.fill = m->closed;
            if (m->closed) {
                p->u.path.fill_color = m->color;
                p->u.path.stroke = m->outline;
                p->u.path.stroke_color = m->stroke;
            } else {
                p->u.path.stroke = true;
                p->u.path.stroke_color = m->color;
            }
            p->u.path.stroke_width = m->width;
            break;
        }
        case M_TEXT: {
            const bg_para *p = m->para;
            bg_draw_line(p->shaped, &p->lines, m->line, x + m->x - p->lines.lines[m->line].indent, dy + m->y,
                         bg_gray(0), page);
            break;
        }
        }
    }
}
