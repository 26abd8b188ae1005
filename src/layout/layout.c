/* layout.c: the layout stage's driver (see layout.h) and the flow's small shared helpers:
 * destinations, pushing items, owned box data, page labels. */
#include "layout.h"
#include "../base/i18n.h"
#include "ahead.h"
#include "flow.h"
#include "textcache.h"
#include "preflight.h"
#include "../base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PASSES 5

/* Destinations are found by name through a hash index (every block with an id adds
 * one, every reference looks one up: searched linearly, 3.4% of a 30x build). */
static uint64_t S_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot of name in the index: the one holding it, or the free one where it goes. */
static size_t S_dest_slot(const bg_flow *f, const char *name)
{
    size_t mask = f->dest_index_cap - 1;
    for (size_t i = S_hash(name) & mask;; i = (i + 1) & mask) {
        size_t d = f->dest_index[i];
        if (!d || strcmp(f->dests[d - 1].name, name) == 0)
            return i;
    }
}

static void S_dest_reindex(bg_flow *f)
{
    free(f->dest_index);
    f->dest_index_cap = f->dest_index_cap ? f->dest_index_cap * 2 : 64;
    f->dest_index = bg_xcalloc(f->dest_index_cap, sizeof *f->dest_index);
    for (size_t i = 0; i < f->dest_count; i++)
        f->dest_index[S_dest_slot(f, f->dests[i].name)] = i + 1;
}

int bg_flow_dest_add(bg_flow *f, const char *name)
{
    /* Destinations live across passes, so the contents can show last pass's pages. */
    int existing = bg_flow_dest_find(f, name);
    if (existing >= 0)
        return existing;
    if ((f->dest_count + 1) * 2 > f->dest_index_cap)
        S_dest_reindex(f);
    BG_GROW(f->dests, f->dest_cap, f->dest_count + 1);
    f->dests[f->dest_count] = (bg_flow_dest){bg_xstrdup(name), -1, 0};
    f->dest_index[S_dest_slot(f, name)] = f->dest_count + 1;
    return (int)f->dest_count++;
}

int bg_flow_dest_find(const bg_flow *f, const char *name)
{
    if (!f->dest_index_cap)
        return -1;
    size_t d = f->dest_index[S_dest_slot(f, name)];
    return d ? (int)d - 1 : -1;
}

bg_vitem *bg_flow_push(bg_flow *f, bg_vkind kind, double height)
{
    BG_GROW(f->items, f->cap, f->count + 1);
    bg_vitem *it = &f->items[f->count++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->height = height;
    it->dest = -1;
    it->outline = -1;
    it->box = -1;
    it->tag = f->tag;
    it->chapter = (int)f->chapter_count - 1;
    it->color = bg_gray(0);
    return it;
}

bg_vitem *bg_flow_push_gap(bg_flow *f, double height, int box)
{
    if (f->count > 0) {
        bg_vitem *prev = &f->items[f->count - 1];
        if (prev->kind == BG_V_SPACE && prev->height >= 2 && !prev->heading && !prev->keep_with_next &&
            prev->box == box) {
            if (height > prev->height)
                prev->height = height;
            return prev;
        }
    }
    bg_vitem *it = bg_flow_push(f, BG_V_SPACE, height);
    it->box = box;
    return it;
}

void *bg_flow_own(bg_flow *f, void *data)
{
    BG_GROW(f->owned, f->owned_cap, f->owned_count + 1);
    f->owned[f->owned_count++] = data;
    return data;
}

static void S_roman(char *out, int n)
{
    static const int vals[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *syms[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
    out[0] = '\0';
    for (int i = 0; i < 13 && n > 0; i++)
        while (n >= vals[i]) {
            strcat(out, syms[i]);
            n -= vals[i];
        }
}

char *bg_flow_page_label(const bg_flow *f, int page)
{
    char buf[64];
    if (f->body_first_page >= 0 && page >= f->body_first_page)
        return bg_strprintf("%d", page - f->body_first_page + 1);
    /* The cover and its blank back are unnumbered: the front matter's first page is i. */
    S_roman(buf, f->front_first_page >= 0 ? page - f->front_first_page + 1 : page + 1);
    return bg_xstrdup(buf);
}

unsigned bg_flow_tag(bg_flow *f, bg_tag_type type, unsigned parent)
{
    return bg_tags_add(&f->tags, &f->tag_count, &f->tag_cap, type, parent);
}

/* Frees what one pass built (items, their footnote lists, box data, pass-only paragraphs,
 * destinations, outline, footnotes, contents entries) but keeps the paragraph cache. */
static void S_reset_pass(bg_flow *f)
{
    bg_tags_free(f->tags, f->tag_count);
    f->tags = NULL;
    f->tag_count = f->tag_cap = 0;
    f->tag = f->tag_parent = 0;
    f->tag_level = 0;
    for (size_t i = 0; i < f->count; i++)
        free(f->items[i].footnotes);
    f->count = 0;
    for (size_t i = 0; i < f->owned_count; i++)
        free(f->owned[i]);
    f->owned_count = 0;
    for (size_t i = 0; i < f->scratch_count; i++)
        bg_para_free(f->scratch[i]);
    f->scratch_count = 0;
    for (size_t i = 0; i < f->outline_count; i++)
        free(f->outline[i].title);
    f->outline_count = 0;
    f->footnote_count = 0;
    for (size_t i = 0; i < f->toc_count; i++) {
        free(f->toc[i].label);
        free(f->toc[i].title);
    }
    f->toc_count = 0;
    for (size_t i = 0; i < f->chapter_count; i++)
        free(f->chapters[i]);
    f->chapter_count = 0;
    f->box_count = 0;
    free(f->placed);
    f->placed = NULL;
    free(f->footnote_height);
    f->footnote_height = NULL;
}

static void S_flow_free(bg_flow *f)
{
    S_reset_pass(f);
    free(f->note_labels);
    free(f->items);
    free(f->owned);
    free(f->scratch);
    for (size_t i = 0; i < f->cache_count; i++) {
        bg_para_free(f->cache[i].para);
        free(f->cache[i].text);
    }
    free(f->cache);
    free(f->cache_index);
    free(f->shape_index);
    for (size_t i = 0; i < f->dest_count; i++)
        free(f->dests[i].name);
    free(f->dests);
    free(f->dest_index);
    free(f->outline);
    free(f->footnotes);
    free(f->toc);
    free(f->chapters);
    free(f->boxes);
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        for (int b = 0; b < 2; b++) {
            bg_font_drop(f->fonts[r][b]);
            bg_font_drop(f->latin[r][b]);
        }
}

static int S_load_fonts(bg_flow *f)
{
    static const char *styles[2] = {"Regular", "Bold"};
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        /* the first installed family of each list (preflight warned of a fallback) */
        const char *family = bg_layout_font_choice(f->doc, f->style, (bg_font_role)r, false, NULL);
        const char *latin = bg_layout_font_choice(f->doc, f->style, (bg_font_role)r, true, NULL);
        if (!family)
            return -1;
        for (int b = 0; b < 2; b++) {
            f->fonts[r][b] = bg_font_find(family, styles[b], f->style->font_dir, f->diags);
            if (!f->fonts[r][b])
                return -1;
            if (!latin)
                continue;
            f->latin[r][b] = bg_font_find(latin, styles[b], f->style->font_dir, f->diags);
            if (!f->latin[r][b])
                return -1;
        }
    }
    return 0;
}

/* The page each destination landed on, as a signature of one pass's numbering. */
static int *S_dest_pages(const bg_flow *f)
{
    int *pages = bg_xcalloc(f->dest_count + 3, sizeof *pages);
    for (size_t i = 0; i < f->dest_count; i++)
        pages[i] = f->dests[i].page;
    pages[f->dest_count] = f->page_count;
    pages[f->dest_count + 1] = f->body_first_page;
    pages[f->dest_count + 2] = f->front_first_page;
    return pages;
}

static void S_set_info(const bg_document *doc, bg_pages *pages)
{
    const bg_meta *m = &doc->meta;
    bg_doc_info *info = &pages->info;
    /* The title on one line (m->title joins the cover lines), the subtitle after a space. */
    info->title = m->subtitle ? bg_strprintf("%s %s", m->title, m->subtitle) : bg_xstrdup(m->title);
    info->author = m->issuer ? bg_xstrdup(m->issuer) : NULL;
    info->subject = m->subject ? bg_xstrdup(m->subject) : NULL;
    info->keywords = m->keywords ? bg_xstrdup(m->keywords) : NULL;
    info->language = bg_xstrdup(m->language ? m->language : "zh-Hans");
    info->date = strlen(m->date) == 7 ? bg_strprintf("%s-01", m->date) : bg_xstrdup(m->date);
}

int bg_layout_document(const bg_document *doc, const bg_style *style, bg_pages *pages,
                       bg_diags *diags)
{
    bg_flow f = {.doc = doc, .style = style, .diags = diags, .body_first_page = -1,
                .front_first_page = -1};
    f.text_width = style->page_width - style->margin_inner - style->margin_outer;
    f.text_height = style->page_height - style->margin_top - style->margin_bottom;
    if (bg_layout_preflight(doc, style, diags) != 0 || S_load_fonts(&f) != 0) {
        S_flow_free(&f);
        return -1;
    }
    /* The first pass's text is shaped ahead on a second thread; `watch`, and a rebuild
     * that finds an earlier build's paragraphs in the cache folder, keep shaped text
     * between builds instead (textcache.h), and shape only what changed. */
    bg_font *faces[2 * BG_ROLE_COUNT * 2];
    size_t face_count = 0;
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        for (int b = 0; b < 2; b++) {
            faces[face_count++] = f.fonts[r][b];
            faces[face_count++] = f.latin[r][b];
        }
    bool kept = bg_textcache_load(faces, face_count); /* a rebuild's paragraphs from the cache folder */
    if (!bg_textcache_enabled() && !kept)
        f.ahead = bg_flow_ahead(&f);
    /* Lay out, then again while page numbers in the contents and lists change. */
    int *previous = NULL;
    bool stable = false;
    for (f.pass = 0; f.pass < MAX_PASSES && !stable; f.pass++) {
        S_reset_pass(&f);
        bg_flow_build(&f);
        bg_ahead_free(f.ahead);
        f.ahead = NULL;
        bg_flow_paginate(&f);
        int *now = S_dest_pages(&f);
        stable = previous && memcmp(previous, now, (f.dest_count + 3) * sizeof *now) == 0;
        free(previous);
        previous = now;
    }
    free(previous);
    if (!stable)
        bg_warning(diags, (bg_loc){.file = doc->file},
                   _("page numbers in the contents did not settle after %d passes"), MAX_PASSES);
    bg_flow_emit(&f, pages);
    pages->bleed = style->bleed;
    S_set_info(doc, pages);
    bg_pages_tag_languages(pages);
    bg_textcache_stage(); /* before the flow lets its faces go */
    S_flow_free(&f);
    return diags->errors ? -1 : 0;
}
