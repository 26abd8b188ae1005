/* page.c: building and freeing pages of positioned items (see page.h). */
#include "page.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

void bg_pages_init(bg_pages *p) { memset(p, 0, sizeof *p); }

static void S_item_free(bg_item *it)
{
    switch (it->kind) {
    case BG_ITEM_GLYPHS:
        bg_font_drop(it->u.glyphs.font);
        free(it->u.glyphs.glyphs);
        free(it->u.glyphs.text);
        break;
    case BG_ITEM_PATH:
        free(it->u.path.xy);
        break;
    case BG_ITEM_IMAGE:
        free(it->u.image.file);
        break;
    case BG_ITEM_LINK:
        free(it->u.link.dest);
        break;
    case BG_ITEM_DEST:
        free(it->u.dest.name);
        break;
    case BG_ITEM_LINE:
    case BG_ITEM_RECT:
        break;
    }
}

void bg_pages_free(bg_pages *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++) {
        for (size_t k = 0; k < p->pages[i].count; k++)
            S_item_free(&p->pages[i].items[k]);
        free(p->pages[i].items);
    }
    free(p->pages);
    for (size_t i = 0; i < p->outline_count; i++) {
        free(p->outline[i].title);
        free(p->outline[i].dest);
    }
    free(p->outline);
    free(p->labels);
    free(p->info.title);
    free(p->info.author);
    free(p->info.subject);
    free(p->info.keywords);
    free(p->info.language);
    free(p->info.date);
    memset(p, 0, sizeof *p);
}

bg_page *bg_pages_add(bg_pages *p, double width, double height)
{
    BG_GROW(p->pages, p->cap, p->count + 1);
    bg_page *page = &p->pages[p->count++];
    memset(page, 0, sizeof *page);
    page->width = width;
    page->height = height;
    return page;
}

bg_item *bg_page_add(bg_page *page, bg_item_kind kind)
{
    BG_GROW(page->items, page->cap, page->count + 1);
    bg_item *it = &page->items[page->count++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

void bg_pages_add_outline(bg_pages *p, const char *title, int level, const char *dest)
{
    BG_GROW(p->outline, p->outline_cap, p->outline_count + 1);
    bg_outline_entry *e = &p->outline[p->outline_count++];
    e->title = bg_xstrdup(title);
    e->level = level;
    e->dest = bg_xstrdup(dest);
}

void bg_pages_add_label(bg_pages *p, size_t first_page, bg_label_style style, int start)
{
    BG_GROW(p->labels, p->label_cap, p->label_count + 1);
    p->labels[p->label_count++] = (bg_label_range){first_page, style, start};
}

void bg_pages_pad(bg_pages *p, size_t n)
{
    if (n < 2 || p->count == 0)
        return;
    double w = p->pages[p->count - 1].width, h = p->pages[p->count - 1].height;
    while (p->count % n)
        bg_pages_add(p, w, h);
}
