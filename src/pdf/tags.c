/* tags.c: the tagged PDF (ISO 32000-1 §14.7-14.8, PDF/UA-1). Layout hands down a tree of
 * structure elements (page.h, bg_tag) and marks each item with its element or as an
 * artifact; this file wraps the items of a page in marked content (BDC ... EMC, one
 * sequence per run of items of the same element, /MCID numbered per page; artifacts as
 * /Artifact with /Type /Pagination or /Layout), and at the end writes the element
 * dictionaries, the StructTreeRoot with its ParentTree (page -> elements by MCID, link
 * annotation -> Link element), IDTree (notes) and RoleMap (Case -> Sect), /StructParents
 * on pages, /Tabs /S where there are annotations, and the catalog's /MarkInfo and
 * /ViewerPreferences /DisplayDocTitle.
 *
 * Children come in reading order: an element's siblings in the order layout created
 * them (a floated figure stays where the text puts it), its own marked content in the
 * order it is drawn, and an inline child (a link, a footnote mark) among that content
 * where it is drawn. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT_MAX

typedef enum { KID_MCR, KID_ELEM, KID_OBJR } kid_kind;

typedef struct S_kid {
    kid_kind kind;
    unsigned page;  /* MCR, OBJR */
    unsigned value; /* MCR: the MCID; ELEM: the element */
    HPDF_Dict annot; /* OBJR */
} S_kid;

typedef struct S_elem {
    HPDF_Dict dict;
    S_kid *kids; /* owned */
    size_t count, cap;
    bool attached;
    unsigned page;        /* of its first marked content (its /Pg), NONE: none */
    unsigned first_child; /* its children that are not inline, in creation order */
    unsigned next_sibling;
    unsigned cursor;      /* the first of those not yet placed among its kids */
    HPDF_Dict group;      /* its /P when a grouping element stands between it and its parent */
} S_elem;

typedef struct S_page {
    unsigned *mcid_tag; /* owned: the element of each MCID */
    size_t count, cap;
    bool annots;
} S_page;

typedef enum { OPEN_NONE, OPEN_ARTIFACT, OPEN_TAG } open_kind;

/* A table cell's attributes (scope, spans), written once as an indirect object that every
 * cell with the same ones refers to when enough cells share them to pay for the object. */
typedef struct S_cell_attr {
    bg_tag_scope scope;
    int colspan, rowspan;
    unsigned uses;
    HPDF_Dict dict; /* NULL until written, or when written in each cell */
} S_cell_attr;

struct bg_pdf_tags {
    const bg_tag *tags; /* borrowed from the pages */
    size_t count;
    S_elem *elems; /* owned */
    S_page *pages; /* owned, one per page added so far */
    size_t page_count, page_cap;
    unsigned *annot_tag; /* owned: the Link element of each tagged annotation */
    size_t annot_count, annot_cap;
    open_kind open;
    unsigned open_value; /* the element or the artifact kind */
    bool untagged_annot; /* a link outside any element: not PDF/UA */
    S_cell_attr *cell_attrs; /* owned */
    size_t cell_attr_count, cell_attr_cap;
};

static const char *S_type_name(const bg_tag *t)
{
    static const char *const names[] = {
        [BG_TAG_DOCUMENT] = "Document", [BG_TAG_SECT] = "Sect", [BG_TAG_CASE] = "Case",
        [BG_TAG_H] = "H", [BG_TAG_P] = "P", [BG_TAG_L] = "L", [BG_TAG_LI] = "LI", [BG_TAG_LBL] = "Lbl",
        [BG_TAG_LBODY] = "LBody", [BG_TAG_TABLE] = "Table", [BG_TAG_THEAD] = "THead",
        [BG_TAG_TBODY] = "TBody", [BG_TAG_TR] = "TR", [BG_TAG_TH] = "TH", [BG_TAG_TD] = "TD",
        [BG_TAG_CAPTION] = "Caption", [BG_TAG_FIGURE] = "Figure", [BG_TAG_NOTE] = "Note",
        [BG_TAG_REFERENCE] = "Reference", [BG_TAG_LINK] = "Link", [BG_TAG_TOC] = "TOC",
        [BG_TAG_TOCI] = "TOCI",
    };
    static const char *const headings[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    if (t->type == BG_TAG_H)
        return headings[t->level >= 1 && t->level <= 6 ? t->level - 1 : 0];
    return names[t->type];
}

static void S_push_kid(S_elem *e, S_kid kid)
{
    BG_GROW(e->kids, e->cap, e->count + 1);
    e->kids[e->count++] = kid;
}

/* Places element t among its parent's kids (placing the parent first): after the
 * siblings created before it, or, inline, after what the parent has drawn so far. */
static void S_attach(bg_pdf_tags *tt, unsigned t)
{
    S_elem *e = &tt->elems[t];
    if (e->attached)
        return;
    e->attached = true;
    if (t == 0)
        return;
    unsigned p = tt->tags[t].parent;
    S_attach(tt, p);
    S_elem *pe = &tt->elems[p];
    if (!tt->tags[t].is_inline) {
        while (pe->cursor != NONE && pe->cursor != t) {
            unsigned s = pe->cursor;
            if (!tt->elems[s].attached) {
                tt->elems[s].attached = true;
                S_push_kid(pe, (S_kid){KID_ELEM, 0, s, NULL});
            }
            pe->cursor = tt->elems[s].next_sibling;
        }
        if (pe->cursor == t)
            pe->cursor = e->next_sibling;
    }
    S_push_kid(pe, (S_kid){KID_ELEM, 0, t, NULL});
}

int bg_pdf_tags_begin(bg_pdf_ctx *ctx, const bg_pages *pages)
{
    if (pages->tag_count == 0)
        return 0;
    bg_pdf_tags *tt = bg_xcalloc(1, sizeof *tt);
    ctx->tags = tt;
    tt->tags = pages->tags;
    tt->count = pages->tag_count;
    tt->elems = bg_xcalloc(tt->count, sizeof *tt->elems);
    unsigned *last = bg_xcalloc(tt->count, sizeof *last);
    for (size_t i = 0; i < tt->count; i++) {
        S_elem *e = &tt->elems[i];
        e->page = e->first_child = e->next_sibling = e->cursor = NONE;
        last[i] = NONE;
        e->dict = HPDF_Dict_New(ctx->doc->mmgr);
        if (!e->dict || HPDF_Xref_Add(ctx->doc->xref, e->dict) != HPDF_OK) {
            free(last);
            return bg_pdf_fail(ctx, _("creating the structure tree"));
        }
        unsigned p = pages->tags[i].parent;
        if (i == 0 || pages->tags[i].is_inline || p >= i)
            continue; /* a parent always comes before its children */
        if (last[p] == NONE)
            tt->elems[p].first_child = tt->elems[p].cursor = (unsigned)i;
        else
            tt->elems[last[p]].next_sibling = (unsigned)i;
        last[p] = (unsigned)i;
    }
    free(last);
    return 0;
}

static int S_put(bg_pdf_ctx *ctx, HPDF_Page page, const char *ops)
{
    bg_buf b;
    bg_buf_init(&b);
    bg_buf_puts(&b, ops);
    int rc = bg_pdf_page_put(ctx, page, &b);
    bg_buf_free(&b);
    return rc;
}

/* Gives every page added so far its record. */
static void S_pad_pages(bg_pdf_ctx *ctx)
{
    bg_pdf_tags *tt = ctx->tags;
    while (tt->page_count < ctx->page_count) {
        BG_GROW(tt->pages, tt->page_cap, tt->page_count + 1);
        memset(&tt->pages[tt->page_count++], 0, sizeof *tt->pages);
    }
}

/* The record of the page being drawn (there is one: items come after its page). */
static S_page *S_current_page(bg_pdf_ctx *ctx)
{
    S_pad_pages(ctx);
    return &ctx->tags->pages[ctx->page_count - 1];
}

int bg_pdf_tags_item(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    bg_pdf_tags *tt = ctx->tags;
    if (!tt || item->kind == BG_ITEM_LINK || item->kind == BG_ITEM_DEST)
        return 0;
    bool tagged = item->tag != 0 && item->tag < tt->count;
    open_kind want = tagged ? OPEN_TAG : OPEN_ARTIFACT;
    unsigned value = tagged ? item->tag : (unsigned)item->artifact;
    if (tt->open == want && tt->open_value == value)
        return 0;
    if (tt->open != OPEN_NONE && S_put(ctx, page, "EMC\n") != 0)
        return -1;
    tt->open = want;
    tt->open_value = value;
    char ops[96];
    if (!tagged) {
        snprintf(ops, sizeof ops, "/Artifact <</Type /%s>> BDC\n",
                 item->artifact == BG_ARTIFACT_PAGINATION ? "Pagination" : "Layout");
        return S_put(ctx, page, ops);
    }
    S_page *pg = S_current_page(ctx);
    unsigned mcid = (unsigned)pg->count;
    BG_GROW(pg->mcid_tag, pg->cap, pg->count + 1);
    pg->mcid_tag[pg->count++] = item->tag;
    S_attach(tt, item->tag);
    S_elem *e = &tt->elems[item->tag];
    if (e->page == NONE)
        e->page = (unsigned)(ctx->page_count - 1);
    S_push_kid(e, (S_kid){KID_MCR, (unsigned)(ctx->page_count - 1), mcid, NULL});
    snprintf(ops, sizeof ops, "/%s <</MCID %u>> BDC\n", S_type_name(&tt->tags[item->tag]), mcid);
    return S_put(ctx, page, ops);
}

int bg_pdf_tags_page_end(bg_pdf_ctx *ctx, HPDF_Page page)
{
    bg_pdf_tags *tt = ctx->tags;
    if (!tt)
        return 0;
    S_pad_pages(ctx);
    if (tt->open == OPEN_NONE)
        return 0;
    tt->open = OPEN_NONE;
    return S_put(ctx, page, "EMC\n");
}

int bg_pdf_tags_annot(bg_pdf_ctx *ctx, HPDF_Annotation annot, size_t page, const bg_item *item)
{
    bg_pdf_tags *tt = ctx->tags;
    if (!tt)
        return 0;
    S_pad_pages(ctx);
    if (page < tt->page_count)
        tt->pages[page].annots = true;
    const char *contents = item->tag < tt->count ? tt->tags[item->tag].alt : NULL;
    HPDF_Binary text = bg_pdf_text_string(ctx, contents && *contents ? contents : item->u.link.dest);
    if (!text || HPDF_Dict_Add(annot, "Contents", text) != HPDF_OK)
        return bg_pdf_fail(ctx, _("describing a link"));
    if (item->tag == 0 || item->tag >= tt->count) {
        tt->untagged_annot = true;
        return 0;
    }
    unsigned key = (unsigned)(ctx->page_count + tt->annot_count);
    BG_GROW(tt->annot_tag, tt->annot_cap, tt->annot_count + 1);
    tt->annot_tag[tt->annot_count++] = item->tag;
    S_attach(tt, item->tag);
    S_push_kid(&tt->elems[item->tag], (S_kid){KID_OBJR, (unsigned)page, 0, annot});
    if (HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT32)key) != HPDF_OK)
        return bg_pdf_fail(ctx, _("tagging a link"));
    return 0;
}

/* ---- the structure tree, once every page and annotation is written ---- */

static HPDF_STATUS S_add_kid(bg_pdf_ctx *ctx, HPDF_Array k, const S_elem *e, const S_kid *kid)
{
    HPDF_MMgr mm = ctx->doc->mmgr;
    bg_pdf_tags *tt = ctx->tags;
    if (kid->kind == KID_ELEM)
        return HPDF_Array_Add(k, tt->elems[kid->value].dict);
    if (kid->kind == KID_MCR && kid->page == e->page)
        return HPDF_Array_AddNumber(k, (HPDF_INT32)kid->value);
    HPDF_Dict d = HPDF_Dict_New(mm);
    HPDF_STATUS st = d ? HPDF_Array_Add(k, d) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(d, "Type", kid->kind == KID_MCR ? "MCR" : "OBJR");
    if (st == HPDF_OK && kid->page != e->page) /* else the element's /Pg says it */
        st = HPDF_Dict_Add(d, "Pg", ctx->pages[kid->page]);
    if (st == HPDF_OK)
        st = kid->kind == KID_MCR ? HPDF_Dict_AddNumber(d, "MCID", (HPDF_INT32)kid->value)
                                  : HPDF_Dict_Add(d, "Obj", kid->annot);
    return st;
}

static bool S_has_cell_attr(const bg_tag *t)
{
    return (t->type == BG_TAG_TH || t->type == BG_TAG_TD) &&
           (t->scope != BG_SCOPE_NONE || t->colspan > 1 || t->rowspan > 1);
}

/* The record of t's cell attributes (made on first sight). */
static S_cell_attr *S_cell_attr_of(bg_pdf_tags *tt, const bg_tag *t)
{
    int colspan = t->colspan > 1 ? t->colspan : 1, rowspan = t->rowspan > 1 ? t->rowspan : 1;
    for (size_t i = 0; i < tt->cell_attr_count; i++) {
        S_cell_attr *c = &tt->cell_attrs[i];
        if (c->scope == t->scope && c->colspan == colspan && c->rowspan == rowspan)
            return c;
    }
    BG_GROW(tt->cell_attrs, tt->cell_attr_cap, tt->cell_attr_count + 1);
    S_cell_attr *c = &tt->cell_attrs[tt->cell_attr_count++];
    *c = (S_cell_attr){t->scope, colspan, rowspan, 0, NULL};
    return c;
}

/* An indirect object costs about 40 bytes (its header, trailer and cross-reference
 * entry) and each reference 8; a /Scope dictionary written in a cell about 35. */
#define SHARE_CELL_ATTR_USES 3

/* The attribute dictionary of a table cell (scope, spans) or a figure (its box). */
static HPDF_STATUS S_attributes(bg_pdf_ctx *ctx, HPDF_Dict dict, const bg_tag *t, const S_elem *e)
{
    bool cell = S_has_cell_attr(t);
    bool figure = t->type == BG_TAG_FIGURE && t->has_bbox && e->page != NONE;
    if (!cell && !figure)
        return HPDF_OK;
    S_cell_attr *shared = NULL;
    if (cell) {
        shared = S_cell_attr_of(ctx->tags, t);
        if (shared->uses < SHARE_CELL_ATTR_USES)
            shared = NULL;
        else if (shared->dict)
            return HPDF_Dict_Add(dict, "A", shared->dict);
    }
    HPDF_Dict a = HPDF_Dict_New(ctx->doc->mmgr);
    HPDF_STATUS st = a ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK && shared) {
        st = HPDF_Xref_Add(ctx->doc->xref, a);
        shared->dict = a;
    }
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(dict, "A", a);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(a, "O", cell ? "Table" : "Layout");
    if (cell) {
        if (st == HPDF_OK && t->scope != BG_SCOPE_NONE)
            st = HPDF_Dict_AddName(a, "Scope", t->scope == BG_SCOPE_ROW ? "Row" : "Column");
        if (st == HPDF_OK && t->colspan > 1)
            st = HPDF_Dict_AddNumber(a, "ColSpan", t->colspan);
        if (st == HPDF_OK && t->rowspan > 1)
            st = HPDF_Dict_AddNumber(a, "RowSpan", t->rowspan);
        return st;
    }
    HPDF_Array box = HPDF_Array_New(ctx->doc->mmgr);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(a, "Placement", "Block");
    if (st == HPDF_OK)
        st = box ? HPDF_Dict_Add(a, "BBox", box) : HPDF_FAILD_TO_ALLOC_MEM;
    for (int i = 0; i < 4 && st == HPDF_OK; i++)
        st = HPDF_Array_AddReal(box, (HPDF_REAL)(t->bbox[i] + ctx->offset));
    return st;
}

static bool S_only_elements(const S_elem *e)
{
    for (size_t j = 0; j < e->count; j++)
        if (e->kids[j].kind != KID_ELEM)
            return false;
    return true;
}

/* More children than an array may hold (BG_TAG_MAX_KIDS): they go in runs into grouping
 * elements (a list into lists, contents into contents, anything else into Div), whose
 * array d's /K lists; each child's /P is then its group. */
static HPDF_STATUS S_grouped_kids(bg_pdf_ctx *ctx, HPDF_Dict d, const bg_tag *t, const S_elem *e)
{
    bg_pdf_tags *tt = ctx->tags;
    HPDF_MMgr mm = ctx->doc->mmgr;
    const char *type = t->type == BG_TAG_L ? "L" : t->type == BG_TAG_TOC ? "TOC" : "Div";
    HPDF_Array groups = HPDF_Array_New(mm);
    HPDF_STATUS st = groups ? HPDF_Dict_Add(d, "K", groups) : HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t j = 0; j < e->count && st == HPDF_OK; j += BG_TAG_MAX_KIDS) {
        HPDF_Dict g = HPDF_Dict_New(mm);
        HPDF_Array k = HPDF_Array_New(mm);
        st = g && k ? HPDF_Xref_Add(ctx->doc->xref, g) : HPDF_FAILD_TO_ALLOC_MEM;
        if (st == HPDF_OK)
            st = HPDF_Array_Add(groups, g);
        if (st == HPDF_OK)
            st = HPDF_Dict_AddName(g, "S", type);
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(g, "P", d);
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(g, "K", k);
        for (size_t m = j; m < e->count && m < j + BG_TAG_MAX_KIDS && st == HPDF_OK; m++) {
            tt->elems[e->kids[m].value].group = g;
            st = HPDF_Array_Add(k, tt->elems[e->kids[m].value].dict);
        }
    }
    return st;
}

static HPDF_STATUS S_write_elem(bg_pdf_ctx *ctx, unsigned i, HPDF_Dict root)
{
    bg_pdf_tags *tt = ctx->tags;
    const bg_tag *t = &tt->tags[i];
    const S_elem *e = &tt->elems[i];
    HPDF_Dict d = e->dict;
    HPDF_STATUS st = HPDF_Dict_AddName(d, "S", S_type_name(t));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(d, "P", i == 0 ? root : e->group ? e->group : tt->elems[t->parent].dict);
    if (st == HPDF_OK && e->page != NONE)
        st = HPDF_Dict_Add(d, "Pg", ctx->pages[e->page]);
    if (st == HPDF_OK && e->count == 1 && e->kids[0].kind == KID_MCR && e->kids[0].page == e->page)
        st = HPDF_Dict_AddNumber(d, "K", (HPDF_INT32)e->kids[0].value);
    else if (st == HPDF_OK && e->count == 1 && e->kids[0].kind == KID_ELEM) /* no array of one */
        st = HPDF_Dict_Add(d, "K", tt->elems[e->kids[0].value].dict);
    else if (st == HPDF_OK && e->count > BG_TAG_MAX_KIDS && S_only_elements(e))
        st = S_grouped_kids(ctx, d, t, e);
    else if (st == HPDF_OK && e->count > 0) {
        HPDF_Array k = HPDF_Array_New(ctx->doc->mmgr);
        st = k ? HPDF_Dict_Add(d, "K", k) : HPDF_FAILD_TO_ALLOC_MEM;
        for (size_t j = 0; j < e->count && st == HPDF_OK; j++)
            st = S_add_kid(ctx, k, e, &e->kids[j]);
    }
    if (st == HPDF_OK && t->alt && t->type == BG_TAG_FIGURE) {
        HPDF_Binary alt = bg_pdf_text_string(ctx, t->alt);
        st = alt ? HPDF_Dict_Add(d, "Alt", alt) : HPDF_FAILD_TO_ALLOC_MEM;
    }
    if (st == HPDF_OK && t->id)
        st = HPDF_Dict_Add(d, "ID", HPDF_String_New(ctx->doc->mmgr, t->id, NULL));
    if (st == HPDF_OK && t->lang)
        st = HPDF_Dict_Add(d, "Lang", HPDF_String_New(ctx->doc->mmgr, t->lang, NULL));
    if (st == HPDF_OK)
        st = S_attributes(ctx, d, t, e);
    return st;
}

typedef struct S_id {
    const char *id; /* borrowed */
    unsigned tag;
} S_id;

static int S_id_cmp(const void *a, const void *b)
{
    return strcmp(((const S_id *)a)->id, ((const S_id *)b)->id);
}

/* Entries in one leaf of a name or number tree: two array elements each, within the
 * 8191 an archive file allows. A tree with more has a root of leaves (up to 4000 leaves). */
#define TREE_LEAF (BG_TAG_MAX_KIDS / 2)

/* A leaf of a name or number tree (key "Names" or "Nums"): the tree itself when it has no
 * kids, else a new leaf added to them with an empty /Limits array (*limits) for the
 * caller's first and last key. Returns the leaf's array of pairs, or NULL with *st set. */
static HPDF_Array S_tree_leaf(bg_pdf_ctx *ctx, HPDF_Dict tree, HPDF_Array kids, const char *key,
                              HPDF_Array *limits, HPDF_STATUS *st)
{
    HPDF_MMgr mm = ctx->doc->mmgr;
    HPDF_Dict leaf = kids ? HPDF_Dict_New(mm) : tree;
    HPDF_Array pairs = HPDF_Array_New(mm);
    *limits = NULL;
    *st = leaf && pairs ? HPDF_Dict_Add(leaf, key, pairs) : HPDF_FAILD_TO_ALLOC_MEM;
    if (*st == HPDF_OK && kids) {
        *limits = HPDF_Array_New(mm);
        *st = *limits ? HPDF_Xref_Add(ctx->doc->xref, leaf) : HPDF_FAILD_TO_ALLOC_MEM;
        if (*st == HPDF_OK)
            *st = HPDF_Array_Add(kids, leaf);
        if (*st == HPDF_OK)
            *st = HPDF_Dict_Add(leaf, "Limits", *limits);
    }
    return *st == HPDF_OK ? pairs : NULL;
}

/* A tree with more than TREE_LEAF entries gets a /Kids array of leaves; NULL: one leaf. */
static HPDF_Array S_tree_kids(bg_pdf_ctx *ctx, HPDF_Dict tree, size_t entries, HPDF_STATUS *st)
{
    if (*st != HPDF_OK || entries <= TREE_LEAF)
        return NULL;
    HPDF_Array kids = HPDF_Array_New(ctx->doc->mmgr);
    *st = kids ? HPDF_Dict_Add(tree, "Kids", kids) : HPDF_FAILD_TO_ALLOC_MEM;
    return kids;
}

/* The IDTree: every element's ID, sorted; one leaf, or leaves under the root. */
static HPDF_STATUS S_id_tree(bg_pdf_ctx *ctx, HPDF_Dict root)
{
    bg_pdf_tags *tt = ctx->tags;
    S_id *ids = bg_xcalloc(tt->count, sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < tt->count; i++)
        if (tt->tags[i].id)
            ids[n++] = (S_id){tt->tags[i].id, (unsigned)i};
    HPDF_STATUS st = HPDF_OK;
    if (n > 0) {
        qsort(ids, n, sizeof *ids, S_id_cmp);
        HPDF_MMgr mm = ctx->doc->mmgr;
        HPDF_Dict tree = HPDF_Dict_New(mm);
        st = tree ? HPDF_Dict_Add(root, "IDTree", tree) : HPDF_FAILD_TO_ALLOC_MEM;
        HPDF_Array kids = S_tree_kids(ctx, tree, n, &st), limits;
        for (size_t j = 0; j < n && st == HPDF_OK; j += TREE_LEAF) {
            size_t end = j + TREE_LEAF < n ? j + TREE_LEAF : n;
            HPDF_Array names = S_tree_leaf(ctx, tree, kids, "Names", &limits, &st);
            if (st == HPDF_OK && limits)
                st = HPDF_Array_Add(limits, HPDF_String_New(mm, ids[j].id, NULL));
            if (st == HPDF_OK && limits)
                st = HPDF_Array_Add(limits, HPDF_String_New(mm, ids[end - 1].id, NULL));
            for (size_t m = j; m < end && st == HPDF_OK; m++) {
                st = HPDF_Array_Add(names, HPDF_String_New(mm, ids[m].id, NULL));
                if (st == HPDF_OK)
                    st = HPDF_Array_Add(names, tt->elems[ids[m].tag].dict);
            }
        }
    }
    free(ids);
    return st;
}

/* The value of ParentTree key `key`: for a page, the array of the element of each of its
 * MCIDs (and the page gets its /StructParents and /Tabs); for an annotation, its Link. */
static HPDF_STATUS S_parent_value(bg_pdf_ctx *ctx, size_t key, HPDF_Array nums)
{
    bg_pdf_tags *tt = ctx->tags;
    HPDF_STATUS st = HPDF_Array_AddNumber(nums, (HPDF_INT32)key);
    if (key >= ctx->page_count)
        return st == HPDF_OK ? HPDF_Array_Add(nums, tt->elems[tt->annot_tag[key - ctx->page_count]].dict) : st;
    HPDF_Array refs = HPDF_Array_New(ctx->doc->mmgr);
    if (st == HPDF_OK)
        st = refs ? HPDF_Array_Add(nums, refs) : HPDF_FAILD_TO_ALLOC_MEM;
    const S_page *pg = key < tt->page_count ? &tt->pages[key] : NULL;
    for (size_t m = 0; pg && m < pg->count && st == HPDF_OK; m++)
        st = HPDF_Array_Add(refs, tt->elems[pg->mcid_tag[m]].dict);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(ctx->pages[key], "StructParents", (HPDF_INT32)key);
    if (st == HPDF_OK && pg && pg->annots)
        st = HPDF_Dict_AddName(ctx->pages[key], "Tabs", "S");
    return st;
}

/* The ParentTree: page i (key i) to the elements of its MCIDs, then each tagged
 * annotation (keys from the page count on) to its Link; one leaf, or leaves under the
 * root when there are more keys than a leaf holds. */
static HPDF_STATUS S_parent_tree(bg_pdf_ctx *ctx, HPDF_Dict root)
{
    bg_pdf_tags *tt = ctx->tags;
    HPDF_MMgr mm = ctx->doc->mmgr;
    size_t n = ctx->page_count + tt->annot_count;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_STATUS st = tree ? HPDF_Xref_Add(ctx->doc->xref, tree) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(root, "ParentTree", tree);
    HPDF_Array kids = S_tree_kids(ctx, tree, n, &st), limits;
    for (size_t j = 0; st == HPDF_OK && (j == 0 || j < n); j += TREE_LEAF) {
        size_t end = j + TREE_LEAF < n ? j + TREE_LEAF : n;
        HPDF_Array nums = S_tree_leaf(ctx, tree, kids, "Nums", &limits, &st);
        if (st == HPDF_OK && limits)
            st = HPDF_Array_AddNumber(limits, (HPDF_INT32)j);
        if (st == HPDF_OK && limits)
            st = HPDF_Array_AddNumber(limits, (HPDF_INT32)(end - 1));
        for (size_t key = j; key < end && st == HPDF_OK; key++)
            st = S_parent_value(ctx, key, nums);
    }
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)n);
    return st;
}

static HPDF_STATUS S_catalog(bg_pdf_ctx *ctx, HPDF_Dict root)
{
    HPDF_MMgr mm = ctx->doc->mmgr;
    HPDF_Dict mark = HPDF_Dict_New(mm), prefs = HPDF_Dict_New(mm);
    HPDF_STATUS st = mark && prefs ? HPDF_Dict_Add(ctx->doc->catalog, "StructTreeRoot", root) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "MarkInfo", mark);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "ViewerPreferences", prefs);
    return st;
}

int bg_pdf_tags_finish(bg_pdf_ctx *ctx)
{
    bg_pdf_tags *tt = ctx->tags;
    if (!tt)
        return 0;
    S_pad_pages(ctx);
    for (unsigned i = 0; i < tt->count; i++)
        S_attach(tt, i); /* elements without content: where their siblings put them */
    HPDF_MMgr mm = ctx->doc->mmgr;
    HPDF_Dict root = HPDF_Dict_New(mm), roles = HPDF_Dict_New(mm);
    HPDF_STATUS st = root && roles ? HPDF_Xref_Add(ctx->doc->xref, root) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(root, "K", tt->elems[0].dict);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(roles, "Case", "Sect");
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(root, "RoleMap", roles);
    for (unsigned i = 0; i < tt->count; i++)
        if (S_has_cell_attr(&tt->tags[i]))
            S_cell_attr_of(tt, &tt->tags[i])->uses++;
    for (unsigned i = 0; i < tt->count && st == HPDF_OK; i++)
        st = S_write_elem(ctx, i, root);
    if (st == HPDF_OK)
        st = S_parent_tree(ctx, root);
    if (st == HPDF_OK)
        st = S_id_tree(ctx, root);
    if (st == HPDF_OK)
        st = S_catalog(ctx, root);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("writing the structure tree"));
}

const char *bg_pdf_tags_ua_obstacle(const bg_pdf_ctx *ctx, const bg_doc_info *info)
{
    const bg_pdf_tags *tt = ctx->tags;
    if (!tt)
        return "untagged";
    if (!info->title || !*info->title)
        return "no title";
    if (tt->untagged_annot)
        return "a link outside the structure";
    int last = 0;
    bool *has_th = bg_xcalloc(tt->count, sizeof *has_th);
    const char *obstacle = NULL;
    for (size_t i = 0; i < tt->count && !obstacle; i++) {
        const bg_tag *t = &tt->tags[i];
        if (t->type == BG_TAG_FIGURE && (!t->alt || !*t->alt))
            obstacle = "a figure without alt text";
        if (t->type == BG_TAG_H) {
            if (t->level > last + 1)
                obstacle = "a skipped heading level";
            last = t->level;
        }
        if (t->type == BG_TAG_TH) /* mark the table it heads */
            for (unsigned p = t->parent; p != 0; p = tt->tags[p].parent)
                if (tt->tags[p].type == BG_TAG_TABLE) {
                    has_th[p] = true;
                    break;
                }
    }
    for (size_t i = 0; i < tt->count && !obstacle; i++)
        if (tt->tags[i].type == BG_TAG_TABLE && !has_th[i])
            obstacle = "a table without header cells";
    free(has_th);
    return obstacle;
}

void bg_pdf_tags_free(bg_pdf_ctx *ctx)
{
    bg_pdf_tags *tt = ctx->tags;
    if (!tt)
        return;
    for (size_t i = 0; i < tt->count; i++)
        free(tt->elems[i].kids);
    free(tt->elems);
    for (size_t p = 0; p < tt->page_count; p++)
        free(tt->pages[p].mcid_tag);
    free(tt->pages);
    free(tt->annot_tag);
    free(tt->cell_attrs);
    free(tt);
    ctx->tags = NULL;
}
