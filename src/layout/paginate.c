/* paginate.c: the vertical list to pages (see flow.h). Items go on a page in groups held
 * together by keep_with_next (headings with their text, no widows or orphans, a caption
 * with its table or figure); a group that does not fit starts a new page, unless it is a
 * float, which waits for the next page while the text flows on and fills this one.
 * What a typesetter tries first when something does not fit: a figure that almost fits is
 * scaled down (to the layout's figures.min_scale); a case box is broken between its blocks
 * when that leaves at most two empty lines, and otherwise waits for the next page as a
 * whole, as a float. Floats never move past a heading: the ones waiting go first (at this
 * page's foot if they fit, else on a new page). Space at a page top is dropped. Footnotes
 * take room at the foot of the page holding their mark; a long note that does not fit
 * continues at the foot of the next page. On a grid layout body lines snap down to the
 * next grid line after anything of another height. A table row that opens a page gets the 续表
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
    bool cover; /* the document opens with a cover, which page 0 holds alone */
    const bg_table_ctx *table_on_page;
    int box_on_page; /* the case box whose piece is on this page, -1 none */
    size_t *deferred; /* float groups waiting for the next page: start,end pairs */
    size_t deferred_count, deferred_cap;
} pager;

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
    f->footnote_height = bg_xrealloc(f->footnote_height, (size_t)(p->page + 2) * sizeof(double));
    f->footnote_height[p->page] = p->notes;
    p->page++;
    f->footnote_height[p->page] = 0;
    p->y = 0;
    p->notes = p->carry > 0 ? p->carry + FOOTNOTE_SEPARATOR : 0;
    p->carry = 0;
    p->has_content = false;
    p->table_on_page = NULL;
    p->box_on_page = -1;
}

/* An item's height as placed: a figure scaled down loses that share of its picture. */
static double S_height(const pager *p, size_t i)
{
    const bg_vitem *it = &p->f->items[i];
    return it->height - (1 - p->f->placed[i].scale) * it->scalable;
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
        h += S_height(p, i);
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
    p->y += S_height(p, i);
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

static bool S_fits(pager *p, size_t start, size_t end)
{
    double notes;
    double h = S_group_height(p, start, end, &notes);
    return p->y + h + p->notes + notes <= p->f->text_height + 0.01;
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
        for (size_t i = p->deferred[d]; i <= p->deferred[d + 1]; i++)
            S_place(p, i);
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

/* Room left on the page for items [start, end] (negative: how much they overflow). */
static double S_room(pager *p, size_t start, size_t end)
{
    double notes;
    double h = S_group_height(p, start, end, &notes);
    return p->f->text_height - (p->y + h + p->notes + notes);
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

/* Height of what follows item `from` and could move up past a float: up to the next
 * heading, forced break, float or case box, and no more than `enough`. */
static double S_movable(const pager *p, size_t from, double enough)
{
    const bg_flow *f = p->f;
    double h = 0;
    for (size_t k = from; k < f->count && h < enough; k++) {
        const bg_vitem *it = &f->items[k];
        if (it->kind == BG_V_BREAK || it->heading || it->is_float ||
            (it->box >= 0 && k == f->boxes[it->box].first))
            break;
        h += it->height;
    }
    return h;
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
        if (S_room(p, start, end) < -0.01)
            break;
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

void bg_flow_paginate(bg_flow *f)
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
    const bg_node *first = f->doc->root->first_child;
    pager p = {.f = f, .cover = first && first->type == BG_NODE_COVER, .box_on_page = -1};
    for (size_t k = 0; k < f->count; k++)
        f->placed[k].scale = 1;
    size_t i = 0;
    while (i < f->count) {
        bg_vitem *it = &f->items[i];
        if (it->kind == BG_V_BREAK) {
            f->placed[i].page = -1;
            if (p.has_content || p.deferred_count) {
                S_flush_deferred(&p); /* at this page's foot, when they fit */
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
        /* Floats never move past a heading: the waiting ones go first. */
        if (it->heading && p.deferred_count) {
            S_flush_deferred(&p);
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
                double wait_hole = room - S_movable(&p, last + 1, room);
                if (hole > 2 * line + 0.01 && wait_hole < hole && whole < f->text_height * 0.9) {
                    S_defer(&p, i, last);
                    i = last + 1;
                    continue;
                }
            }
        }
        size_t end = S_group_end(f, i);
        if (S_fits(&p, i, end)) {
            for (size_t k = i; k <= end; k++)
                S_place(&p, k);
            i = end + 1;
        } else if (it->is_float && p.has_content && S_scale_to_fit(&p, i, end)) {
            for (size_t k = i; k <= end; k++)
                S_place(&p, k);
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
        } else {
            S_new_page(&p);
            S_flush_deferred(&p);
        }
    }
    S_flush_deferred(&p);
    S_flush_all(&p);
    f->page_count = p.page + 1;
    f->footnote_height = bg_xrealloc(f->footnote_height, (size_t)(f->page_count + 1) * sizeof(double));
    f->footnote_height[p.page] = p.notes;
    free(p.deferred);
    S_note_labels(f);
}
