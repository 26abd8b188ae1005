/* paginate.c: the vertical list to pages (see flow.h). Items go on a page in groups held
 * together by keep_with_next (headings with their text, no widows or orphans, a caption
 * with its table or figure); a group that does not fit starts a new page, unless it is a
 * float, which waits for the next page while the text flows on and fills this one.
 * What a typesetter tries first when something does not fit: a figure that almost fits is
 * scaled down (to the layout's figures.min_scale); a case box is broken between its blocks
 * when that leaves at most two empty lines, and otherwise waits for the next page as a
 * whole, as a float. Before a page break that would leave more than two empty lines, the
 * page is set again (from its start when it opened because the text no longer fitted,
 * else in a new round from the first page): with its photos and charts made no larger than a
 * common scale when that lets the next group fit (or a float waiting before a heading), or with a case box's photo moved under the box's title when
 * it does not fit after the box's text. The spaces between blocks shrink (spacing.shrink)
 * when that lets a group fit, and stretch (spacing.stretch) to end a page full unless a
 * forced break or the end closes it. Floats never move past a heading: the ones waiting go first (at this
 * page's foot if they fit, else on a new page); one that does not fit goes between lines of
 * its section's text on this page, scaled if need be, the text continuing after it. Space
 * at a page top is dropped, and so is the space below a float at a page foot. Footnotes
 * take room at the foot of the page holding their mark; a long note that does not fit
 * continues at the foot of the next page. On a grid layout body lines snap down to the
 * next grid line after anything of another height; a case box opening a page has no
 * padding above its title there, which is on the first grid line. A table row that opens a page gets the 续表
 * caption and the header above it; a case box piece that opens a page, its 案例 N（续）
 * title. */
#include "flow.h"
#include "table.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FOOTNOTE_SEPARATOR 12.0 /* pt above the first note of a page */

typedef struct pager {
    bg_flow *f;
    int page;
    double y;       /* used height on the page */
    double notes;   /* footnote area on the page */
    double carry;   /* lines of a note continued from this page, for the next one */
    bool has_content;
    double shrink;  /* what the spaces placed on the page may give up (spacing.shrink) */
    double group_shrink; /* the same for the group S_group_height measured last */
    bool cover; /* the document opens with a cover, which page 0 holds alone */
    const bg_table_ctx *table_on_page;
    int box_on_page; /* the case box whose piece is on this page, -1 none */
    size_t *deferred; /* float groups waiting for the next page: start,end pairs */
    size_t deferred_count, deferred_cap;
    size_t *order; /* the items placed, in the order placed (so page by page) */
    size_t order_count;
    size_t page_first; /* order[page_first ..] are on the current page */
    double *used; /* per page: its height used when it was closed */
    bool *forced; /* per page: closed by a forced break (not stretched to end full) */
    size_t page_cap;
    bool forcing; /* the page being closed ends before a forced break */
    bool full; /* a float's space dropped at this page's foot ended the page */
} pager;

static void S_free_pager(pager *p)
{
    free(p->deferred);
    free(p->order);
    free(p->used);
    free(p->forced);
}

/* Records how the current page ended, before it is closed. */
static void S_close_page(pager *p)
{
    BG_GROW(p->used, p->page_cap, (size_t)p->page + 1);
    p->forced = bg_xrealloc(p->forced, p->page_cap * sizeof *p->forced);
    p->used[p->page] = p->y;
    p->forced[p->page] = p->forcing;
    p->forcing = false;
}

/* On a grid layout (typography.grid), the space that puts line `it` at y on the page's
 * grid: a line whose height is whole pitches (body text, headings, the text in case
 * boxes) starts on a multiple of the pitch, so a body line's baseline sits on a grid line
 * (lines after a table, figure, case title or box snap down to the next one, and facing
 * pages register). Notes and captions: 0. */
static double S_grid_pad(const bg_flow *f, const bg_vitem *it, double y)
{
    const bg_style *s = f->style;
    if (s->grid_lines <= 0 || it->kind != BG_V_LINE || !it->para)
        return 0;
    double pitches = it->para->line_height / s->leading;
    if (pitches < 0.99 || fabs(pitches - round(pitches)) > 0.001)
        return 0;
    double k = ceil(y / s->leading - 1e-6);
    double pad = k * s->leading - y;
    return pad > 0.001 ? pad : 0;
}

static double S_note_height(const bg_flow *f, const bg_vitem *it, bool first_on_page)
{
    double h = 0;
    for (size_t k = 0; k < it->footnote_count; k++) {
        int n = it->footnotes[k];
        if (n >= 1 && (size_t)n <= f->footnote_count && f->footnotes[n - 1].para)
            h += f->footnotes[n - 1].height;
    }
    if (h > 0 && first_on_page)
        h += FOOTNOTE_SEPARATOR;
    return h;
}

static void S_new_page(pager *p)
{
    bg_flow *f = p->f;
    S_close_page(p);
    f->footnote_height = bg_xrealloc(f->footnote_height, (size_t)(p->page + 2) * sizeof(double));
    f->footnote_height[p->page] = p->notes;
    p->page++;
    f->footnote_height[p->page] = 0;
    p->y = 0;
    p->notes = p->carry > 0 ? p->carry + FOOTNOTE_SEPARATOR : 0;
    p->carry = 0;
    p->has_content = false;
    p->full = false;
    p->shrink = 0;
    p->page_first = p->order_count;
    p->table_on_page = NULL;
    p->box_on_page = -1;
}

/* What a space between blocks may give up or take on (none on a grid, nor for the hairline
 * spaces that hold a rule's thickness). */
static double S_flex(const bg_flow *f, const bg_vitem *it, double share)
{
    if (it->kind != BG_V_SPACE || it->height < 2 || f->style->grid_lines > 0)
        return 0;
    return it->height * share;
}

/* An item's height as placed: a figure scaled down loses that share of its picture. */
static double S_height(const pager *p, size_t i)
{
    const bg_vitem *it = &p->f->items[i];
    return it->height - (1 - p->f->placed[i].scale) * it->scalable;
}

/* Whether item i is a case box's top padding at a page top on a grid layout: it takes no
 * room there, so that the title is on the first grid line (not a whole blank line down),
 * as the title of a piece continued on a new page is. */
static bool S_grid_top_pad(const pager *p, size_t i, double y)
{
    const bg_vitem *it = &p->f->items[i];
    return p->f->style->grid_lines > 0 && it->box >= 0 && i == p->f->boxes[it->box].first && y < 0.001;
}

/* Whether item i continues case box it->box on a new page (its 续 title goes above it). */
static bool S_box_cont(const pager *p, size_t i, int box_on_page)
{
    const bg_vitem *it = &p->f->items[i];
    return it->box >= 0 && it->box != box_on_page && i != p->f->boxes[it->box].first;
}

/* Height of items [start, end] if placed now, with notes and a continuation header. */
static double S_group_height(pager *p, size_t start, size_t end, double *notes)
{
    bg_flow *f = p->f;
    double h = 0;
    *notes = 0;
    p->group_shrink = 0;
    const bg_table_ctx *table = p->table_on_page;
    int box = p->box_on_page;
    for (size_t i = start; i <= end; i++) {
        const bg_vitem *it = &f->items[i];
        if (it->kind == BG_V_SPACE && !p->has_content && h == 0)
            continue;
        if (S_box_cont(p, i, box))
            h += f->boxes[it->box].cont_height;
        if (it->box >= 0)
            box = it->box;
        if (it->table && !it->table_head && it->table != table)
            h += it->table->cont_height;
        if (it->table)
            table = it->table;
        h += S_grid_pad(f, it, p->y + h);
        if (!S_grid_top_pad(p, i, p->y + h))
            h += S_height(p, i);
        p->group_shrink += S_flex(f, it, f->style->space_shrink);
        *notes += S_note_height(f, it, p->notes + *notes == 0);
    }
    return h;
}

static void S_place(pager *p, size_t i)
{
    bg_flow *f = p->f;
    bg_vitem *it = &f->items[i];
    bg_placement *pl = &f->placed[i];
    if (it->kind == BG_V_SPACE && !p->has_content) {
        pl->page = -1;
        if (it->part == 1 && f->body_first_page < 0 && it->height == 0)
            f->body_first_page = p->page;
        return;
    }
    if (S_box_cont(p, i, p->box_on_page)) {
        pl->box_continued = true;
        p->y += f->boxes[it->box].cont_height;
    }
    if (it->box >= 0)
        p->box_on_page = it->box;
    if (it->table && !it->table_head && it->table != p->table_on_page) {
        pl->continued = true;
        p->y += it->table->cont_height;
    }
    if (it->table)
        p->table_on_page = it->table;
    p->y += S_grid_pad(f, it, p->y);
    pl->page = p->page;
    pl->y = p->y;
    p->order[p->order_count++] = i;
    if (!S_grid_top_pad(p, i, p->y))
        p->y += S_height(p, i);
    p->shrink += S_flex(f, it, f->style->space_shrink);
    p->notes += S_note_height(f, it, p->notes == 0);
    p->has_content = true;
    if (it->part == 1 && f->body_first_page < 0)
        f->body_first_page = p->page;
    if (it->part == 0 && f->front_first_page < 0 && !(p->cover && p->page == 0))
        f->front_first_page = p->page;
    if (it->dest >= 0) {
        f->dests[it->dest].page = p->page;
        f->dests[it->dest].y = pl->y;
    }
    for (size_t k = 0; k < it->footnote_count; k++) {
        int n = it->footnotes[k];
        if (n >= 1 && (size_t)n <= f->footnote_count && f->footnotes[n - 1].para)
            f->dests[f->footnotes[n - 1].dest].page = p->page;
    }
}

/* The space below a float's caption (the last item of its group): at the page foot it is
 * dropped, as a space at a page top is, so it need not fit. */
static double S_foot_space(const pager *p, size_t start, size_t end)
{
    const bg_vitem *it = &p->f->items[end];
    return end > start && p->f->items[start].is_float && it->kind == BG_V_SPACE ? S_height(p, end) : 0;
}

/* Room left on the page for items [start, end] (negative: how much they overflow), the
 * spaces between blocks shrunk as far as the layout lets them; a float's space below it
 * may fall off the page foot. */
static double S_room(pager *p, size_t start, size_t end)
{
    double notes;
    double h = S_group_height(p, start, end, &notes);
    if (p->full && p->has_content)
        return -p->f->text_height;
    return p->f->text_height + p->shrink + p->group_shrink - (p->y + h + p->notes + notes) +
           S_foot_space(p, start, end);
}

static bool S_fits(pager *p, size_t start, size_t end)
{
    return S_room(p, start, end) >= -0.01;
}

/* Places items [start, end] that fit: a float's space below it that does not is dropped at
 * the page foot, which then ends the page. */
static void S_place_group(pager *p, size_t start, size_t end)
{
    double foot = S_foot_space(p, start, end);
    bool drop = foot > 0 && p->has_content && S_room(p, start, end) - foot < -0.01;
    for (size_t i = start; i <= end - drop; i++)
        S_place(p, i);
    if (drop) {
        p->f->placed[end].page = -1;
        p->full = true;
    }
}

/* The group starting at i: i and the items it keeps with, at most a page's worth. */
static size_t S_group_end(const bg_flow *f, size_t i)
{
    size_t end = i;
    double h = f->items[i].height;
    while (end + 1 < f->count && f->items[end].keep_with_next && f->items[end + 1].kind != BG_V_BREAK) {
        h += f->items[end + 1].height;
        if (h > f->text_height * 0.85)
            break;
        end++;
    }
    return end;
}

/* When group [start, end] fits but for the last note of its last marked line, places
 * the group with that note split: as many of its lines as fit here (at least 2), the
 * rest (at least 2) continued on the next page. Returns whether it did. */
static bool S_split_note(pager *p, size_t start, size_t end)
{
    bg_flow *f = p->f;
    size_t marked = end + 1;
    for (size_t i = start; i <= end; i++)
        if (f->items[i].footnote_count)
            marked = i;
    if (marked > end)
        return false;
    const bg_vitem *it = &f->items[marked];
    int n = it->footnotes[it->footnote_count - 1];
    if (n < 1 || (size_t)n > f->footnote_count || !f->footnotes[n - 1].para)
        return false;
    bg_footnote *fn = &f->footnotes[n - 1];
    size_t lines = fn->para->lines.count;
    double lh = fn->para->line_height;
    double notes;
    double h = S_group_height(p, start, end, &notes);
    double others = notes - fn->height;
    double room = f->text_height - p->y - h - p->notes - others - (p->notes + others == 0 ? FOOTNOTE_SEPARATOR : 0);
    size_t here = room > 0 ? (size_t)(room / lh + 0.001) : 0;
    if (here < 2 || here + 2 > lines)
        return false;
    for (size_t i = start; i <= end; i++)
        S_place(p, i);
    fn->lines_here = here;
    p->notes -= (double)(lines - here) * lh;
    p->carry = (double)(lines - here) * lh;
    return true;
}

/* Places the floats waiting, in order, while they fit (all of the first on an empty
 * page); the rest wait for the next page. */
static void S_flush_deferred(pager *p)
{
    size_t d = 0;
    for (; d < p->deferred_count; d += 2) {
        if (p->has_content && !S_fits(p, p->deferred[d], p->deferred[d + 1]))
            break;
        S_place_group(p, p->deferred[d], p->deferred[d + 1]);
    }
    if (d && d < p->deferred_count) /* memmove(NULL, …) is undefined even for 0 bytes */
        memmove(p->deferred, p->deferred + d, (p->deferred_count - d) * sizeof *p->deferred);
    p->deferred_count -= d;
}

/* New pages until no float waits. */
static void S_flush_all(pager *p)
{
    while (p->deferred_count) {
        if (p->has_content)
            S_new_page(p);
        S_flush_deferred(p);
    }
}

static void S_defer(pager *p, size_t start, size_t end)
{
    BG_GROW(p->deferred, p->deferred_cap, p->deferred_count + 2);
    p->deferred[p->deferred_count++] = start;
    p->deferred[p->deferred_count++] = end;
}

/* Scales the scalable items of [start, end] down, no further than the layout allows, so
 * that they fit the page; returns whether it did. */
static bool S_scale_to_fit(pager *p, size_t start, size_t end)
{
    bg_flow *f = p->f;
    double shrinkable = 0;
    for (size_t i = start; i <= end; i++)
        shrinkable += f->items[i].scalable * f->placed[i].scale;
    double over = -S_room(p, start, end);
    if (shrinkable <= 0 || over <= 0)
        return over <= 0;
    double s = 1 - (over + 0.5) / shrinkable;
    if (s < f->style->figure_min_scale)
        return false;
    for (size_t i = start; i <= end; i++)
        if (f->items[i].scalable > 0)
            f->placed[i].scale *= s;
    return true;
}

/* Whether a float of a section at `level` may move past a heading of level `heading`:
 * only past the heading of a deeper section (a float of 1.2.1 past 1.2.1.1). */
static bool S_passes(int level, int heading)
{
    return level > 0 && heading > level;
}

/* Whether every float waiting may move past a heading of level `heading`. */
static bool S_all_pass(const pager *p, int heading)
{
    for (size_t d = 0; d < p->deferred_count; d += 2)
        if (!S_passes(p->f->items[p->deferred[d]].level, heading))
            return false;
    return true;
}

/* Height of what follows item `from` and could move up past a float of a section at
 * `level`: up to the next heading it may not pass, forced break, float or case box, and
 * no more than `enough`. */
static double S_movable(const pager *p, size_t from, double enough, int level)
{
    const bg_flow *f = p->f;
    double h = 0;
    for (size_t k = from; k < f->count && h < enough; k++) {
        const bg_vitem *it = &f->items[k];
        if (it->kind == BG_V_BREAK || (it->heading && !S_passes(level, it->heading)) || it->is_float ||
            (it->box >= 0 && k == f->boxes[it->box].first))
            break;
        h += it->height;
    }
    return h;
}

/* For each photo k on this page: the items placed on it, then those of [start, end] (not
 * placed yet; none when end < start), running body. */
#define S_EACH_PHOTO(p, start, end, k, body)                                                      \
    for (size_t o_ = (p)->page_first, n_ = (p)->order_count + (end) + 1 - (start); o_ < n_; o_++) { \
        size_t k = o_ < (p)->order_count ? (p)->order[o_] : (start) + (o_ - (p)->order_count);   \
        if ((p)->f->items[k].scalable > 0)                                                        \
            body                                                                                  \
    }

/* What the photos on this page (placed, or in [start, end]) give up when none is larger
 * than scale c. */
static double S_give(const pager *p, size_t start, size_t end, double c)
{
    const bg_flow *f = p->f;
    double give = 0;
    S_EACH_PHOTO(p, start, end, k, {
        if (f->placed[k].scale > c)
            give += f->items[k].scalable * (f->placed[k].scale - c);
    })
    return give;
}

/* The empty space a case box [start, last] would leave at this page's foot if broken
 * where the groups stop fitting. */
static double S_split_hole(pager *p, size_t start, size_t last)
{
    bg_flow *f = p->f;
    double room = f->text_height - p->y - p->notes;
    size_t i = start, fit_end = start;
    bool any = false;
    while (i <= last) {
        size_t end = S_group_end(f, i);
        if (end > last)
            end = last;
        double over = -S_room(p, start, end);
        if (over > 0.01) {
            /* photos scaled down as far as the layout allows fill the page */
            if (S_give(p, start, end, f->style->figure_min_scale) >= over)
                return 0;
            break;
        }
        fit_end = end;
        any = true;
        i = end + 1;
    }
    if (!any)
        return room;
    return S_room(p, start, fit_end);
}

/* Per-page footnote numbers for the next pass: each note's place among its page's. */
static void S_note_labels(bg_flow *f)
{
    if (!f->style->footnotes_per_page)
        return;
    f->note_labels = bg_xrealloc(f->note_labels, (f->footnote_count ? f->footnote_count : 1) * sizeof *f->note_labels);
    f->note_label_count = f->footnote_count;
    int page = -1, count = 0;
    for (size_t k = 0; k < f->footnote_count; k++) {
        const bg_footnote *fn = &f->footnotes[k];
        int pg = fn->para ? f->dests[fn->dest].page : -1;
        count = pg == page ? count + 1 : 1;
        page = pg;
        f->note_labels[k] = count;
    }
}

/* Where the items placed on this page would end with its photos no larger than scale c:
 * set again from the page's first item, so that on a grid the lines after a smaller photo
 * snap to the grid line they then reach (the room a photo gives up is not all won). */
static double S_end_at(const pager *p, double c)
{
    const bg_flow *f = p->f;
    if (p->page_first >= p->order_count)
        return p->y;
    double y = f->placed[p->order[p->page_first]].y;
    for (size_t o = p->page_first; o < p->order_count; o++) {
        size_t k = p->order[o];
        const bg_vitem *it = &f->items[k];
        const bg_placement *pl = &f->placed[k];
        if (o > p->page_first) {
            if (pl->box_continued)
                y += f->boxes[it->box].cont_height;
            if (pl->continued)
                y += it->table->cont_height;
            y += S_grid_pad(f, it, y);
        }
        double s = it->scalable > 0 && pl->scale > c ? c : pl->scale;
        if (!S_grid_top_pad(p, k, y))
            y += it->height - (1 - s) * it->scalable;
    }
    return y;
}

/* Whether the group [start, end] would fit after this page's items with the photos on the
 * page and in the group no larger than scale c. */
static bool S_fits_at(pager *p, size_t start, size_t end, double c)
{
    bg_flow *f = p->f;
    double y = p->y, *saved = bg_xmalloc((end - start + 1) * sizeof *saved);
    p->y = S_end_at(p, c);
    for (size_t k = start; k <= end; k++) {
        saved[k - start] = f->placed[k].scale;
        if (f->items[k].scalable > 0 && f->placed[k].scale > c)
            f->placed[k].scale = c;
    }
    bool fits = S_fits(p, start, end);
    for (size_t k = start; k <= end; k++)
        f->placed[k].scale = saved[k - start];
    p->y = y;
    free(saved);
    return fits;
}

/* Before a page break that would leave more than two empty lines: whether making the
 * photos on this page and in the group [start, end] that does not fit no larger than a
 * common scale (no smaller than the layout allows) lets that group fit, the page set again
 * (on a grid the lines after a photo stay on the grid). If so, it records the scales in
 * `prescale` for the next round of pagination and returns true. */
static bool S_scale_page(pager *p, size_t start, size_t end, double *prescale)
{
    bg_flow *f = p->f;
    double hole = f->text_height - p->y - p->notes;
    if (hole <= 2 * f->style->leading + 0.01)
        return false;
    double lo = f->style->figure_min_scale, hi = 1;
    if (S_give(p, start, end, lo) <= 0 || !S_fits_at(p, start, end, lo))
        return false;
    for (int k = 0; k < 30; k++) { /* the largest common scale that lets the group fit */
        double mid = (lo + hi) / 2;
        if (S_fits_at(p, start, end, mid))
            lo = mid;
        else
            hi = mid;
    }
    S_EACH_PHOTO(p, start, end, k, {
        if (f->placed[k].scale > lo)
            prescale[k] = lo;
    })
    return true;
}

/* Spaces between blocks, page by page: an overfull page (placed counting on their shrink)
 * has them shrunk evenly until it fits; a page that ends short where nothing forced the
 * break has the spaces between its blocks stretched evenly to end full, when their
 * stretch is enough for that (else it is left as it is, set from the top). */
static void S_flex_pages(pager *p)
{
    bg_flow *f = p->f;
    for (size_t a = 0, b; a < p->order_count; a = b) {
        int pg = f->placed[p->order[a]].page;
        for (b = a; b < p->order_count && f->placed[p->order[b]].page == pg; b++)
            ;
        size_t last = a; /* the last item on the page that is not a space */
        double shrink = 0, stretch = 0;
        for (size_t k = a; k < b; k++)
            if (f->items[p->order[k]].kind != BG_V_SPACE)
                last = k;
        for (size_t k = a; k < b; k++) {
            const bg_vitem *it = &f->items[p->order[k]];
            shrink += S_flex(f, it, f->style->space_shrink);
            if (k < last)
                stretch += S_flex(f, it, f->style->space_stretch);
        }
        double over = p->used[pg] + f->footnote_height[pg] - f->text_height;
        double ratio = 0, share = 0;
        if (over > 0.01 && shrink > 0) {
            ratio = -(over < shrink ? over / shrink : 1);
            share = f->style->space_shrink;
        } else if (over < -0.01 && !p->forced[pg] && stretch > 0 && -over <= stretch) {
            ratio = -over / stretch;
            share = f->style->space_stretch;
        }
        if (ratio == 0)
            continue;
        double moved = 0;
        for (size_t k = a; k < b; k++) {
            size_t i = p->order[k];
            bg_placement *pl = &f->placed[i];
            pl->y += moved;
            if (f->items[i].dest >= 0)
                f->dests[f->items[i].dest].y = pl->y;
            if (ratio < 0 || k < last) {
                pl->grow = ratio * S_flex(f, &f->items[i], share);
                moved += pl->grow;
            }
        }
    }
}

/* Rotates items [at, at + n) (and their scales) so that the last n - k come first. */
static void S_rotate(bg_flow *f, double *prescale, size_t at, size_t n, size_t k)
{
    bg_vitem *items = bg_xmalloc(n * sizeof *items);
    double *scales = bg_xmalloc(n * sizeof *scales);
    memcpy(items, &f->items[at + k], (n - k) * sizeof *items);
    memcpy(items + (n - k), &f->items[at], k * sizeof *items);
    memcpy(scales, &prescale[at + k], (n - k) * sizeof *scales);
    memcpy(scales + (n - k), &prescale[at], k * sizeof *scales);
    memcpy(&f->items[at], items, n * sizeof *items);
    memcpy(&prescale[at], scales, n * sizeof *scales);
    free(items);
    free(scales);
}

/* Before a page break inside a case box whose photo does not fit after the box's text
 * (which would leave a hole at this page's foot): when the box opened on this page and its
 * photo, scaled as far as the layout allows, fits right under the box's title with at
 * least two lines of the text after it, moves the photo (its gap, picture, caption and the
 * space below) there, as a float goes to the top of its page, and returns true (a new
 * round); the text then fills the page (or all of it goes to the box's next piece). */
static bool S_hoist(pager *p, size_t fig, size_t end, double *prescale)
{
    bg_flow *f = p->f;
    const bg_vitem *it = &f->items[fig];
    double lead = f->style->leading;
    if (it->box < 0 || f->boxes[it->box].hoist || it->scalable <= 0 || fig < 1 || f->text_height - p->y - p->notes <= 2 * lead + 0.01)
        return false;
    const bg_case_box *cb = &f->boxes[it->box];
    size_t gap = fig - 1;
    if (f->items[gap].kind != BG_V_SPACE || f->items[gap].box != it->box || f->placed[cb->first].page != p->page ||
        f->items[end].kind != BG_V_SPACE || end >= cb->last)
        return false;
    size_t ts = cb->first + 1; /* the space under the title */
    while (ts < gap && f->items[ts].kind == BG_V_LINE)
        ts++;
    if (ts >= gap || f->items[ts].kind != BG_V_SPACE)
        return false;
    double text = 0;
    size_t lines = 0;
    for (size_t k = ts + 1; k < gap; k++) {
        if (f->items[k].kind == BG_V_BOX || f->items[k].kind == BG_V_BREAK || f->items[k].footnote_count)
            return false;
        lines += f->items[k].kind == BG_V_LINE;
        text += f->items[k].height;
    }
    double photo = -(1 - f->style->figure_min_scale) * it->scalable;
    for (size_t k = gap; k <= end; k++)
        photo += f->items[k].height - S_flex(f, &f->items[k], f->style->space_shrink);
    /* the page's other photos may give up room too */
    double room = f->text_height + p->shrink - p->y - p->notes + S_give(p, 1, 0, f->style->figure_min_scale);
    if (lines < 2 || photo > text + room)
        return false;
    size_t n = end - ts, head = end + 1 - gap; /* items [ts+1, end]: the photo's go first */
    S_rotate(f, prescale, ts + 1, n, n - head);
    f->items[ts + 1].keep_with_next = true; /* the title stays with the photo */
    bg_case_box *box = &f->boxes[it->box];
    box->hoist = 1;
    box->hoist_at = ts + 1;
    box->hoist_head = head;
    box->hoist_count = n;
    return true;
}

/* Before a page break forced by a heading the first float waiting may not pass, which would
 * leave more than two empty lines: whether the float fits higher on this page, after text
 * of its own section (as a float goes to the foot of the page its text is on, never above
 * its section's heading), scaled down as far as the layout allows if need be, counting
 * the room the notes of the text moved to the next page leave. If so, moves its items
 * (with the gap above it) before that text, which then continues after it (and on the
 * next page), and returns true (a new round). Only between paragraph lines or spaces
 * outside tables and case boxes. */
static bool S_float_up(pager *p, double *prescale)
{
    bg_flow *f = p->f;
    size_t fs = p->deferred[0], fe = p->deferred[1];
    const bg_vitem *fl = &f->items[fs];
    if (!fl->is_float || fl->moved_up || fs < 2 ||
        f->text_height - p->y - p->notes <= 2 * f->style->leading + 0.01)
        return false;
    /* the gap above the float goes with it */
    size_t gs = f->items[fs - 1].kind == BG_V_SPACE && f->items[fs - 1].box < 0 ? fs - 1 : fs;
    if (gs < 2)
        return false;
    double h = 0, give = 0, float_notes = 0;
    for (size_t k = gs; k <= fe; k++) {
        const bg_vitem *it = &f->items[k];
        h += S_height(p, k);
        if (it->scalable > 0 && f->placed[k].scale > f->style->figure_min_scale)
            give += it->scalable * (f->placed[k].scale - f->style->figure_min_scale);
        float_notes += S_note_height(f, it, false);
    }
    double moved_notes = 0; /* the notes of the text [k + 1, gs) that goes to the next page */
    for (size_t k = gs - 1; k-- > 0;) {
        const bg_vitem *it = &f->items[k];
        const bg_placement *pl = &f->placed[k];
        if (f->placed[k + 1].page == p->page)
            moved_notes += S_note_height(f, &f->items[k + 1], false);
        if (pl->page != p->page || it->heading || it->is_float || it->kind == BG_V_BREAK)
            return false; /* not past this page's top, the section's heading, another float */
        if (it->box >= 0 && k == f->boxes[it->box].first)
            return false;
        if (it->keep_with_next || it->table || it->box >= 0 || it->footnote_count ||
            (it->kind != BG_V_LINE && it->kind != BG_V_SPACE))
            continue;
        double notes = p->notes - moved_notes;
        if (notes < FOOTNOTE_SEPARATOR + 0.01) /* no note left but the separator */
            notes = 0;
        if (float_notes > 0)
            notes += float_notes + (notes == 0 ? FOOTNOTE_SEPARATOR : 0);
        /* scaled as S_scale_to_fit does it (with its half point to spare) */
        double need = h - give + (give > 0 ? 0.5 : 0) - S_foot_space(p, fs, fe);
        if (pl->y + S_height(p, k) + need > f->text_height - notes + 0.01)
            continue;
        size_t at = k + 1, n = fe + 1 - at, before = gs - at;
        for (int b = 0; b < f->box_count; b++) /* boxes in the text moved down */
            if (f->boxes[b].first >= at && f->boxes[b].first < gs) {
                f->boxes[b].first += n - before;
                f->boxes[b].last += n - before;
                f->boxes[b].hoist_at += n - before;
            }
        S_rotate(f, prescale, at, n, before);
        f->items[at + (fs - gs)].moved_up = true;
        return true;
    }
    return false;
}

/* The state at the start of a page that opened because the text no longer fitted, so
 * that a change to that page's items (scales, a photo moved) sets it again from there
 * rather than from the first page. */
typedef struct checkpoint {
    int page; /* -1: none */
    size_t i; /* the group that did not fit */
    pager p;  /* its scalars (its buffers are the pager's own) */
    size_t *deferred, deferred_cap;
    size_t *lines_here; /* per footnote */
    int body_first, front_first;
    int retries;
} checkpoint;

#define PAGE_RETRIES 8 /* times a page is set again from its checkpoint */

static void S_checkpoint(const pager *p, checkpoint *c, size_t i)
{
    const bg_flow *f = p->f;
    c->page = p->page;
    c->i = i;
    c->p = *p;
    BG_GROW(c->deferred, c->deferred_cap, p->deferred_count + 1);
    if (p->deferred_count)
        memcpy(c->deferred, p->deferred, p->deferred_count * sizeof *c->deferred);
    c->lines_here = bg_xrealloc(c->lines_here, (f->footnote_count + 1) * sizeof *c->lines_here);
    for (size_t k = 0; k < f->footnote_count; k++)
        c->lines_here[k] = f->footnotes[k].lines_here;
    c->body_first = f->body_first_page;
    c->front_first = f->front_first_page;
    c->retries = 0;
}

/* Whether the current page may be set again from its checkpoint. */
static bool S_can_retry(const pager *p, const checkpoint *c)
{
    return c->page == p->page && c->retries < PAGE_RETRIES;
}

/* Back to the checkpoint of the current page: the pager as it was, the floats waiting
 * then, the notes' splits, the scales as `prescale` has them now; *i is the group to
 * place next (after the floats waiting, as when the page opened). */
static void S_restore(pager *p, checkpoint *c, size_t *i, const double *prescale)
{
    bg_flow *f = p->f;
    pager now = *p;
    *p = c->p;
    p->deferred = now.deferred;
    p->deferred_cap = now.deferred_cap;
    p->order = now.order;
    p->used = now.used;
    p->forced = now.forced;
    p->page_cap = now.page_cap;
    BG_GROW(p->deferred, p->deferred_cap, c->p.deferred_count + 1);
    p->deferred_count = c->p.deferred_count;
    if (p->deferred_count)
        memcpy(p->deferred, c->deferred, p->deferred_count * sizeof *p->deferred);
    for (size_t k = 0; k < f->footnote_count; k++)
        f->footnotes[k].lines_here = c->lines_here[k];
    f->body_first_page = c->body_first;
    f->front_first_page = c->front_first;
    size_t from = c->i;
    for (size_t d = 0; d < p->deferred_count; d += 2)
        from = p->deferred[d] < from ? p->deferred[d] : from;
    for (size_t k = from; k < f->count; k++)
        f->placed[k].scale = prescale[k];
    *i = c->i;
    c->retries++;
    S_flush_deferred(p);
}

static void S_checkpoint_free(checkpoint *c)
{
    free(c->deferred);
    free(c->lines_here);
}

/* One round of pagination with the figures' scales from `prescale`; returns true when it
 * stopped early because scaling a page's figures lets it fill the page (a new round). */
static bool S_paginate(bg_flow *f, double *prescale, bool may_rescale)
{
    free(f->placed);
    f->placed = bg_xcalloc(f->count + 1, sizeof *f->placed);
    f->footnote_height = bg_xrealloc(f->footnote_height, 2 * sizeof(double));
    f->footnote_height[0] = 0;
    f->body_first_page = -1;
    f->front_first_page = -1;
    for (size_t i = 0; i < f->dest_count; i++)
        if (strncmp(f->dests[i].name, "fn-", 3) == 0)
            f->dests[i].page = -1;
    for (size_t k = 0; k < f->footnote_count; k++)
        f->footnotes[k].lines_here = 0;
    const bg_node *first = f->doc->root->first_child;
    pager p = {.f = f, .cover = first && first->type == BG_NODE_COVER, .box_on_page = -1};
    p.order = bg_xmalloc((f->count + 1) * sizeof *p.order);
    for (size_t k = 0; k < f->count; k++) {
        f->placed[k].scale = prescale[k];
        f->placed[k].page = -2; /* not placed yet */
    }
    checkpoint cp = {.page = -1};
    size_t i = 0;
    while (i < f->count) {
        bg_vitem *it = &f->items[i];
        /* after a change to this page's items: set it again, from its start when it has a
         * checkpoint, else from the first page (a new round) */
        bool retry = S_can_retry(&p, &cp) || may_rescale;
#define S_AGAIN()                                      \
    do {                                               \
        if (S_can_retry(&p, &cp)) {                    \
            S_restore(&p, &cp, &i, prescale);          \
            goto next;                                 \
        }                                              \
        S_free_pager(&p);                              \
        S_checkpoint_free(&cp);                        \
        return true;                                   \
    } while (0)
        if (it->kind == BG_V_BREAK) {
            f->placed[i].page = -1;
            if (p.has_content || p.deferred_count) {
                S_flush_deferred(&p); /* at this page's foot, when they fit */
                p.forcing = !p.deferred_count;
                if (p.has_content)
                    S_new_page(&p);
                S_flush_all(&p);
            }
            if (it->break_kind == BG_BREAK_RECTO && p.page % 2 == 1) {
                S_new_page(&p);
                p.has_content = false;
            }
            i++;
            continue;
        }
        /* Floats never move past a heading of their section's level or higher: the
         * waiting ones go first. */
        if (it->heading && p.deferred_count && !S_all_pass(&p, it->heading)) {
            S_flush_deferred(&p);
            if (p.deferred_count && retry &&
                (S_float_up(&p, prescale) || S_scale_page(&p, p.deferred[0], p.deferred[1], prescale)))
                S_AGAIN();
            if (p.deferred_count) {
                S_new_page(&p);
                S_flush_all(&p);
            }
            continue;
        }
        double line = f->style->leading;
        /* Floats keep their order: while one waits, a later one waits behind it. */
        bool box_start = it->box >= 0 && i == f->boxes[it->box].first;
        if (p.deferred_count && (it->is_float || box_start)) {
            size_t last = box_start ? f->boxes[it->box].last : S_group_end(f, i);
            S_defer(&p, i, last);
            i = last + 1;
            continue;
        }
        /* A case box that does not fit: scale its figure, break it between blocks, or let
         * it wait for the next page while the text after it fills this one. */
        if (box_start && p.has_content) {
            size_t last = f->boxes[it->box].last;
            if (!S_fits(&p, i, last) && !S_scale_to_fit(&p, i, last)) {
                double hole = S_split_hole(&p, i, last);
                double whole = S_group_height(&p, i, last, &(double){0});
                double room = f->text_height - p.y - p.notes;
                /* Waiting leaves what the text after it cannot fill. */
                double wait_hole = room - S_movable(&p, last + 1, room, it->level);
                if (hole > 2 * line + 0.01 && wait_hole < hole && whole < f->text_height * 0.9) {
                    bg_case_box *cb = &f->boxes[it->box];
                    if (cb->hoist == 1 && retry) {
                        /* The photo moved under the title for another page than this
                         * one: here the text first breaks the box better. */
                        f->items[cb->hoist_at].keep_with_next = false;
                        S_rotate(f, prescale, cb->hoist_at, cb->hoist_count, cb->hoist_head);
                        cb->hoist = -1;
                        S_AGAIN();
                    }
                    S_defer(&p, i, last);
                    i = last + 1;
                    continue;
                }
            }
        }
        size_t end = S_group_end(f, i);
        if (S_fits(&p, i, end)) {
            S_place_group(&p, i, end);
            i = end + 1;
        } else if (it->is_float && p.has_content && S_scale_to_fit(&p, i, end)) {
            S_place_group(&p, i, end);
            i = end + 1;
        } else if (it->is_float && p.has_content) {
            S_defer(&p, i, end);
            i = end + 1;
        } else if (!p.has_content) {
            /* Too big for an empty page: place what fits, item by item. */
            S_place(&p, i);
            i++;
            while (i <= end && S_fits(&p, i, i)) {
                S_place(&p, i);
                i++;
            }
            if (i <= end)
                S_new_page(&p);
        } else if (S_split_note(&p, i, end)) {
            i = end + 1;
        } else if (retry && (S_scale_page(&p, i, end, prescale) || S_hoist(&p, i, end, prescale))) {
            S_AGAIN();
        } else {
            S_new_page(&p);
            S_checkpoint(&p, &cp, i);
            S_flush_deferred(&p);
        }
    next:;
    }
#undef S_AGAIN
    S_flush_deferred(&p);
    S_flush_all(&p);
    f->page_count = p.page + 1;
    f->footnote_height = bg_xrealloc(f->footnote_height, (size_t)(f->page_count + 1) * sizeof(double));
    f->footnote_height[p.page] = p.notes;
    p.forcing = true; /* the last page */
    S_close_page(&p);
    S_flex_pages(&p);
    S_free_pager(&p);
    S_checkpoint_free(&cp);
    S_note_labels(f);
    return false;
}

#define RESCALE_ROUNDS 64 /* rounds from the first page, for pages that have no checkpoint
                            (opened by a forced break or by floats); bounded anyway */

void bg_flow_paginate(bg_flow *f)
{
    double *prescale = bg_xmalloc((f->count + 1) * sizeof *prescale);
    for (size_t k = 0; k < f->count; k++)
        prescale[k] = 1;
    int round = 0;
    while (S_paginate(f, prescale, round < RESCALE_ROUNDS))
        round++;
    free(prescale);
}
