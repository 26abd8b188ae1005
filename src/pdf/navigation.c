/* navigation.c: what lets a reader move around the document, added once every page
 * exists: link annotations to named destinations (each resolved to an explicit
 * [page /XYZ left top 0] destination; borderless, /F 4 = print), the outline (bookmarks;
 * the flat list with levels becomes a tree, titles are UTF-16BE text strings, level-1
 * entries open) and page labels (decimal, lower roman, or unnumbered ranges). */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

/* A named destination as layout placed it. */
typedef struct S_dest {
    const char *name; /* borrowed from the pages */
    size_t page;
    double x, y;
} S_dest;

typedef struct S_dests {
    S_dest *items; /* owned, sorted by name */
    size_t count, cap;
} S_dests;

static int S_dest_cmp(const void *a, const void *b)
{
    return strcmp(((const S_dest *)a)->name, ((const S_dest *)b)->name);
}

static S_dests S_collect_dests(const bg_pages *pages)
{
    S_dests d = {NULL, 0, 0};
    for (size_t p = 0; p < pages->count; p++)
        for (size_t i = 0; i < pages->pages[p].count; i++) {
            const bg_item *it = &pages->pages[p].items[i];
            if (it->kind != BG_ITEM_DEST)
                continue;
            BG_GROW(d.items, d.cap, d.count + 1);
            d.items[d.count++] = (S_dest){it->u.dest.name, p, it->u.dest.x, it->u.dest.y};
        }
    if (d.count)
        qsort(d.items, d.count, sizeof *d.items, S_dest_cmp);
    return d;
}

static const S_dest *S_find_dest(const S_dests *d, const char *name)
{
    S_dest key = {name, 0, 0, 0};
    return d->count ? bsearch(&key, d->items, d->count, sizeof *d->items, S_dest_cmp) : NULL;
}

/* [page /XYZ x y 0]: libharu refuses zoom 0 ("keep the reader's zoom"), so the zoom is
 * set to 1 and then overwritten. NULL on failure. */
static HPDF_Destination S_destination(bg_pdf_ctx *ctx, const S_dest *d)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(ctx->pages[d->page]);
    if (!dst)
        return NULL;
    double x = (d->x > 0 ? d->x : 0) + ctx->offset, y = (d->y > 0 ? d->y : 0) + ctx->offset;
    if (HPDF_Destination_SetXYZ(dst, (HPDF_REAL)x, (HPDF_REAL)y, 1) != HPDF_OK)
        return NULL;
    HPDF_Real zoom = HPDF_Array_GetItem(dst, 4, HPDF_OCLASS_REAL);
    if (!zoom || HPDF_Real_SetValue(zoom, 0) != HPDF_OK)
        return NULL;
    return dst;
}

static int S_add_link(bg_pdf_ctx *ctx, size_t page_index, const bg_item *it, const S_dests *dests)
{
    const S_dest *d = S_find_dest(dests, it->u.link.dest);
    if (!d) {
        bg_warning(ctx->diags, (bg_loc){.file = ctx->path},
                   _("link to unknown destination '%s' left out of the PDF"), it->u.link.dest);
        return 0;
    }
    HPDF_Destination dst = S_destination(ctx, d);
    double x = it->u.link.x + ctx->offset, y = it->u.link.y + ctx->offset;
    HPDF_Rect rect = {(HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(x + it->u.link.w), (HPDF_REAL)(y + it->u.link.h)};
    HPDF_Annotation annot = dst ? HPDF_Page_CreateLinkAnnot(ctx->pages[page_index], rect, dst) : NULL;
    if (!annot || HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0) != HPDF_OK ||
        HPDF_Dict_AddNumber(annot, "F", 4) != HPDF_OK)
        return bg_pdf_fail(ctx, _("adding a link"));
    return bg_pdf_tags_annot(ctx, annot, page_index, it);
}

static int S_add_links(bg_pdf_ctx *ctx, const bg_pages *pages, const S_dests *dests)
{
    for (size_t p = 0; p < pages->count; p++)
        for (size_t i = 0; i < pages->pages[p].count; i++) {
            const bg_item *it = &pages->pages[p].items[i];
            if (it->kind == BG_ITEM_LINK && S_add_link(ctx, p, it, dests) != 0)
                return -1;
        }
    return 0;
}

/* One bookmark under parent (NULL: the outline root). NULL on failure (reported). */
static HPDF_Outline S_add_bookmark(bg_pdf_ctx *ctx, HPDF_Outline parent, const bg_outline_entry *e,
                                   const S_dests *dests)
{
    HPDF_Outline outline = HPDF_CreateOutline(ctx->doc, parent, "", NULL);
    HPDF_Binary title = outline ? bg_pdf_text_string(ctx, e->title) : NULL;
    if (!title || HPDF_Dict_Add(outline, "Title", title) != HPDF_OK ||
        (e->level == 1 && HPDF_Outline_SetOpened(outline, HPDF_TRUE) != HPDF_OK)) {
        bg_pdf_fail(ctx, _("adding a bookmark"));
        return NULL;
    }
    const S_dest *d = S_find_dest(dests, e->dest);
    if (!d) {
        bg_warning(ctx->diags, (bg_loc){.file = ctx->path},
                   _("bookmark '%s' points to unknown destination '%s'"), e->title, e->dest);
        return outline;
    }
    /* PDF/A wants an outline item's /Dest written directly, not as a reference (libharu
     * makes every destination an indirect object). */
    HPDF_Array dst = HPDF_Array_New(ctx->doc->mmgr);
    HPDF_STATUS st = dst ? HPDF_Dict_Add(outline, "Dest", dst) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Array_Add(dst, ctx->pages[d->page]);
    if (st == HPDF_OK)
        st = HPDF_Array_AddName(dst, "XYZ");
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(dst, (HPDF_REAL)((d->x > 0 ? d->x : 0) + ctx->offset));
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(dst, (HPDF_REAL)((d->y > 0 ? d->y : 0) + ctx->offset));
    if (st == HPDF_OK)
        st = HPDF_Array_AddNumber(dst, 0);
    if (st != HPDF_OK) {
        bg_pdf_fail(ctx, _("setting a bookmark's destination"));
        return NULL;
    }
    return outline;
}

/* Builds the outline tree: each entry's parent is the nearest earlier entry of a lower level. */
static int S_add_outline(bg_pdf_ctx *ctx, const bg_pages *pages, const S_dests *dests)
{
    if (pages->outline_count == 0)
        return 0;
    int rc = -1;
    HPDF_Outline *stack = bg_xcalloc(pages->outline_count, sizeof *stack);
    int *levels = bg_xcalloc(pages->outline_count, sizeof *levels);
    size_t depth = 0;
    for (size_t i = 0; i < pages->outline_count; i++) {
        const bg_outline_entry *e = &pages->outline[i];
        while (depth > 0 && levels[depth - 1] >= e->level)
            depth--;
        HPDF_Outline outline = S_add_bookmark(ctx, depth ? stack[depth - 1] : NULL, e, dests);
        if (!outline)
            goto cleanup;
        stack[depth] = outline;
        levels[depth++] = e->level;
    }
    if (HPDF_SetPageMode(ctx->doc, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK) {
        bg_pdf_fail(ctx, _("setting the page mode"));
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(stack);
    free(levels);
    return rc;
}

/* One /PageLabels entry; an unnumbered range is a label dictionary without /S. */
static int S_add_label(bg_pdf_ctx *ctx, const bg_label_range *r)
{
    HPDF_Dict label = HPDF_Dict_New(ctx->doc->mmgr);
    HPDF_STATUS st = label ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK && r->style != BG_LABEL_NONE) {
        st = HPDF_Dict_AddName(label, "S", r->style == BG_LABEL_ROMAN_LOWER ? "r" : "D");
        if (st == HPDF_OK && r->start > 1)
            st = HPDF_Dict_AddNumber(label, "St", r->start);
    }
    if (st == HPDF_OK)
        st = HPDF_Catalog_AddPageLabel(ctx->doc->catalog, (HPDF_UINT)r->first_page, label);
    if (st != HPDF_OK)
        return bg_pdf_fail(ctx, _("adding page labels"));
    return 0;
}

static int S_add_labels(bg_pdf_ctx *ctx, const bg_pages *pages)
{
    for (size_t i = 0; i < pages->label_count; i++)
        if (S_add_label(ctx, &pages->labels[i]) != 0)
            return -1;
    return 0;
}

int bg_pdf_navigation(bg_pdf_ctx *ctx, const bg_pages *pages)
{
    S_dests dests = S_collect_dests(pages);
    int rc = -1;
    if (S_add_links(ctx, pages, &dests) != 0)
        goto cleanup;
    if (S_add_outline(ctx, pages, &dests) != 0)
        goto cleanup;
    if (S_add_labels(ctx, pages) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(dests.items);
    return rc;
}
