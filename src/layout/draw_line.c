/* draw_line.c: puts a set line onto a page (linebreak.h): one glyph run per stretch of
 * glyphs sharing font, size and baseline shift, carrying the source text of its clusters
 * for the PDF's ToUnicode map, and a link area over glyphs whose style run links. A
 * label at the start of the text (a list marker, bg_shaped.label_end) is a run of its
 * own in the element's Lbl when the element has one; the glyphs stay where they are. */
#include "linebreak.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool S_same_style(const bg_style_run *a, const bg_style_run *b)
{
    bool same_link = (a->link == NULL && b->link == NULL) || (a->link && b->link && strcmp(a->link, b->link) == 0);
    return a->font == b->font && a->size == b->size && a->rise == b->rise && same_link;
}

/* A linked stretch of a line is an inline Link element in the page's element (a
 * footnote mark, whose destinations layout names fn-N, a Reference holding the Link),
 * described for the annotation's /Contents. Returns the element, or the page's own when
 * the page is untagged or draws an artifact. */
static unsigned S_link_tag(bg_page *page, const char *link, const char *text)
{
    bg_pages *doc = page->owner;
    if (!doc || page->tag == 0 || page->tag >= doc->tag_count)
        return page->tag;
    unsigned parent = page->tag;
    bool note = strncmp(link, "fn-", 3) == 0;
    if (note) {
        parent = bg_pages_add_tag(doc, BG_TAG_REFERENCE, parent);
        doc->tags[parent].is_inline = true;
    }
    unsigned t = bg_pages_add_tag(doc, BG_TAG_LINK, parent);
    doc->tags[t].is_inline = !note;
    doc->tags[t].alt = note ? bg_strprintf("脚注 %s", text) : bg_xstrdup(text);
    return t;
}

/* The Link element of the linked stretch just drawn, which the next stretch of the line
 * continues when it links to the same place (the digits of 表 3 set in the Latin face). */
typedef struct link_state {
    const char *link; /* borrowed, NULL: the stretch before links nowhere */
    unsigned tag;
} link_state;

static void S_emit_segment(const bg_shaped *s, const bg_lines *l, size_t from, size_t to, double x, double y,
                           bg_color color, bg_page *page, link_state *ls)
{
    const bg_style_run *run = &s->runs[s->glyphs[from].run];
    size_t text_from = s->glyphs[from].cluster, text_to = text_from;
    for (size_t k = from; k < to; k++) {
        size_t end = s->glyphs[k].cluster + s->glyphs[k].cluster_len;
        text_to = end > text_to ? end : text_to;
    }
    unsigned outer = page->tag;
    if (run->link && ls->link && strcmp(ls->link, run->link) == 0) {
        page->tag = ls->tag;
        bg_pages *doc = page->owner;
        if (doc && page->tag != outer && page->tag < doc->tag_count && doc->tags[page->tag].alt) {
            char *more = bg_strprintf("%s%.*s", doc->tags[page->tag].alt, (int)(text_to - text_from), s->text + text_from);
            free(doc->tags[page->tag].alt);
            doc->tags[page->tag].alt = more;
        }
    } else if (run->link) {
        char *text = bg_xstrndup(s->text + text_from, text_to - text_from);
        page->tag = S_link_tag(page, run->link, text);
        free(text);
    }
    *ls = (link_state){run->link, page->tag};
    bg_item *it = bg_page_add(page, BG_ITEM_GLYPHS);
    bg_glyph_run *gr = &it->u.glyphs;
    gr->font = bg_font_keep(run->font);
    gr->size = run->size;
    gr->x = x + l->x[from] - l->shift[from];
    gr->y = y + run->rise;
    gr->color = color;
    gr->text = bg_xstrndup(s->text + text_from, text_to - text_from);
    gr->glyphs = bg_xcalloc(to - from, sizeof *gr->glyphs);
    gr->count = to - from;
    for (size_t k = from; k < to; k++) {
        const bg_shaped_glyph *g = &s->glyphs[k];
        bg_placed_glyph *pg = &gr->glyphs[k - from];
        pg->gid = g->gid;
        pg->x = (float)(l->x[k] - l->shift[k] - (l->x[from] - l->shift[from]) + g->x_offset);
        pg->y = g->y_offset;
        pg->text_start = g->cluster_len ? g->cluster - (uint32_t)text_from : 0;
        pg->text_len = g->cluster_len;
    }
    if (run->link) {
        /* gr points into the page's items, which the next add may move */
        double gx = gr->x, gy = gr->y;
        const bg_shaped_glyph *lg = &s->glyphs[to - 1];
        double x1 = x + l->x[to - 1] + lg->advance;
        bg_item *link = bg_page_add(page, BG_ITEM_LINK);
        link->u.link.x = gx;
        link->u.link.y = gy + run->font->descender * run->size;
        link->u.link.w = x1 - gx;
        link->u.link.h = (run->font->ascender - run->font->descender) * run->size;
        link->u.link.dest = bg_xstrdup(run->link);
    }
    page->tag = outer;
}

void bg_draw_line(const bg_shaped *s, const bg_lines *l, size_t index, double x, double y, bg_color color,
                  bg_page *page)
{
    if (!s || index >= l->count)
        return;
    const bg_line *line = &l->lines[index];
    x += line->indent;
    size_t from = line->first, end = line->first + line->count;
    link_state ls = {NULL, 0};
    bg_pages *doc = page->owner;
    unsigned label = s->label_end && doc && page->tag != 0 && page->tag < doc->tag_count
                         ? doc->tags[page->tag].label : 0;
    for (size_t k = from + 1; k <= end; k++) {
        bool in_label = label && s->glyphs[from].cluster < s->label_end;
        if (k < end && S_same_style(&s->runs[s->glyphs[k].run], &s->runs[s->glyphs[from].run]) &&
            (!label || (s->glyphs[k].cluster < s->label_end) == in_label))
            continue;
        unsigned outer = page->tag;
        if (in_label)
            page->tag = label;
        S_emit_segment(s, l, from, k, x, y, color, page, &ls);
        page->tag = outer;
        from = k;
    }
}
