/* build.c: the document tree to the vertical list (see flow.h): cover, preface, contents
 * and lists, headings, paragraphs, lists, case boxes and page breaks; tables and figures
 * have their own files. Headings keep with what follows; paragraph lines keep against
 * widows and orphans; footnotes are set once per note and hang on the line of their mark. */
#include "ahead.h"
#include "flow.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bg_text_spec S_body_spec(const bg_flow *f)
{
    const bg_style *s = f->style;
    return (bg_text_spec){BG_ROLE_BODY, false, s->body_size, s->leading, s->indent * s->body_size,
                          BG_ALIGN_JUSTIFY, false};
}

static void S_space(bg_flow *f, double h, int box)
{
    if (h <= 0)
        return;
    bg_vitem *it = bg_flow_push(f, BG_V_SPACE, h);
    it->box = box;
}

/* A new element in the current container, which the items pushed next belong to. */
static unsigned S_tag(bg_flow *f, bg_tag_type type)
{
    f->tag = bg_flow_tag(f, type, f->tag_parent);
    return f->tag;
}

/* A heading element one level below the container's heading (H1 at the top). */
static unsigned S_tag_heading(bg_flow *f, int level)
{
    unsigned h = S_tag(f, BG_TAG_H);
    f->tags[h].level = level < 1 ? 1 : level > 6 ? 6 : level;
    return h;
}

/* Keeps the last item pushed with the next one (none yet: nothing to keep). */
static void S_keep_last(bg_flow *f)
{
    if (f->count > 0)
        f->items[f->count - 1].keep_with_next = true;
}

static void S_break(bg_flow *f, bg_break_kind kind)
{
    bg_vitem *it = bg_flow_push(f, BG_V_BREAK, 0);
    it->break_kind = kind;
}

/* ---- text blocks ---- */

static void S_paragraph(bg_flow *f, const bg_inline *in, const void *key, double x, double width,
                        int box)
{
    bg_text_spec spec = S_body_spec(f);
    bg_para *p = bg_para_inline(f, key, 0, in, NULL, &spec, width);
    S_tag(f, BG_TAG_P);
    bg_flow_push_lines(f, p, x, box, false);
    bg_flow_footnotes_of(f, in);
    S_space(f, f->style->paragraph_space, box);
}

/* List items: the marker (（1） or a bullet) where a paragraph's first line starts, in
 * the structure the item's Lbl beside its LBody (L → LI → Lbl, LBody). On a
 * grid layout an item hangs: its other lines start under its text, the marker's whole
 * cells in, so every line of the list stays on the grid. */
static void S_list(bg_flow *f, const bg_node *n, double x, double width, int box)
{
    const bg_style *s = f->style;
    bg_text_spec spec = S_body_spec(f);
    double cell = s->typo.grid_cell;
    unsigned list = bg_flow_tag(f, BG_TAG_L, f->tag_parent);
    for (size_t i = 0; i < n->u.list.count; i++) {
        char marker[32];
        if (n->u.list.ordered)
            snprintf(marker, sizeof marker, "（%zu）", i + 1);
        else
            snprintf(marker, sizeof marker, "•\u2002");
        double hang = 0;
        bg_text_spec item_spec = spec;
        if (s->typo.grid_chars > 0 && cell > 0) {
            bg_text_spec bare = spec;
            bare.indent = 0;
            const bg_para *m = bg_para_plain(f, NULL, 0, marker, &bare, width);
            double mark = m->lines.count ? round(m->lines.lines[0].width / cell) * cell : 0;
            hang = round(spec.indent / cell) * cell + mark;
            item_spec.indent = -mark; /* the first line starts the marker's cells to the left */
        }
        bg_para *p =
            bg_para_inline(f, &n->u.list.items[i], 0, &n->u.list.items[i], marker, &item_spec, width - hang);
        if (p->shaped)
            p->shaped->label_end = strlen(marker);
        unsigned item = bg_flow_tag(f, BG_TAG_LI, list);
        unsigned label = bg_flow_tag(f, BG_TAG_LBL, item);
        f->tag = bg_flow_tag(f, BG_TAG_LBODY, item);
        f->tags[f->tag].label = label; /* the marker, drawn apart (draw_line.c) */
        bg_flow_push_lines(f, p, x + hang, box, false);
        bg_flow_footnotes_of(f, &n->u.list.items[i]);
    }
}

/* A heading's line height: 1.5 × its size, or on a grid layout whole pitches of the grid,
 * so that the lines after it stay on the grid. */
static double S_heading_leading(const bg_style *s, double size)
{
    if (s->grid_lines <= 0)
        return size * 1.5;
    double pitches = ceil(size * 1.5 / s->leading - 0.01);
    return (pitches < 1 ? 1 : pitches) * s->leading;
}

/* A heading's spec, and the number set before its title (NULL: none; caller frees). */
static char *S_heading_text(const bg_flow *f, const bg_node *n, const char *num, bg_text_spec *spec)
{
    const bg_heading_style *h = &f->style->headings[n->level - 1];
    *spec = (bg_text_spec){h->font, h->bold, h->size, S_heading_leading(f->style, h->size), h->indent * h->size,
                           h->align, false};
    if (!num || !*num)
        return NULL;
    /* A number ending in a mark (一、（一）) needs no gap; digits get an ideographic space. */
    size_t len = strlen(num);
    bool mark = len >= 3 && (unsigned char)num[len - 3] >= 0xE3;
    return bg_strprintf("%s%s", num, mark ? "" : "\u3000");
}

static void S_heading(bg_flow *f, const bg_node *n)
{
    const bg_style *s = f->style;
    const bg_heading_style *h = &s->headings[n->level - 1];
    char *num = bg_flow_section_number(f, n);
    bg_text_spec spec;
    char *prefix = S_heading_text(f, n, num, &spec);
    bg_para *p = bg_para_inline(f, n, 1, &n->title, prefix, &spec, f->text_width);
    S_tag_heading(f, n->level);
    if (h->space_before > 0) {
        S_space(f, h->space_before, -1);
        f->items[f->count - 1].heading = n->level;
        /* with its heading: a heading under a heading (2 then 2.1) keeps the chain to
         * the first two lines of text, never left alone at a page foot */
        f->items[f->count - 1].keep_with_next = true;
    }

    char *dest = bg_flow_node_dest(f, n);
    int d = bg_flow_dest_add(f, dest);
    free(dest);
    char *title = bg_inline_plain(&n->title);
    BG_GROW(f->outline, f->outline_cap, f->outline_count + 1);
    f->outline[f->outline_count++] =
        (bg_flow_outline){num && *num ? bg_strprintf("%s %s", num, title) : bg_xstrdup(title), n->level, d};
    if (n->level == 1) {
        BG_GROW(f->chapters, f->chapter_cap, f->chapter_count + 1);
        f->chapters[f->chapter_count++] = bg_xstrdup(title);
    }
    size_t first = f->count;
    bg_flow_push_lines(f, p, 0, -1, true);
    bg_flow_footnotes_of(f, &n->title);
    if (f->count > first) {
        f->items[first].dest = d;
        f->items[first].outline = (int)f->outline_count - 1;
        f->items[first].heading = n->level;
    }
    bg_vitem *sp = bg_flow_push(f, BG_V_SPACE, h->space_after);
    sp->keep_with_next = true;
    free(title);
    free(prefix);
    free(num);
}

/* An unnumbered title (preface, contents, lists): centred like a chapter heading. */
static void S_title(bg_flow *f, const bg_inline *title, const char *fallback, const void *key,
                    const char *dest_name)
{
    const bg_heading_style *h = &f->style->headings[0];
    bg_text_spec spec = {h->font, h->bold, h->size, S_heading_leading(f->style, h->size), 0, BG_ALIGN_CENTER, false};
    bg_para *p = title && title->count ? bg_para_inline(f, key, 1, title, NULL, &spec, f->text_width)
                                       : bg_para_plain(f, key, 1, fallback, &spec, f->text_width);
    int d = bg_flow_dest_add(f, dest_name);
    S_tag_heading(f, f->tag_level + 1);
    char *plain = title && title->count ? bg_inline_plain(title) : bg_xstrdup(fallback);
    BG_GROW(f->outline, f->outline_cap, f->outline_count + 1);
    f->outline[f->outline_count++] = (bg_flow_outline){plain, 1, d};
    size_t first = f->count;
    bg_flow_push_lines(f, p, 0, -1, true);
    if (f->count > first) {
        f->items[first].dest = d;
        f->items[first].outline = (int)f->outline_count - 1;
    }
    bg_vitem *sp = bg_flow_push(f, BG_V_SPACE, h->space_after * 2);
    sp->keep_with_next = true;
}

/* ---- case boxes ---- */

static void S_blocks(bg_flow *f, const bg_node *first, double x, double width, int box);

static bg_text_spec S_case_spec(const bg_flow *f)
{
    const bg_style *s = f->style;
    return (bg_text_spec){BG_ROLE_HEADING, true, s->body_size, s->leading, 0, BG_ALIGN_LEFT, false};
}

/* "案例 N　", or "案例 N（续）　" before the title repeated on a new page; caller frees. */
static char *S_case_prefix(const bg_flow *f, const bg_node *n, bool cont)
{
    char *label = bg_flow_caption_number(cont ? f->style->caption_case_cont : f->style->caption_case, n->number);
    char *prefix = bg_strprintf("%s\u3000", label);
    free(label);
    return prefix;
}

static void S_case(bg_flow *f, const bg_node *n)
{
    const bg_style *s = f->style;
    int box = f->box_count++;
    BG_GROW(f->boxes, f->box_cap, (size_t)f->box_count);
    /* The box is a section of its own (role-mapped Case), its title a heading one
     * level below the section around it. */
    unsigned saved_parent = f->tag_parent;
    int saved_level = f->tag_level;
    f->tag = 0;
    bg_case_box *cb = &f->boxes[box];
    S_space(f, s->leading * 0.5, -1);
    S_space(f, CASE_PAD, box);
    cb->first = f->count - 1; /* CASE_PAD > 0: the padding was pushed */
    /* The frame's padding is part of the box, kept even at a page top. */
    f->items[f->count - 1].kind = BG_V_BOX;
    f->items[f->count - 1].level = f->tag_level; /* the level of the section it is in */
    S_keep_last(f);
    bg_text_spec spec = S_case_spec(f);
    char *prefix = S_case_prefix(f, n, false);
    double inner = f->text_width - 2 * CASE_PAD;
    bg_para *p = bg_para_inline(f, n, 1, &n->title, prefix, &spec, inner);
    f->tag_parent = bg_flow_tag(f, BG_TAG_CASE, saved_parent);
    f->tag_level = saved_level + 1;
    S_tag_heading(f, f->tag_level);
    /* A piece continued on a new page repeats the title as 案例 N（续）. */
    char *cont_prefix = S_case_prefix(f, n, true);
    cb->cont = bg_para_inline(f, n, 2, &n->title, cont_prefix, &spec, inner);
    cb->cont_height = CASE_PAD + cb->cont->lines.count * cb->cont->line_height + s->leading * 0.25;
    if (s->grid_lines > 0) /* on the grid: its lines on grid lines from the piece's top (emit.c) */
        cb->cont_height = (double)cb->cont->lines.count * cb->cont->line_height;
    cb->pad = CASE_PAD;
    cb->hoist = 0;
    free(cont_prefix);
    char *dest = bg_flow_node_dest(f, n);
    int d = bg_flow_dest_add(f, dest);
    size_t first = f->count;
    bg_flow_push_lines(f, p, CASE_PAD, box, true);
    bg_flow_footnotes_of(f, &n->title);
    if (f->count > first)
        f->items[first].dest = d;
    /* The space under the title (where a photo that does not fit after the text goes):
     * none on a grid, where the text after the title is on the next grid line and a
     * space would push it down a whole line. */
    bg_flow_push(f, BG_V_SPACE, s->grid_lines > 0 ? 0 : s->leading * 0.25)->box = box;
    S_keep_last(f);
    S_blocks(f, n->first_child, CASE_PAD, inner, box);
    f->tag_parent = saved_parent;
    f->tag_level = saved_level;
    f->tag = 0;
    S_space(f, CASE_PAD, box);
    cb = &f->boxes[box];
    cb->last = f->count - 1;
    S_space(f, s->leading * 0.5, -1);
    free(dest);
    free(prefix);
}

/* ---- cover, contents and lists ---- */

static void S_cover(bg_flow *f)
{
    const bg_meta *m = &f->doc->meta;
    const bg_style *s = f->style;
    /* a box, not a space: not discarded at the page top */
    bg_flow_push(f, BG_V_BOX, f->text_height > 0 ? f->text_height * 0.22 : 0);
    /* the title face (heading's unless the layout names one: then as it is, not bold) */
    double ts = s->cover_title_size, ss = s->cover_subtitle_size;
    bg_text_spec big = {BG_ROLE_TITLE, !s->family_given[BG_ROLE_TITLE], ts, ts * 40 / 26, 0, BG_ALIGN_CENTER, false};
    char **lines;
    size_t count = bg_flow_title_lines(f, m, &big, &lines);
    S_tag_heading(f, 1);
    for (size_t i = 0; i < count; i++) {
        bg_flow_push_lines(f, bg_para_plain(f, m, 100 + (int)i, lines[i], &big, f->text_width), 0, -1, true);
        free(lines[i]);
    }
    free(lines);
    if (m->subtitle) {
        bg_text_spec sub = {BG_ROLE_HEADING, false, ss, ss * 30 / 18, 0, BG_ALIGN_CENTER, false};
        S_tag(f, BG_TAG_P);
        bg_flow_push_lines(f, bg_para_plain(f, m, 11, m->subtitle, &sub, f->text_width), 0, -1, true);
    }
    f->tag = 0;
    bg_vitem *gap = bg_flow_push(f, BG_V_BOX, f->text_height * 0.3);
    gap->keep_with_next = true;
    bg_text_spec info = {BG_ROLE_HEADING, false, 16, 28, 0, BG_ALIGN_CENTER, false};
    if (m->issuer) {
        S_tag(f, BG_TAG_P);
        bg_flow_push_lines(f, bg_para_plain(f, m, 12, m->issuer, &info, f->text_width), 0, -1, true);
    }
    int year = 0, month = 0;
    sscanf(m->date, "%d-%d", &year, &month);
    char *date = bg_strprintf("%d 年 %d 月", year, month);
    S_tag(f, BG_TAG_P);
    bg_flow_push_lines(f, bg_para_plain(f, m, 13, date, &info, f->text_width), 0, -1, false);
    free(date);
    (void)s;
}

static void S_collect_toc(bg_flow *f, const bg_node *n)
{
    for (const bg_node *c = n; c; c = c->next) {
        char *label = NULL;
        bg_toc_kind kind = BG_TOC_SECTION;
        switch (c->type) {
        case BG_NODE_SECTION:
            label = bg_flow_section_number(f, c);
            if (!label)
                label = bg_xstrdup("");
            break;
        case BG_NODE_TABLE:
        case BG_NODE_FIGURE:
        case BG_NODE_CASE:
            kind = c->type == BG_NODE_TABLE ? BG_TOC_TABLE : c->type == BG_NODE_FIGURE ? BG_TOC_FIGURE : BG_TOC_CASE;
            label = bg_flow_ref_label(f, c);
            break;
        default:
            break;
        }
        if (label) {
            char *dest = bg_flow_node_dest(f, c);
            BG_GROW(f->toc, f->toc_cap, f->toc_count + 1);
            f->toc[f->toc_count++] =
                (bg_toc_entry){kind, c->level, label, bg_inline_plain(&c->title), bg_flow_dest_add(f, dest)};
            free(dest);
        }
        if (c->first_child)
            S_collect_toc(f, c->first_child);
    }
}

/* An entry of the contents or a list: the number in a column of its own, the title
 * hanging beside it (wrapped lines align with the title, not the number), dot leaders
 * on a fixed pitch from the title's end to the right-aligned page number. */
typedef struct toc_box {
    bg_para *label, *title;
    bg_para *page; /* the page label, one line */
    int dest;
    double indent;       /* of the number, from the text block's left edge */
    double title_indent; /* of the title */
} toc_box;

static void S_draw_toc_entry(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    const toc_box *tb = it->data;
    const bg_para *p = tb->title;
    double lh = p->line_height;
    double base = (lh - p->size) / 2 + 0.88 * p->size;
    bg_draw_line(tb->label->shaped, &tb->label->lines, 0, x + tb->indent, y_top - base, bg_gray(0), page);
    for (size_t i = 0; i < p->lines.count; i++)
        bg_draw_line(p->shaped, &p->lines, i, x + tb->title_indent, y_top - base - i * lh, bg_gray(0), page);
    size_t last = p->lines.count ? p->lines.count - 1 : 0;
    double y = y_top - base - last * lh;
    double num_w = tb->page->lines.count ? tb->page->lines.lines[0].width : 0;
    double num_x = x + f->text_width - num_w;
    bg_draw_line(tb->page->shaped, &tb->page->lines, 0, num_x, y, bg_gray(0), page);
    double text_end =
        x + tb->title_indent + (p->lines.count ? p->lines.lines[last].indent + p->lines.lines[last].width : 0);
    double pitch = p->size * 0.5;
    double start = x + pitch * (double)(long)((text_end - x) / pitch + 2);
    unsigned dots = 0;
    for (double dx = start; dx + pitch < num_x - pitch * 0.5; dx += pitch)
        dots++;
    if (dots > 0) { /* the leader as one path of dots, an artifact of the Link's line */
        unsigned link = bg_page_set_tag(page, 0, BG_ARTIFACT_LAYOUT);
        bg_item *dot = bg_page_add(page, BG_ITEM_RECT);
        bg_page_set_tag(page, link, BG_ARTIFACT_LAYOUT);
        dot->u.rect.x = start;
        dot->u.rect.y = y + p->size * 0.05;
        dot->u.rect.w = dot->u.rect.h = p->size * 0.09;
        dot->u.rect.fill = true;
        dot->u.rect.fill_color = bg_gray(0.2);
        dot->u.rect.repeat = dots - 1;
        dot->u.rect.step = pitch;
    }
    bg_item *link = bg_page_add(page, BG_ITEM_LINK);
    link->u.link.x = x;
    link->u.link.y = y_top - it->height;
    link->u.link.w = f->text_width;
    link->u.link.h = it->height;
    link->u.link.dest = bg_xstrdup(f->dests[tb->dest].name);
}

static bool S_listed(const bg_style *s, const bg_toc_entry *e, bg_toc_kind kind)
{
    return e->kind == kind && (kind != BG_TOC_SECTION || e->level <= s->toc_levels);
}

static void S_toc_list(bg_flow *f, const bg_node *n, bg_toc_kind kind, const char *fallback,
                       const char *dest_name)
{
    const bg_style *s = f->style;
    S_title(f, &n->title, fallback, n, dest_name);
    unsigned toc = bg_flow_tag(f, BG_TAG_TOC, f->tag_parent);
    bg_text_spec spec = S_body_spec(f);
    spec.indent = 0;
    spec.align = BG_ALIGN_LEFT;
    /* The number column is as wide as the widest number of its level, plus 1 em. */
    double column[8] = {0};
    bg_para **labels = bg_xcalloc(f->toc_count ? f->toc_count : 1, sizeof *labels);
    for (size_t i = 0; i < f->toc_count; i++) {
        bg_toc_entry *e = &f->toc[i];
        if (!S_listed(s, e, kind))
            continue;
        bg_text_spec es = spec;
        es.bold = kind == BG_TOC_SECTION && e->level == 1;
        /* "图 1" and "图 10" spaced alike, as in the captions: on a grid "10" would fill
         * its cell beside 图 while "1" sits centred in one */
        es.off_grid = true;
        labels[i] = bg_para_plain(f, NULL, 0, e->label, &es, f->text_width);
        int lv = kind == BG_TOC_SECTION && e->level < 8 ? e->level : 0;
        double w = labels[i]->lines.count ? labels[i]->lines.lines[0].width : 0;
        column[lv] = w > column[lv] ? w : column[lv];
    }
    for (size_t i = 0; i < f->toc_count; i++) {
        bg_toc_entry *e = &f->toc[i];
        if (!labels[i])
            continue;
        int lv = kind == BG_TOC_SECTION && e->level < 8 ? e->level : 0;
        double indent = kind == BG_TOC_SECTION ? (e->level - 1) * 2 * s->body_size : 0;
        double title_indent = indent + (column[lv] > 0 ? column[lv] + s->body_size : 0);
        bg_text_spec es = spec;
        es.bold = kind == BG_TOC_SECTION && e->level == 1;
        bg_para *title = bg_para_plain(f, NULL, 0, e->title, &es, f->text_width - title_indent - 3 * s->body_size);
        int pg = f->dests[e->dest].page;
        char *label = pg >= 0 ? bg_flow_page_label(f, pg) : bg_xstrdup("0");
        bg_para *num = bg_para_plain(f, NULL, 0, label, &spec, 4 * s->body_size);
        free(label);
        toc_box *tb = bg_flow_own(f, bg_xcalloc(1, sizeof *tb));
        unsigned entry = bg_flow_tag(f, BG_TAG_TOCI, toc);
        unsigned ref = bg_flow_tag(f, BG_TAG_REFERENCE, entry);
        f->tag = bg_flow_tag(f, BG_TAG_LINK, ref);
        f->tags[f->tag].alt = e->label && *e->label ? bg_strprintf("%s %s", e->label, e->title) : bg_xstrdup(e->title);
        *tb = (toc_box){labels[i], title, num, e->dest, indent, title_indent};
        bg_vitem *it = bg_flow_push(f, BG_V_BOX, title->lines.count * title->line_height);
        it->draw = S_draw_toc_entry;
        it->data = tb;
    }
    f->tag = 0;
    free(labels);
}

static bool S_is_front(const bg_node *n)
{
    switch (n->type) {
    case BG_NODE_COVER:
    case BG_NODE_PREFACE:
    case BG_NODE_TOC:
    case BG_NODE_LIST_OF_FIGURES:
    case BG_NODE_LIST_OF_TABLES:
    case BG_NODE_LIST_OF_CASES:
        return true;
    default:
        return false;
    }
}

/* ---- the walk ---- */

static void S_blocks(bg_flow *f, const bg_node *first, double x, double width, int box)
{
    for (const bg_node *n = first; n; n = n->next) {
        switch (n->type) {
        case BG_NODE_SECTION: {
            f->tag = 0;
            if (n->level == 1 && f->style->chapter_open != BG_CHAPTER_ANY && f->count > 0)
                S_break(f, f->style->chapter_open == BG_CHAPTER_RECTO ? BG_BREAK_RECTO : BG_BREAK_PAGE);
            unsigned saved_parent = f->tag_parent;
            int saved_level = f->tag_level;
            f->tag_parent = bg_flow_tag(f, BG_TAG_SECT, saved_parent);
            f->tag_level = n->level;
            S_heading(f, n);
            S_blocks(f, n->first_child, x, width, box);
            f->tag_parent = saved_parent;
            f->tag_level = saved_level;
            break;
        }
        case BG_NODE_PARAGRAPH:
            S_paragraph(f, &n->u.text, n, x, width, box);
            break;
        case BG_NODE_LIST:
            S_list(f, n, x, width, box);
            break;
        case BG_NODE_TABLE:
            bg_flow_table(f, n, box, x, width);
            break;
        case BG_NODE_FIGURE:
            bg_flow_figure(f, n, box, x, width);
            break;
        case BG_NODE_CASE:
            S_case(f, n);
            break;
        case BG_NODE_PAGE_BREAK:
            S_break(f, BG_BREAK_PAGE);
            break;
        case BG_NODE_COVER:
            /* The cover is the first right-hand page; its back is left blank. */
            S_cover(f);
            S_break(f, BG_BREAK_RECTO);
            break;
        case BG_NODE_PREFACE: {
            unsigned saved_parent = f->tag_parent;
            int saved_level = f->tag_level;
            f->tag_parent = bg_flow_tag(f, BG_TAG_SECT, saved_parent);
            S_title(f, &n->title, "前言", n, "preface");
            f->tag_level = saved_level + 1;
            S_blocks(f, n->first_child, x, width, box);
            f->tag_parent = saved_parent;
            f->tag_level = saved_level;
            f->tag = 0;
            S_break(f, BG_BREAK_PAGE);
            break;
        }
        case BG_NODE_TOC:
            S_toc_list(f, n, BG_TOC_SECTION, "目录", "contents");
            S_break(f, BG_BREAK_PAGE);
            break;
        case BG_NODE_LIST_OF_FIGURES:
            S_toc_list(f, n, BG_TOC_FIGURE, "图目录", "list-of-figures");
            S_space(f, f->style->leading * 2, -1);
            break;
        case BG_NODE_LIST_OF_TABLES:
            S_toc_list(f, n, BG_TOC_TABLE, "表目录", "list-of-tables");
            S_space(f, f->style->leading * 2, -1);
            break;
        case BG_NODE_LIST_OF_CASES:
            S_toc_list(f, n, BG_TOC_CASE, "案例目录", "list-of-cases");
            S_space(f, f->style->leading * 2, -1);
            break;
        case BG_NODE_DOCUMENT:
            break;
        }
        f->tag = 0; /* spaces and breaks between blocks belong to no element */
        /* The body starts on a right-hand page after the front matter. */
        if (S_is_front(n) && n->next && !S_is_front(n->next) && f->count > 0) {
            if (f->items[f->count - 1].kind == BG_V_BREAK)
                f->items[f->count - 1].break_kind = BG_BREAK_RECTO;
            else
                S_break(f, BG_BREAK_RECTO);
        }
        if (S_is_front(n) && n->next && !S_is_front(n->next))
            bg_flow_push(f, BG_V_SPACE, 0)->part = 1;
    }
}

void bg_flow_build(bg_flow *f)
{
    S_collect_toc(f, f->doc->root->first_child);
    f->tag = f->tag_parent = bg_flow_tag(f, BG_TAG_DOCUMENT, 0);
    /* Everything before the first body block is front matter (part 0). */
    bool has_front = f->doc->root->first_child && S_is_front(f->doc->root->first_child);
    size_t start = f->count;
    S_blocks(f, f->doc->root->first_child, 0, f->text_width, -1);
    int part = has_front ? 0 : 1;
    for (size_t i = start; i < f->count; i++) {
        if (f->items[i].part == 1)
            part = 1;
        f->items[i].part = part;
    }
}

/* The texts S_blocks will set, in its order, for the thread shaping ahead (ahead.h):
 * headings, paragraphs, case titles and figure captions, which are nearly all of a
 * report's text. A text
 * listed with other inputs than the layout then has costs only time: the layout shapes
 * it again. */
static void S_ahead_blocks(const bg_flow *f, bg_ahead *a, const bg_node *first, double width)
{
    for (const bg_node *n = first; n; n = n->next) {
        bg_text_spec spec;
        switch (n->type) {
        case BG_NODE_SECTION: {
            char *num = bg_flow_section_number(f, n);
            char *prefix = S_heading_text(f, n, num, &spec);
            free(num);
            bg_ahead_add(a, n, 1, &n->title, prefix, &spec, f->text_width);
            S_ahead_blocks(f, a, n->first_child, width);
            break;
        }
        case BG_NODE_PARAGRAPH:
            spec = S_body_spec(f);
            bg_ahead_add(a, n, 0, &n->u.text, NULL, &spec, width);
            break;
        case BG_NODE_CASE: {
            double inner = f->text_width - 2 * CASE_PAD;
            spec = S_case_spec(f);
            bg_ahead_add(a, n, 1, &n->title, S_case_prefix(f, n, false), &spec, inner);
            bg_ahead_add(a, n, 2, &n->title, S_case_prefix(f, n, true), &spec, inner);
            S_ahead_blocks(f, a, n->first_child, inner);
            break;
        }
        case BG_NODE_FIGURE:
            spec = bg_flow_caption_spec(f);
            bg_ahead_add(a, n, 1, &n->title, bg_flow_caption_prefix(f->style->caption_figure, n->number), &spec,
                         width);
            break;
        case BG_NODE_PREFACE:
            S_ahead_blocks(f, a, n->first_child, width);
            break;
        default:
            break;
        }
    }
}

bg_ahead *bg_flow_ahead(const bg_flow *f)
{
    bg_ahead *a = bg_ahead_new(f);
    S_ahead_blocks(f, a, f->doc->root->first_child, f->text_width);
    bg_ahead_start(a);
    return a;
}
