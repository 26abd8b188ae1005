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

/* Which items each page holds, built in one pass over the items so that emitting is linear
 * in their number: the items of page p are order[start[p] .. start[p + 1]), in item order.
 * box_first/box_last: a case box's first and last item (where its frame opens and closes);
 * run_end: the last item of the run of consecutive items of the same table. */
typedef struct page_index {
    size_t *start, *order;
    size_t *box_first, *box_last;
    size_t *run_end;
} page_index;

static page_index S_index(const bg_flow *f)
{
    page_index x;
    size_t pages = (size_t)(f->page_count > 0 ? f->page_count : 0);
    x.start = bg_xcalloc(pages + 2, sizeof *x.start);
    x.order = bg_xcalloc(f->count + 1, sizeof *x.order);
    x.run_end = bg_xcalloc(f->count + 1, sizeof *x.run_end);
    x.box_first = bg_xcalloc((size_t)f->box_count + 1, sizeof *x.box_first);
    x.box_last = bg_xcalloc((size_t)f->box_count + 1, sizeof *x.box_last);
    for (int b = 0; b < f->box_count; b++)
        x.box_first[b] = (size_t)-1;
    for (size_t i = 0; i < f->count; i++) {
        int pg = f->placed[i].page;
        if (pg >= 0 && pg < f->page_count)
            x.start[pg + 2]++;
        int box = f->items[i].box;
        /* Only placed items count: one dropped at a page top opens or closes nothing. */
        if (box >= 0 && box < f->box_count && pg >= 0) {
            if (x.box_first[box] == (size_t)-1)
                x.box_first[box] = i;
            x.box_last[box] = i;
        }
    }
    for (size_t p = 2; p < pages + 2; p++)
        x.start[p] += x.start[p - 1];
    for (size_t i = 0; i < f->count; i++) {
        int pg = f->placed[i].page;
        if (pg >= 0 && pg < f->page_count)
            x.order[x.start[pg + 1]++] = i;
    }
    for (size_t i = f->count; i-- > 0;)
        x.run_end[i] = i + 1 < f->count && f->items[i + 1].table == f->items[i].table
                           ? x.run_end[i + 1] : i;
    return x;
}

static void S_index_free(page_index *x)
{
    free(x->start);
    free(x->order);
    free(x->run_end);
    free(x->box_first);
    free(x->box_last);
}

/* One case box's part on a page. */
typedef struct box_part {
    int box;
    double top, bottom;
    bool starts, ends;
} box_part;

static int S_part_cmp(const void *a, const void *b)
{
    const box_part *x = a, *y = b;
    return (x->box > y->box) - (x->box < y->box);
}

static void S_frames(bg_flow *f, const page_index *x, bg_page *page, int pg, page_geom g)
{
    const bg_style *s = f->style;
    box_part *parts = NULL;
    size_t count = 0, cap = 0;
    for (size_t k = x->start[pg]; k < x->start[pg + 1]; k++) {
        size_t i = x->order[k];
        int box = f->items[i].box;
        if (box < 0 || box >= f->box_count)
            continue;
        size_t j = 0;
        while (j < count && parts[j].box != box)
            j++;
        if (j == count) {
            BG_GROW(parts, cap, count + 1);
            parts[count++] = (box_part){box, 1e9, -1, false, false};
        }
        const bg_placement *pl = &f->placed[i];
        /* Above a piece continued from the page before: its 案例 N（续） title. */
        double y0 = pl->y - (pl->continued ? f->items[i].table->cont_height : 0) -
                    (pl->box_continued ? f->boxes[box].cont_height : 0);
        if (y0 < parts[j].top)
            parts[j].top = y0;
        double h = f->items[i].height - (1 - pl->scale) * f->items[i].scalable + pl->grow;
        if (pl->y + h > parts[j].bottom)
            parts[j].bottom = pl->y + h;
        if (i == x->box_first[box])
            parts[j].starts = true;
        if (i == x->box_last[box])
            parts[j].ends = true;
    }
    if (count) /* qsort(NULL, 0, …) is undefined */
        qsort(parts, count, sizeof *parts, S_part_cmp);
    for (size_t j = 0; j < count; j++) {
        double x0 = g.left, x1 = g.left + f->text_width;
        double y0 = g.top - parts[j].top, y1 = g.top - parts[j].bottom;
        bg_item *fill = bg_page_add(page, BG_ITEM_RECT);
        fill->u.rect.x = x0;
        fill->u.rect.y = y1;
        fill->u.rect.w = x1 - x0;
        fill->u.rect.h = y0 - y1;
        fill->u.rect.fill = true;
        fill->u.rect.fill_color = s->case_fill;
        double xs[4][4] = {{x0, y0, x0, y1}, {x1, y0, x1, y1}, {x0, y0, x1, y0}, {x0, y1, x1, y1}};
        bool draw[4] = {true, true, parts[j].starts, parts[j].ends};
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
        const bg_case_box *cb = &f->boxes[parts[j].box];
        if (!parts[j].starts && cb->cont && cb->cont->shaped) {
            bg_page_set_tag(page, 0, BG_ARTIFACT_PAGINATION); /* 案例 N（续）: furniture */
            const bg_para *p = cb->cont;
            double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
            /* on a grid the piece starts on a grid line: the title's lines are grid lines */
            double pad_y = s->grid_lines > 0 ? 0 : cb->pad;
            for (size_t k = 0; k < p->lines.count; k++)
                bg_draw_line(p->shaped, &p->lines, k, x0 + cb->pad, y0 - pad_y - base - (double)k * p->line_height,
                             bg_gray(0), page);
            bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
        }
    }
    free(parts);
}

/* Text of a running head or foot: {title}, {chapter}, {page}, {pages} (the body's page
 * count, for 第 {page} 页 共 {pages} 页; all pages when there is no body). The layout
 * loader refuses other placeholders. Caller frees. */
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
        } else if (strncmp(p, "{pages}", 7) == 0) {
            int body = f->body_first_page >= 0 ? f->body_first_page : 0;
            bg_buf_printf(&b, "%d", f->page_count - body);
            p += 6;
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
        bg_text_spec spec = {BG_ROLE_BODY, false, s->header_size, s->header_size * 1.4, 0, BG_ALIGN_CENTER, false};
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
        bg_align align = s->footer_outside ? BG_ALIGN_LEFT : BG_ALIGN_CENTER;
        bg_text_spec spec = {BG_ROLE_BODY, false, s->footer_size, s->footer_size * 1.4, 0, align, false};
        bg_para *p = bg_para_plain(f, NULL, 0, text, &spec, f->text_width);
        /* below: the folio's dashes (一字线, their top about 0.38 em above the baseline in
         * CJK faces) that far under the text block (GB/T 9704: 7 mm) */
        double y = s->footer_below >= 0 ? s->margin_bottom - s->footer_below - 0.38 * s->footer_size
                                        : s->margin_bottom - s->footer_size * 3;
        double x = g.left;
        if (s->footer_outside && p->shaped && p->lines.count) {
            /* GB/T 9704: odd (right-hand) pages right, even pages left, inset from the edge */
            double inset = s->footer_inset * s->footer_size, w = p->lines.lines[0].width;
            x = pg % 2 == 0 ? g.left + f->text_width - inset - w : g.left + inset;
        }
        if (p->shaped && p->lines.count)
            bg_draw_line(p->shaped, &p->lines, 0, x, y, bg_gray(0), page);
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
    bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
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
        bg_page_set_tag(page, fn->tag, BG_ARTIFACT_LAYOUT);
        if (fn->para && fn->lines_here > 0 && f->dests[fn->dest].page == pg - 1)
            y = S_note_lines(fn->para, fn->lines_here, fn->para->lines.count, g.left + fn->indent, y, page);
    }
    for (size_t k = 0; k < f->footnote_count; k++) {
        bg_footnote *fn = &f->footnotes[k];
        if (!fn->para || f->dests[fn->dest].page != pg)
            continue;
        bg_page_set_tag(page, fn->tag, BG_ARTIFACT_LAYOUT);
        bg_item *d = bg_page_add(page, BG_ITEM_DEST);
        d->u.dest.name = bg_xstrdup(f->dests[fn->dest].name);
        d->u.dest.x = g.left;
        d->u.dest.y = y;
        /* the number at the start of its box, on the first line's baseline */
        if (fn->num && fn->num->shaped && fn->num->lines.count && fn->para->lines.count) {
            bg_page_set_tag(page, fn->label ? fn->label : fn->tag, BG_ARTIFACT_LAYOUT);
            S_note_lines(fn->num, 0, 1, g.left, y, page);
            bg_page_set_tag(page, fn->tag, BG_ARTIFACT_LAYOUT);
        }
        y = S_note_lines(fn->para, 0, fn->lines_here ? fn->lines_here : fn->para->lines.count, g.left + fn->indent,
                         y, page);
    }
    bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
    (void)pages;
}

void bg_flow_emit(bg_flow *f, bg_pages *pages)
{
    const bg_style *s = f->style;
    bool cover = f->doc->root->first_child && f->doc->root->first_child->type == BG_NODE_COVER;
    page_index ix = S_index(f);
    /* The structure tree goes to the pages; drawing adds links to it. */
    pages->tags = f->tags;
    pages->tag_count = f->tag_count;
    pages->tag_cap = f->tag_cap;
    f->tags = NULL;
    f->tag_count = f->tag_cap = 0;
    for (int pg = 0; pg < f->page_count; pg++) {
        bg_page *page = bg_pages_add(pages, s->page_width, s->page_height);
        page_geom g = S_geom(f, pg);
        page->content_x = g.left;
        S_frames(f, &ix, page, pg, g);
        int chapter = -1;
        bool first_on_page = true;
        for (size_t k = ix.start[pg]; k < ix.start[pg + 1]; k++) {
            size_t i = ix.order[k];
            bg_vitem *it = &f->items[i];
            bg_placement *pl = &f->placed[i];
            if (first_on_page) {
                chapter = it->chapter;
                first_on_page = false;
            }
            double x = g.left + it->x, y_top = g.top - pl->y;
            bg_page_set_tag(page, it->tag, BG_ARTIFACT_LAYOUT);
            if (pl->continued)
                bg_table_draw_continued(it->table, page, g.left + it->x, y_top + it->table->cont_height);
            if (it->kind == BG_V_LINE && it->para->shaped)
                bg_draw_line(it->para->shaped, &it->para->lines, it->line, x, y_top - it->baseline, it->color, page);
            else if (it->kind == BG_V_BOX && it->draw)
                it->draw(it, f, page, x, y_top);
            /* A table piece ends at its last row on the page: no later item of the same
             * run of table items is on this page. */
            if (it->table && !it->table_head) {
                bool last = k + 1 >= ix.start[pg + 1] || ix.order[k + 1] > ix.run_end[i];
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
        bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
        S_footnotes(f, page, pg, g, pages);
        page->furniture = page->count;
        bg_page_set_tag(page, 0, BG_ARTIFACT_PAGINATION);
        /* The cover and the blank pages before a right-hand chapter carry no head or foot. */
        if (!(cover && pg == 0) && !first_on_page)
            S_running(f, page, pg, g, chapter);
        bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
    }
    S_index_free(&ix);
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
