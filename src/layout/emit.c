/* emit.c: paginated items to pages of positioned items (see flow.h): case frames behind
 * their text (open where a box continues across pages), lines and boxes, repeated table
 * headers and closing rules, footnotes above a short rule at the page foot, running head
 * and foot, destinations, the outline and the page labels. Nothing is measured here. */
#include "flow.h"
#include "table.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct page_geom {
    double left, top; /* PDF coordinates of the text block's top-left corner */
} page_geom;

static page_geom S_geom(const bg_flow *f, int page)
{
    const bg_style *s = f->style;
    bool recto = page % 2 == 0;
    return (page_geom){recto ? s->margin_inner : s->margin_outer, s->page_height - s->margin_top};
}

/* The frame of each case box piece on the page: a rule on every side but one at a page
 * break (the box starts on an earlier page, or goes on to a later one), and above a
 * piece continued from an earlier page the 案例 N（续） title. Pieces are told by where
 * their items were placed (items dropped at a page top do not count). */
static void S_frames(bg_flow *f, bg_page *page, int pg, page_geom g)
{
    const bg_style *s = f->style;
    for (int box = 0; box < f->box_count; box++) {
        double top = 1e9, bottom = -1;
        bool starts = true, ends = true, any = false;
        const bg_case_box *cb = &f->boxes[box];
        for (size_t i = cb->first; i <= cb->last && i < f->count; i++) {
            const bg_placement *pl = &f->placed[i];
            if (f->items[i].box != box || pl->page < 0)
                continue;
            if (pl->page < pg)
                starts = false;
            if (pl->page > pg)
                ends = false;
            if (pl->page != pg)
                continue;
            any = true;
            double y0 = pl->y - (pl->continued ? f->items[i].table->cont_height : 0) -
                        (pl->box_continued ? cb->cont_height : 0);
            if (y0 < top)
                top = y0;
            double h = f->items[i].height - (1 - pl->scale) * f->items[i].scalable;
            if (pl->y + h > bottom)
                bottom = pl->y + h;
        }
        if (!any)
            continue;
        double x0 = g.left, x1 = g.left + f->text_width;
        double y0 = g.top - top, y1 = g.top - bottom;
        bg_item *fill = bg_page_add(page, BG_ITEM_RECT);
        fill->u.rect.x = x0;
        fill->u.rect.y = y1;
        fill->u.rect.w = x1 - x0;
        fill->u.rect.h = y0 - y1;
        fill->u.rect.fill = true;
        fill->u.rect.fill_color = s->case_fill;
        double xs[4][4] = {{x0, y0, x0, y1}, {x1, y0, x1, y1}, {x0, y0, x1, y0}, {x0, y1, x1, y1}};
        bool draw[4] = {true, true, starts, ends};
        for (int e = 0; e < 4; e++) {
            if (!draw[e])
                continue;
            bg_item *l = bg_page_add(page, BG_ITEM_LINE);
            l->u.line.x0 = xs[e][0];
            l->u.line.y0 = xs[e][1];
            l->u.line.x1 = xs[e][2];
            l->u.line.y1 = xs[e][3];
            l->u.line.width = 0.8;
            l->u.line.color = s->case_frame;
        }
        if (!starts && cb->cont && cb->cont->shaped) {
            const bg_para *p = cb->cont;
            double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
            for (size_t k = 0; k < p->lines.count; k++)
                bg_draw_line(p->shaped, &p->lines, k, x0 + cb->pad, y0 - cb->pad - base - (double)k * p->line_height,
                             bg_gray(0), page);
        }
    }
}

/* Text of a running head or foot: {title}, {chapter}, {page}. Caller frees. */
static char *S_running_text(const bg_flow *f, const char *fmt, int pg, int chapter)
{
    bg_buf b;
    bg_buf_init(&b);
    for (const char *p = fmt; *p; p++) {
        if (strncmp(p, "{title}", 7) == 0) {
            bg_buf_puts(&b, f->doc->meta.title);
            p += 6;
        } else if (strncmp(p, "{chapter}", 9) == 0) {
            if (chapter >= 0 && (size_t)chapter < f->chapter_count)
                bg_buf_puts(&b, f->chapters[chapter]);
            else
                bg_buf_puts(&b, f->doc->meta.title);
            p += 8;
        } else if (strncmp(p, "{page}", 6) == 0) {
            char *label = bg_flow_page_label(f, pg);
            bg_buf_puts(&b, label);
            free(label);
            p += 5;
        } else {
            bg_buf_putc(&b, *p);
        }
    }
    return bg_buf_take(&b);
}

static void S_running(bg_flow *f, bg_page *page, int pg, page_geom g, int chapter)
{
    const bg_style *s = f->style;
    if (s->header_text && *s->header_text && pg >= (f->body_first_page >= 0 ? f->body_first_page : 0)) {
        char *text = S_running_text(f, s->header_text, pg, chapter);
        bg_text_spec spec = {BG_ROLE_BODY, false, s->header_size, s->header_size * 1.4, 0, BG_ALIGN_CENTER};
        bg_para *p = bg_para_plain(f, NULL, 0, text, &spec, f->text_width);
        double y = g.top + s->header_size * 2.2;
        if (p->shaped && p->lines.count)
            bg_draw_line(p->shaped, &p->lines, 0, g.left, y, bg_gray(0.25), page);
        bg_item *rule = bg_page_add(page, BG_ITEM_LINE);
        rule->u.line.x0 = g.left;
        rule->u.line.x1 = g.left + f->text_width;
        rule->u.line.y0 = rule->u.line.y1 = y - s->header_size * 0.6;
        rule->u.line.width = 0.4;
        rule->u.line.color = bg_gray(0.4);
        free(text);
    }
    if (s->footer_text && *s->footer_text) {
        char *text = S_running_text(f, s->footer_text, pg, chapter);
        bg_text_spec spec = {BG_ROLE_BODY, false, s->footer_size, s->footer_size * 1.4, 0, BG_ALIGN_CENTER};
        bg_para *p = bg_para_plain(f, NULL, 0, text, &spec, f->text_width);
        double y = s->margin_bottom - s->footer_size * 3;
        if (p->shaped && p->lines.count)
            bg_draw_line(p->shaped, &p->lines, 0, g.left, y, bg_gray(0), page);
        free(text);
    }
}

/* Draws lines [from, to) of a note with their top at y; returns the y below them. */
static double S_note_lines(const bg_para *p, size_t from, size_t to, double x, double y, bg_page *page)
{
    double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
    for (size_t i = from; i < to; i++)
        bg_draw_line(p->shaped, &p->lines, i, x, y - base - (double)(i - from) * p->line_height, bg_gray(0), page);
    return y - (double)(to - from) * p->line_height;
}

static void S_footnotes(bg_flow *f, bg_page *page, int pg, page_geom g, bg_pages *pages)
{
    double area = f->footnote_height[pg];
    if (area <= 0)
        return;
    double y = g.top - f->text_height + area;
    bg_item *rule = bg_page_add(page, BG_ITEM_LINE);
    rule->u.line.x0 = g.left;
    rule->u.line.x1 = g.left + f->text_width * 0.25;
    rule->u.line.y0 = rule->u.line.y1 = y - 4;
    rule->u.line.width = 0.5;
    rule->u.line.color = bg_gray(0);
    y -= 12;
    /* First the rest of a note continued from the page before, then this page's notes
     * (the last of which may continue on the next page). */
    for (size_t k = 0; k < f->footnote_count; k++) {
        bg_footnote *fn = &f->footnotes[k];
        if (fn->para && fn->lines_here > 0 && f->dests[fn->dest].page == pg - 1)
            y = S_note_lines(fn->para, fn->lines_here, fn->para->lines.count, g.left, y, page);
    }
    for (size_t k = 0; k < f->footnote_count; k++) {
        bg_footnote *fn = &f->footnotes[k];
        if (!fn->para || f->dests[fn->dest].page != pg)
            continue;
        bg_item *d = bg_page_add(page, BG_ITEM_DEST);
        d->u.dest.name = bg_xstrdup(f->dests[fn->dest].name);
        d->u.dest.x = g.left;
        d->u.dest.y = y;
        y = S_note_lines(fn->para, 0, fn->lines_here ? fn->lines_here : fn->para->lines.count, g.left, y, page);
    }
    (void)pages;
}

void bg_flow_emit(bg_flow *f, bg_pages *pages)
{
    const bg_style *s = f->style;
    bool cover = f->doc->root->first_child && f->doc->root->first_child->type == BG_NODE_COVER;
    for (int pg = 0; pg < f->page_count; pg++) {
        bg_page *page = bg_pages_add(pages, s->page_width, s->page_height);
        page_geom g = S_geom(f, pg);
        S_frames(f, page, pg, g);
        int chapter = -1;
        bool first_on_page = true;
        for (size_t i = 0; i < f->count; i++) {
            bg_vitem *it = &f->items[i];
            bg_placement *pl = &f->placed[i];
            if (pl->page != pg)
                continue;
            if (first_on_page) {
                chapter = it->chapter;
                first_on_page = false;
            }
            double x = g.left + it->x, y_top = g.top - pl->y;
            /* (the 案例 N（续） title above a continued box piece is drawn with its frame) */
            if (pl->continued)
                bg_table_draw_continued(it->table, page, g.left + it->x, y_top + it->table->cont_height);
            if (it->kind == BG_V_LINE && it->para->shaped)
                bg_draw_line(it->para->shaped, &it->para->lines, it->line, x, y_top - it->baseline, it->color, page);
            else if (it->kind == BG_V_BOX && it->draw)
                it->draw(it, f, page, x, y_top);
            /* A table piece ends at its last row on the page. */
            if (it->table && !it->table_head) {
                bool last = true;
                for (size_t k = i + 1; k < f->count && f->items[k].table == it->table; k++)
                    if (f->placed[k].page == pg)
                        last = false;
                if (last)
                    bg_table_draw_bottom(it->table, page, g.left + it->x, y_top - it->height);
            }
            if (it->dest >= 0) {
                bg_item *d = bg_page_add(page, BG_ITEM_DEST);
                d->u.dest.name = bg_xstrdup(f->dests[it->dest].name);
                d->u.dest.x = g.left;
                d->u.dest.y = y_top;
            }
        }
        S_footnotes(f, page, pg, g, pages);
        /* The cover and the blank pages before a right-hand chapter carry no head or foot. */
        if (!(cover && pg == 0) && !first_on_page)
            S_running(f, page, pg, g, chapter);
    }
    for (size_t i = 0; i < f->outline_count; i++)
        bg_pages_add_outline(pages, f->outline[i].title, f->outline[i].level,
                             f->dests[f->outline[i].dest].name);
    /* Page labels: the cover and its blank back unlabelled, front matter in roman
     * numerals from i, the body from 1. */
    int body = f->body_first_page >= 0 ? f->body_first_page : f->page_count;
    int front = f->front_first_page >= 0 ? f->front_first_page : body;
    if (cover || front > 0)
        bg_pages_add_label(pages, 0, BG_LABEL_NONE, 1);
    if (front < body)
        bg_pages_add_label(pages, (size_t)front, BG_LABEL_ROMAN_LOWER, 1);
    if (body < f->page_count)
        bg_pages_add_label(pages, (size_t)body, BG_LABEL_DECIMAL, 1);
}
