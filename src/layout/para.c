/* para.c: inline text to shaped, broken paragraphs (see flow.h). Builds the UTF-8 string
 * and style runs of an inline (bold faces, superscript footnote marks linked to their
 * notes, cross-references printed as 表 3 / 第 2.1 节 and linked), shapes it once, breaks
 * it at the measure, and caches it by key so later passes reuse it. */
#include "ahead.h"
#include "flow.h"
#include "textcache.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <stdint.h>
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
    const char *path; /* the text's JSON path for diagnostics, or NULL; not owned */
} builder;

/* The Latin face that goes with one of the flow's faces (same role and weight). */
static bg_font *S_latin_for(const bg_flow *f, const bg_font *font)
{
    for (int r = 0; r < BG_ROLE_COUNT; r++)
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

/* The width of the box a note's number is set in: the widest number a note may print
 * and half an em, so that the text of every note starts at the same x. */
static double S_note_box(bg_flow *f, const bg_text_spec *spec)
{
    char widest[16];
    int most = f->doc->footnote_count > 0 ? f->doc->footnote_count : 1;
    if (f->style->footnotes_circled)
        snprintf(widest, sizeof widest, "%s", most > 20 ? "88" : "\u2460");
    else
        snprintf(widest, sizeof widest, "%d", most);
    for (char *d = widest; *d; d++)
        if (*d >= '0' && *d <= '9')
            *d = '8';
    bg_para *p = bg_para_plain(f, NULL, 0, widest, spec, 0);
    double w = p->shaped ? p->shaped->natural_width : spec->size;
    return w + spec->size * 0.5;
}

void bg_flow_footnotes_of(bg_flow *f, const bg_inline *in)
{
    const bg_style *s = f->style;
    for (size_t i = 0; i < in->count; i++) {
        const bg_span *sp = &in->spans[i];
        if (sp->kind != BG_SPAN_FOOTNOTE)
            continue;
        size_t k = (size_t)sp->number - 1;
        BG_GROW(f->footnotes, f->footnote_cap, k + 1);
        while (f->footnote_count <= k)
            memset(&f->footnotes[f->footnote_count++], 0, sizeof(bg_footnote));
        bg_text_spec spec = {BG_ROLE_BODY, false, s->small_size, s->small_size * 1.5, 0,
                             BG_ALIGN_JUSTIFY, false};
        bg_text_spec left = spec;
        left.align = BG_ALIGN_LEFT;
        double box = S_note_box(f, &left);
        char *label = bg_flow_note_text(f, sp->number);
        bg_para *num = bg_para_plain(f, NULL, 0, label, &left, box * 4);
        free(label);
        bg_para *p = bg_para_inline(f, sp, 0, sp->note, NULL, &spec, f->text_width - box);
        char dest[32];
        snprintf(dest, sizeof dest, "fn-%d", sp->number);
        f->footnotes[k] = (bg_footnote){p, num, box, p->lines.count * spec.line_height, bg_flow_dest_add(f, dest), 0, 0, 0};
        /* The note follows the block of its mark in the structure; its ID is what the
         * mark's Reference points at. */
        unsigned note = bg_flow_tag(f, BG_TAG_NOTE, f->tag_parent);
        f->tags[note].id = bg_xstrdup(dest);
        f->footnotes[k].tag = note;
        f->footnotes[k].label = bg_flow_tag(f, BG_TAG_LBL, note); /* its number */
        /* Pagination splits a note over two pages at most; a longer one would be set
         * above the page top. */
        if (f->footnotes[k].height > f->text_height / 2)
            bg_error(f->diags, sp->path ? bg_document_loc(f->doc, sp->path) : (bg_loc){.file = f->doc->file},
                     _("footnote %d is %zu lines long, more than half a page holds; move its text into the body"),
                     sp->number, p->lines.count);
        bg_flow_footnotes_of(f, sp->note);
    }
}

/* The number of n's section at level l (n itself or a parent: n->numbers holds the path),
 * in that level's numbering; NULL when the level is unnumbered. */
static char *S_level_number(const bg_flow *f, const bg_node *n, int l)
{
    const char *fmt = f->style->headings[l - 1].numbering;
    return fmt ? bg_style_number(fmt, n->numbers, l) : NULL;
}

char *bg_flow_section_number(const bg_flow *f, const bg_node *n)
{
    return S_level_number(f, n, n->level);
}

/* The length of a section number without the heading's own separator after it:
 * 一、 → 一, 1. → 1 (NULL: 0). */
static size_t S_number_len(const char *num)
{
    size_t len = num ? strlen(num) : 0;
    for (bool cut = true; cut && len > 0;) {
        cut = false;
        static const char *const seps[] = {"、", "．", ".", " ", "　"};
        for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
            size_t k = strlen(seps[i]);
            if (len >= k && memcmp(num + len - k, seps[i], k) == 0) {
                len -= k;
                cut = true;
            }
        }
    }
    return len;
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
        const bg_heading_style *h = &s->headings[n->level - 1];
        if (h->ref)
            return bg_style_number(h->ref, n->numbers, n->level);
        /* A number that holds its parents' (2.1), or a level 1 number, is the section's:
         * 第 2.1 节, 第一节; one that does not （一） is ambiguous alone: the path of every
         * level's number, 一（一）, never 第（一）节. */
        bool full = h->numbering && (n->level == 1 || strstr(h->numbering, "{1") != NULL);
        if (!h->numbering) { /* an unnumbered level: its title */
            char *title = bg_inline_plain(&n->title);
            char *label = bg_strprintf("“%s”", title);
            free(title);
            return label;
        }
        bg_buf b;
        bg_buf_init(&b);
        for (int l = full ? n->level : 1; l <= n->level; l++) {
            char *num = S_level_number(f, n, l);
            bg_buf_put(&b, num ? num : "", S_number_len(num));
            free(num);
        }
        char *path = bg_buf_take(&b);
        size_t len = strlen(path);
        char *label;
        if (len == 0) { /* an unnumbered level: its title */
            char *title = bg_inline_plain(&n->title);
            label = bg_strprintf("“%s”", title);
            free(title);
        } else if (!full)
            label = bg_xstrdup(path);
        else if ((unsigned char)path[0] < 0x80 && (unsigned char)path[len - 1] < 0x80)
            label = bg_strprintf("第 %s 节", path); /* digits: a quarter em either side */
        else
            label = bg_strprintf("第%s节", path); /* 第一节: no blank */
        free(path);
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
            char dest[32];
            char *num = bg_flow_note_text(f, s->number);
            snprintf(dest, sizeof dest, "fn-%d", s->number);
            BG_GROW(b->marks, b->mark_cap, b->mark_count + 1);
            BG_GROW(b->mark_offsets, b->mark_offset_cap, b->mark_count + 1);
            b->marks[b->mark_count] = s->number;
            b->mark_offsets[b->mark_count++] = b->text.len;
            S_append(b, num, f->fonts[spec->role][0], spec->size * SUP_SCALE, spec->size * 0.36, dest);
            free(num);
            break;
        }
        }
    }
}

void bg_para_free(bg_para *p)
{
    if (!p)
        return;
    bg_lines_free(&p->lines);
    if (p->borrowed) {
        free(p);
        return;
    }
    bg_shaped_free(p->shaped);
    for (size_t i = 0; i < p->link_count; i++)
        free(p->links[i]);
    free(p->links);
    free(p->marks);
    free(p->mark_offsets);
    free(p);
}

/* The paragraph cache's hash: a million-row table is a million cells, and the linear
 * search it replaces made such a build never finish. */
static uint64_t S_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

static uint64_t S_double_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint64_t S_key_hash(const void *key, int slot)
{
    return S_mix(S_mix(0x51ed270b27bd4c5bull, (uint64_t)(uintptr_t)key), (uint64_t)(unsigned)slot);
}

static uint64_t S_text_hash(const char *text, const bg_text_spec *spec, double measure)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    h = S_mix(h, (uint64_t)spec->role * 2 + spec->bold);
    h = S_mix(h, S_double_bits(spec->size));
    h = S_mix(h, S_double_bits(spec->line_height));
    h = S_mix(h, S_double_bits(spec->indent));
    h = S_mix(h, (uint64_t)spec->align * 2 + spec->off_grid);
    return S_mix(h, S_double_bits(measure));
}

static bool S_same_spec(const bg_para_cache_entry *e, const bg_text_spec *spec)
{
    return e->role == (int)spec->role && e->bold == spec->bold && e->size == spec->size &&
           e->line_height == spec->line_height && e->indent == spec->indent && e->align == (int)spec->align &&
           e->off_grid == spec->off_grid;
}

/* Slot of the entry matching `match` in an index, or of the empty slot to fill. */
typedef bool (*S_match_fn)(const bg_para_cache_entry *e, const void *a, const void *b, double m);

static size_t S_probe(const bg_flow *f, const size_t *index, uint64_t hash, S_match_fn match,
                      const void *a, const void *b, double m)
{
    size_t mask = f->cache_index_cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask)
        if (!index[i] || match(&f->cache[index[i] - 1], a, b, m))
            return i;
}

static bool S_match_keyed(const bg_para_cache_entry *e, const void *key, const void *slot, double m)
{
    return e->key == key && !e->text && e->slot == *(const int *)slot && e->measure == m;
}

static bool S_match_shape(const bg_para_cache_entry *e, const void *key, const void *slot, double m)
{
    (void)m;
    return e->key == key && !e->text && e->slot == *(const int *)slot;
}

static bool S_match_text(const bg_para_cache_entry *e, const void *text, const void *spec, double m)
{
    return e->text && e->measure == m && strcmp(e->text, text) == 0 && S_same_spec(e, spec);
}

static uint64_t S_entry_hash(const bg_para_cache_entry *e)
{
    return e->text ? e->hash : S_mix(S_key_hash(e->key, e->slot), S_double_bits(e->measure));
}

/* Puts entry i into the indexes (a keyed one also as the shaping of its (key, slot)). */
static void S_index_add(bg_flow *f, size_t i)
{
    const bg_para_cache_entry *e = &f->cache[i];
    f->cache_index[S_probe(f, f->cache_index, S_entry_hash(e), S_match_keyed, e->key, &e->slot, e->measure)] = i + 1;
    if (!e->text) {
        size_t at = S_probe(f, f->shape_index, S_key_hash(e->key, e->slot), S_match_shape, e->key, &e->slot, 0);
        if (!f->shape_index[at])
            f->shape_index[at] = i + 1;
    }
}

static void S_rehash(bg_flow *f)
{
    size_t cap = f->cache_index_cap ? f->cache_index_cap * 2 : 256;
    free(f->cache_index);
    free(f->shape_index);
    f->cache_index = bg_xcalloc(cap, sizeof *f->cache_index);
    f->shape_index = bg_xcalloc(cap, sizeof *f->shape_index);
    f->cache_index_cap = cap;
    for (size_t i = 0; i < f->cache_count; i++)
        S_index_add(f, i);
}

static bg_para *S_cached(bg_flow *f, const void *key, int slot, double measure)
{
    if (!key || !f->cache_index_cap)
        return NULL;
    uint64_t h = S_mix(S_key_hash(key, slot), S_double_bits(measure));
    size_t i = f->cache_index[S_probe(f, f->cache_index, h, S_match_keyed, key, &slot, measure)];
    return i ? f->cache[i - 1].para : NULL;
}

static bg_para *S_cached_text(bg_flow *f, const char *text, const bg_text_spec *spec, double measure)
{
    if (!f->cache_index_cap)
        return NULL;
    uint64_t h = S_text_hash(text, spec, measure);
    size_t i = f->cache_index[S_probe(f, f->cache_index, h, S_match_text, text, spec, measure)];
    return i ? f->cache[i - 1].para : NULL;
}

/* Whether src was shaped from exactly the text and runs b holds. */
static bool S_same_source(const bg_para *src, const builder *b)
{
    const bg_shaped *sh = src->shaped;
    if (!sh || sh->len != b->text.len || sh->run_count != b->run_count ||
        (b->text.len && memcmp(sh->text, b->text.data, b->text.len) != 0))
        return false;
    for (size_t i = 0; i < b->run_count; i++) {
        const bg_style_run *x = &sh->runs[i], *y = &b->runs[i];
        if (x->start != y->start || x->end != y->end || x->font != y->font || x->size != y->size ||
            x->rise != y->rise || x->latin != y->latin || !x->link != !y->link ||
            (x->link && strcmp(x->link, y->link) != 0))
            return false;
    }
    return true;
}

static void S_builder_free(builder *b)
{
    bg_buf_free(&b->text);
    free(b->runs);
    for (size_t i = 0; i < b->link_count; i++)
        free(b->links[i]);
    free(b->links);
    free(b->marks);
    free(b->mark_offsets);
}

/* A paragraph with the same key and slot shaped with the same face and size, at another
 * measure, or NULL; the caller still checks that it was shaped from the same text. */
static bg_para *S_shaped_as(bg_flow *f, const void *key, int slot, const bg_text_spec *spec)
{
    if (!key || !f->cache_index_cap)
        return NULL;
    size_t i = f->shape_index[S_probe(f, f->shape_index, S_key_hash(key, slot), S_match_shape, key, &slot, 0)];
    if (!i)
        return NULL;
    const bg_para_cache_entry *e = &f->cache[i - 1];
    return e->role == (int)spec->role && e->bold == spec->bold && e->size == spec->size &&
                   e->off_grid == spec->off_grid
               ? e->para
               : NULL;
}

static void S_store(bg_flow *f, const void *key, int slot, const char *text, const bg_text_spec *spec,
                    double measure, bg_para *p)
{
    if ((f->cache_count + 1) * 2 > f->cache_index_cap)
        S_rehash(f);
    BG_GROW(f->cache, f->cache_cap, f->cache_count + 1);
    bg_para_cache_entry *e = &f->cache[f->cache_count];
    *e = (bg_para_cache_entry){key, slot, measure, p, text ? bg_xstrdup(text) : NULL, 0,
                               (int)spec->role, spec->bold, spec->size, spec->line_height, spec->indent,
                               (int)spec->align, spec->off_grid};
    if (text) {
        e->hash = S_text_hash(text, spec, measure);
        f->cache_index[S_probe(f, f->cache_index, e->hash, S_match_text, text, spec, measure)] = f->cache_count + 1;
    } else {
        S_index_add(f, f->cache_count);
    }
    f->cache_count++;
}

/* Breaks p's lines at measure (none at measure 0). */
static void S_break(bg_para *p, const bg_text_spec *spec, double measure)
{
    if (p->shaped && measure > 0)
        bg_textcache_break(p->memo, p->shaped, measure, spec->indent, spec->align, &p->lines);
}

/* A paragraph sharing the shaping of src, broken at measure; cached under (key, slot). */
static bg_para *S_rebreak(bg_flow *f, const bg_para *src, const void *key, int slot,
                          const bg_text_spec *spec, double measure)
{
    bg_para *p = bg_xcalloc(1, sizeof *p);
    *p = *src;
    memset(&p->lines, 0, sizeof p->lines);
    p->borrowed = true;
    p->measure = measure;
    p->line_height = spec->line_height;
    S_break(p, spec, measure);
    S_store(f, key, slot, NULL, spec, measure, p);
    return p;
}

/* The typographic settings a text of spec is shaped with: the grid holds body text;
 * smaller text (cells, captions, notes) is set freely. */
static bg_typo S_typo(const bg_flow *f, const bg_text_spec *spec)
{
    bg_typo typo = f->style->typo;
    if (spec->size != f->style->body_size || spec->off_grid)
        typo.grid_chars = 0;
    return typo;
}

/* Gives p what the thread shaping ahead made of (key, slot), when it shaped exactly b's
 * text and runs with typo, and its lines too when it broke them as p is to be broken.
 * Copies, made on this thread: memory the thread allocated goes back to its own malloc
 * arena when freed, where the layout and the writer could not use it again (at 30× the
 * report's size, moving the thread's paragraphs raised the peak from 124 to 146 MiB). */
static bool S_take_ahead(const bg_ahead_made *m, bool same_break, const builder *b, const bg_typo *typo,
                         const bg_text_spec *spec, double measure, bg_para *p)
{
    if (!m->shaped || !bg_shape_inputs_same(m->text, m->len, m->runs, m->run_count, &m->typo, b->text.data,
                                            b->text.len, b->runs, b->run_count, typo))
        return false;
    p->shaped = bg_shaped_copy(m->shaped, m->run_src, b->runs); /* linked to this paragraph's names */
    /* kept for the next build too, when this one keeps its text (textcache.h) */
    p->memo = bg_textcache_record(b->text.data, b->text.len, b->runs, b->run_count, typo, p->shaped);
    if (same_break) {
        bg_lines_copy(&p->lines, &m->lines, m->shaped->count);
        if (measure > 0)
            bg_textcache_record_lines(p->memo, m->shaped->count, measure, spec->indent, spec->align, &p->lines);
    } else {
        S_break(p, spec, measure);
    }
    return true;
}

static bg_para *S_finish(bg_flow *f, const void *key, int slot, const char *text, builder *b,
                         const bg_text_spec *spec, double measure)
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
    bg_typo typo = S_typo(f, spec);
    bg_ahead_job *job = key ? bg_ahead_claim(f->ahead, key, slot) : NULL;
    if (!job || !S_take_ahead(&job->made,
                              job->measure == measure && job->spec.indent == spec->indent &&
                                  job->spec.align == spec->align,
                              b, &typo, spec, measure, p)) {
        bg_loc where = b->path ? bg_document_loc(f->doc, b->path) : (bg_loc){.file = f->doc->file};
        p->shaped = bg_textcache_shape(b->text.data, b->text.len, b->runs, b->run_count, &typo, where, f->diags,
                                       &p->memo);
        S_break(p, spec, measure);
    }
    if (job)
        bg_ahead_made_free(&job->made);
    bg_buf_free(&b->text);
    free(b->runs);
    if (key || text) {
        S_store(f, key, slot, text, spec, measure, p);
    } else {
        BG_GROW(f->scratch, f->scratch_cap, f->scratch_count + 1);
        f->scratch[f->scratch_count++] = p;
    }
    return p;
}

void bg_para_make_ahead(bg_flow *f, bg_ahead_job *job)
{
    const bg_text_spec *spec = &job->spec;
    builder b = {.flow = f};
    if (job->prefix)
        S_append(&b, job->prefix, f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    S_build_inline(f, &b, job->in, spec);
    if (b.text.len == 0)
        S_append(&b, " ", f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    bg_ahead_made *m = &job->made;
    m->typo = S_typo(f, spec);
    /* A sink of its own: one shared by the texts would drop a second text's warning as a
     * repeat of the first's (both have the same place, the file), and that text would be
     * taken as if shaping had said nothing. */
    bg_diags said;
    bg_diags_init(&said);
    bg_shaped *s = bg_shape_paragraph(b.text.data, b.text.len, b.runs, b.run_count, &m->typo,
                                      (bg_loc){.file = f->doc->file}, &said);
    bool quiet = said.count == 0;
    bg_diags_free(&said);
    if (s && quiet) {
        m->shaped = s;
        m->run_src = bg_shaped_run_sources(s, b.runs, b.run_count);
        if (job->measure > 0)
            bg_break_lines(s, job->measure, spec->indent, spec->align, &m->lines);
    } else {
        bg_shaped_free(s); /* the layout shapes it again and reports it */
    }
    m->len = b.text.len;
    m->text = bg_buf_take(&b.text);
    m->runs = b.runs; /* each link name is in one run: the runs own them now */
    m->run_count = b.run_count;
    free(b.links);
    free(b.marks);
    free(b.mark_offsets);
}

int bg_flow_note_label(const bg_flow *f, int number)
{
    if (f->style->footnotes_per_page && number >= 1 && (size_t)number <= f->note_label_count &&
        f->note_labels[number - 1] > 0)
        return f->note_labels[number - 1];
    return number;
}

char *bg_flow_note_text(const bg_flow *f, int number)
{
    int label = bg_flow_note_label(f, number);
    if (f->style->footnotes_circled && label >= 1 && label <= 20) {
        char buf[8];
        buf[bg_utf8_encode(0x2460 + (uint32_t)(label - 1), buf)] = 0; /* ① … ⑳ */
        return bg_xstrdup(buf);
    }
    return bg_strprintf("%d", label);
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
    for (size_t i = 0; i < in->count && !b.path; i++)
        b.path = in->spans[i].path;
    if (prefix)
        S_append(&b, prefix, f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    S_build_inline(f, &b, in, spec);
    const bg_para *shaped = S_shaped_as(f, key, slot, spec);
    if (shaped && S_same_source(shaped, &b)) {
        S_builder_free(&b);
        p = S_rebreak(f, shaped, key, slot, spec, measure);
    } else {
        p = S_finish(f, key, slot, NULL, &b, spec, measure);
    }
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
    bg_para *p = key ? S_cached(f, key, slot, measure) : S_cached_text(f, text, spec, measure);
    if (p)
        return p;
    builder b = {.flow = f};
    S_append(&b, text, f->fonts[spec->role][spec->bold], spec->size, 0, NULL);
    const bg_para *shaped = S_shaped_as(f, key, slot, spec);
    if (shaped && S_same_source(shaped, &b)) {
        S_builder_free(&b);
        return S_rebreak(f, shaped, key, slot, spec, measure);
    }
    return S_finish(f, key, slot, key ? NULL : text, &b, spec, measure);
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
