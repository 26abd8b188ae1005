/* para.c: inline text to shaped, broken paragraphs (see flow.h). Builds the UTF-8 string
 * and style runs of an inline (bold faces, superscript footnote marks linked to their
 * notes, cross-references printed as 表 3 / 第 2.1 节 and linked), shapes it once, breaks
 * it at the measure, and caches it by key so later passes reuse it. */
#include "flow.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUP_SCALE 0.6

typedef struct builder {
    bg_flow *flow;
    bg_buf text;
    bg_style_run *runs;
    size_t run_count, run_cap;
    char **links;
    size_t link_count, link_cap;
    int *marks;
    size_t *mark_offsets;
    size_t mark_count, mark_cap, mark_offset_cap;
} builder;

/* The Latin face that goes with one of the flow's faces (same role and weight). */
static bg_font *S_latin_for(const bg_flow *f, const bg_font *font)
{
    for (int r = 0; r < 2; r++)
        for (int w = 0; w < 2; w++)
            if (f->fonts[r][w] == font)
                return f->latin[r][w];
    return NULL;
}

static void S_append(builder *b, const char *s, bg_font *font, double size, double rise,
                     const char *link)
{
    size_t n = strlen(s);
    if (n == 0)
        return;
    const char *owned_link = NULL;
    if (link) {
        BG_GROW(b->links, b->link_cap, b->link_count + 1);
        owned_link = b->links[b->link_count++] = bg_xstrdup(link);
    }
    size_t start = b->text.len;
    bg_buf_put(&b->text, s, n);
    if (b->run_count > 0) {
        bg_style_run *last = &b->runs[b->run_count - 1];
        if (last->font == font && last->size == size && last->rise == rise && !last->link &&
            !owned_link) {
            last->end = b->text.len;
            return;
        }
    }
    BG_GROW(b->runs, b->run_cap, b->run_count + 1);
    b->runs[b->run_count++] = (bg_style_run){start, b->text.len, font, size, rise, owned_link, S_latin_for(b->flow, font)};
}

char *bg_flow_section_number(const bg_flow *f, const bg_node *n)
{
    const char *fmt = f->style->headings[n->level - 1].numbering;
    return fmt ? bg_style_number(fmt, n->numbers, n->level) : NULL;
}

char *bg_flow_caption_number(const char *fmt, int n)
{
    bg_buf b;
    bg_buf_init(&b);
    for (const char *p = fmt; *p; p++) {
        if (strncmp(p, "{n}", 3) == 0) {
            bg_buf_printf(&b, "%d", n);
            p += 2;
        } else {
            bg_buf_putc(&b, *p);
        }
    }
    return bg_buf_take(&b);
}

char *bg_flow_ref_label(const bg_flow *f, const bg_node *n)
{
    const bg_style *s = f->style;
    switch (n->type) {
    case BG_NODE_TABLE: return bg_flow_caption_number(s->caption_table, n->number);
    case BG_NODE_FIGURE: return bg_flow_caption_number(s->caption_figure, n->number);
    case BG_NODE_CASE: return bg_flow_caption_number(s->caption_case, n->number);
    case BG_NODE_SECTION: {
        char *num = bg_flow_section_number(f, n);
        char *label = bg_strprintf("第 %s 节", num ? num : "");
        free(num);
        return label;
    }
    default: return bg_xstrdup("");
    }
}

char *bg_flow_node_dest(const bg_flow *f, const bg_node *n)
{
    (void)f;
    switch (n->type) {
    case BG_NODE_SECTION: {
        bg_buf b;
        bg_buf_init(&b);
        bg_buf_puts(&b, "sec");
        for (int i = 0; i < n->level; i++)
            bg_buf_printf(&b, "%c%d", i ? '.' : '-', n->numbers[i]);
        return bg_buf_take(&b);
    }
    case BG_NODE_TABLE: return bg_strprintf("tab-%d", n->number);
    case BG_NODE_FIGURE: return bg_strprintf("fig-%d", n->number);
    case BG_NODE_CASE: return bg_strprintf("case-%d", n->number);
    default: return bg_strprintf("block-%p", (const void *)n);
    }
}

static void S_build_inline(bg_flow *f, builder *b, const bg_inline *in, const bg_text_spec *spec)
{
    for (size_t i = 0; i < in->count; i++) {
        const bg_span *s = &in->spans[i];
        bool bold = spec->bold || (s->style & BG_STYLE_BOLD);
        bg_font *font = f->fonts[spec->role][bold];
        double size = spec->size, rise = 0;
        if (s->style & BG_STYLE_SUP)
            size *= SUP_SCALE, rise = spec->size * 0.36;
        if (s->style & BG_STYLE_SUB)
            size *= SUP_SCALE, rise = -spec->size * 0.12;
        switch (s->kind) {
        case BG_SPAN_TEXT:
            S_append(b, s->text, font, size, rise, NULL);
            break;
        case BG_SPAN_REF: {
            char *label = s->resolved ? bg_flow_ref_label(f, s->resolved) : bg_xstrdup(s->target);
            char *dest = s->resolved ? bg_flow_node_dest(f, s->resolved) : NULL;
            S_append(b, label, font, size, rise, dest);
            free(label);
            free(dest);
            break;
        }
        case BG_SPAN_FOOTNOTE: {
            char num[16], dest[32];
            snprintf(num, sizeof num, "%d", bg_flow_note_label(f, s->number));
            snprintf(dest, sizeof dest, "fn-%d", s->number);
            BG_GROW(b->marks, b->mark_cap, b->mark_count + 1);
            BG_GROW(b->mark_offsets, b->mark_offset_cap, b->mark_count + 1);
            b->marks[b->mark_count] = s->number;
            b->mark_offsets[b->mark_count++] = b->text.len;
            S_append(b, num, f->fonts[spec->role][0], spec->size * SUP_SCALE, spec->size * 0.36, dest);
            break;
        }
        }
    }
}

void bg_para_free(bg_para *p)
{
    if (!p)
        return;
    bg_shaped_free(p->shaped);
    bg_lines_free(&p->lines);
    for (size_t i = 0; i < p->link_count; i++)
        free(p->links[i]);
    free(p->links);
    free(p->marks);
    free(p->mark_offsets);
    free(p);
}

static bg_para *S_cached(bg_flow *f, const void *key, int slot, double measure)
{
    if (!key)
        return NULL;
    for (size_t i = 0; i < f->cache_count; i++) {
        bg_para_cache_entry *e = &f->cache[i];
        if (e->key == key && e->slot == slot && e->measure == measure)
            return e->para;
    }
    return NULL;
}

static bg_para *S_finish(bg_flow *f, const void *key, int slot, builder *b, const bg_text_spec *spec,
                         double measure)
{
    bg_para *p = bg_xcalloc(1, sizeof *p);
    p->measure = measure;
    p->line_height = spec->line_height;
    p->size = spec->size;
    p->links = b->links;
    p->link_count = b->link_count;
    p->marks = b->marks;
    p->mark_offsets = b->mark_offsets;
    p->mark_count = b->mark_count;
    if (b->text.len == 0) {
        /* An empty paragraph still takes a line: shape one space. */
        S_append(b, " ", f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    }
    /* The grid holds body text; smaller text (cells, captions, notes) is set freely. */
    bg_typo typo = f->style->typo;
    if (spec->size != f->style->body_size)
        typo.grid_chars = 0;
    p->shaped = bg_shape_paragraph(b->text.data, b->text.len, b->runs, b->run_count, &typo, f->diags);
    if (p->shaped)
        bg_break_lines(p->shaped, measure, spec->indent, spec->align, &p->lines);
    bg_buf_free(&b->text);
    free(b->runs);
    if (key) {
        BG_GROW(f->cache, f->cache_cap, f->cache_count + 1);
        f->cache[f->cache_count++] = (bg_para_cache_entry){key, slot, measure, p};
    } else {
        BG_GROW(f->scratch, f->scratch_cap, f->scratch_count + 1);
        f->scratch[f->scratch_count++] = p;
    }
    return p;
}

int bg_flow_note_label(const bg_flow *f, int number)
{
    if (f->style->footnotes_per_page && number >= 1 && (size_t)number <= f->note_label_count &&
        f->note_labels[number - 1] > 0)
        return f->note_labels[number - 1];
    return number;
}

/* Footnote marks print per-page numbers that may change between passes: a paragraph is
 * cached per set of printed numbers, so it is shaped again only when they change. */
static int S_note_variant(const bg_flow *f, const bg_inline *in)
{
    unsigned v = 0;
    for (size_t i = 0; i < in->count; i++)
        if (in->spans[i].kind == BG_SPAN_FOOTNOTE)
            v = v * 31 + (unsigned)bg_flow_note_label(f, in->spans[i].number) - (unsigned)in->spans[i].number;
    return (int)(v & 0xFFFFF);
}

bg_para *bg_para_inline(bg_flow *f, const void *key, int slot, const bg_inline *in,
                        const char *prefix, const bg_text_spec *spec, double measure)
{
    slot += S_note_variant(f, in) << 8;
    bg_para *p = S_cached(f, key, slot, measure);
    if (p)
        return p;
    builder b = {.flow = f};
    if (prefix)
        S_append(&b, prefix, f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    S_build_inline(f, &b, in, spec);
    p = S_finish(f, key, slot, &b, spec, measure);
    if (p->lines.forced > 0) {
        const char *path = NULL;
        for (size_t i = 0; i < in->count && !path; i++)
            path = in->spans[i].path;
        bg_warning(f->diags, path ? bg_document_loc(f->doc, path) : (bg_loc){.file = f->doc->file},
                   _("a word is wider than the line; it is broken between two characters"));
    }
    return p;
}

bg_para *bg_para_plain(bg_flow *f, const void *key, int slot, const char *text,
                       const bg_text_spec *spec, double measure)
{
    bg_para *p = S_cached(f, key, slot, measure);
    if (p)
        return p;
    builder b = {.flow = f};
    S_append(&b, text, f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    return S_finish(f, key, slot, &b, spec, measure);
}

/* Footnote marks whose byte offset falls inside line `li`. */
static void S_line_marks(bg_flow *f, const bg_para *p, size_t li, bg_vitem *it)
{
    if (!p->mark_count || !p->shaped)
        return;
    const bg_line *ln = &p->lines.lines[li];
    if (ln->count == 0)
        return;
    size_t lo = p->shaped->glyphs[ln->first].cluster;
    size_t hi = p->shaped->glyphs[ln->first + ln->count - 1].cluster;
    for (size_t m = 0; m < p->mark_count; m++)
        if (p->mark_offsets[m] >= lo && p->mark_offsets[m] <= hi) {
            it->footnotes = bg_xrealloc(it->footnotes, (it->footnote_count + 1) * sizeof(int));
            it->footnotes[it->footnote_count++] = p->marks[m];
        }
    (void)f;
}

void bg_flow_push_lines(bg_flow *f, bg_para *p, double x, int box, bool keep_all)
{
    if (!p->shaped)
        return;
    size_t n = p->lines.count;
    for (size_t i = 0; i < n; i++) {
        bg_vitem *it = bg_flow_push(f, BG_V_LINE, p->line_height);
        it->para = p;
        it->line = i;
        it->x = x;
        it->baseline = (p->line_height - p->size) / 2 + 0.88 * p->size;
        it->box = box;
        /* No orphan (first line alone at a page foot), no widow (last line alone at a top). */
        it->keep_with_next = keep_all || (n >= 2 && (i == 0 || i + 2 == n));
        S_line_marks(f, p, i, it);
    }
}
