/* textcache.c: shaped and broken paragraphs kept between builds (see textcache.h). One
 * entry per shaping: the key (text, the caller's style runs with their link names copied,
 * the typo), the shaped paragraph as shaping made it (its runs' links cleared: they are
 * the caller's strings), which caller run each shaped run came from, and the breakings
 * made of it. A hit hands out copies, so the build owns and may change (label_end) what
 * it gets exactly as if it had shaped it; comparing whole keys, never only a hash, keeps
 * the output bytes those of a fresh build. Measured on the 2023 report: shaping and
 * breaking were 41% of a `watch` rebuild. */
#include "textcache.h"
#include "textcache_impl.h"
#include "../base/slots.h"
#include "../base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool S_on;    /* lookups and new entries: `watch`, or a build that keeps text on disk */
static bool S_watch; /* bg_textcache_enable: kept for the rest of the process */
static bool S_dirty; /* this build added an entry or a breaking */
static unsigned S_build = 1;
static bg_textcache_entry **S_entries;
static size_t S_count, S_cap;
static bg_slots S_index; /* entries by hash */

void bg_textcache_enable(void)
{
    S_on = S_watch = true;
}

bool bg_textcache_enabled(void)
{
    return S_watch;
}

void bg_textcache_on_(bool on)
{
    S_on = on || S_watch;
}

static uint64_t S_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

static uint64_t S_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint64_t S_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static uint64_t S_hash(const char *text, size_t len, const bg_style_run *runs, size_t run_count, const bg_typo *t)
{
    uint64_t h = S_bytes(1469598103934665603ull, text, len);
    for (size_t i = 0; i < run_count; i++) {
        const bg_style_run *r = &runs[i];
        h = S_mix(h, r->start);
        h = S_mix(h, r->end);
        h = S_mix(h, (uint64_t)(uintptr_t)r->font);
        h = S_mix(h, (uint64_t)(uintptr_t)r->latin);
        h = S_mix(h, S_bits(r->size));
        h = S_mix(h, S_bits(r->rise));
        if (r->link)
            h = S_mix(h, S_bytes(7, r->link, strlen(r->link)));
    }
    h = S_mix(h, (uint64_t)t->punct * 16 + (uint64_t)t->strictness * 2 + t->line_end_adjust);
    h = S_mix(h, S_bits(t->han_latin_gap));
    h = S_mix(h, (uint64_t)(unsigned)t->grid_chars);
    h = S_mix(h, S_bits(t->grid_cell));
    h = S_mix(h, S_bits(t->latin_scale));
    h = S_mix(h, (uint64_t)t->grid_hang * 0x10000 + (uint64_t)(unsigned)t->min_last);
    return h;
}

static bool S_matches(const bg_textcache_entry *e, uint64_t hash, const char *text, size_t len,
                      const bg_style_run *runs, size_t run_count, const bg_typo *typo)
{
    return e->hash == hash &&
           bg_shape_inputs_same(e->text, e->len, e->runs, e->run_count, &e->typo, text, len, runs, run_count, typo);
}

static void S_entry_free(bg_textcache_entry *e)
{
    free(e->text);
    bg_style_runs_free(e->runs, e->run_count);
    bg_shaped_free(e->shaped);
    free(e->run_src);
    for (size_t i = 0; i < e->break_count; i++)
        bg_lines_free(&e->breaks[i].lines);
    free(e->breaks);
    free(e);
}

/* A key looked up: what S_matches compares. */
typedef struct S_key {
    uint64_t hash;
    const char *text;
    size_t len;
    const bg_style_run *runs;
    size_t run_count;
    const bg_typo *typo;
} S_key;

static bool S_same(size_t entry, const void *key)
{
    const S_key *k = key;
    return S_matches(S_entries[entry], k->hash, k->text, k->len, k->runs, k->run_count, k->typo);
}

static uint64_t S_hash_of(size_t entry)
{
    return S_entries[entry]->hash;
}


/* The entry for (text, runs, typo) in the index, or NULL. */
static bg_textcache_entry *S_find(uint64_t hash, const char *text, size_t len, const bg_style_run *runs,
                                  size_t run_count, const bg_typo *typo)
{
    if (!S_index.cap)
        return NULL;
    S_key k = {hash, text, len, runs, run_count, typo};
    size_t at = S_index.slot[bg_slots_find(&S_index, hash, S_same, &k)];
    return at ? S_entries[at - 1] : NULL;
}

/* Adds e, whose hash is set and whose key is not in the index yet. */
static void S_put(bg_textcache_entry *e)
{
    bg_slots_reserve(&S_index, S_count, S_hash_of);
    BG_GROW(S_entries, S_cap, S_count + 1);
    S_entries[S_count++] = e;
    S_key k = {e->hash, e->text, e->len, e->runs, e->run_count, &e->typo};
    S_index.slot[bg_slots_find(&S_index, e->hash, S_same, &k)] = S_count;
}

/* A new entry for the shaping s of (text, runs, typo). */
static bg_textcache_entry *S_add(uint64_t hash, const char *text, size_t len, const bg_style_run *runs,
                                 size_t run_count, const bg_typo *typo, const bg_shaped *s)
{
    bg_textcache_entry *e = bg_xcalloc(1, sizeof *e);
    e->hash = hash;
    e->text = bg_xstrndup(text, len);
    e->len = len;
    e->runs = bg_xmalloc((run_count ? run_count : 1) * sizeof *e->runs);
    e->run_count = run_count;
    for (size_t i = 0; i < run_count; i++) {
        e->runs[i] = runs[i];
        e->runs[i].link = runs[i].link ? bg_xstrdup(runs[i].link) : NULL;
    }
    e->typo = *typo;
    e->used = S_build;
    S_dirty = true;
    e->run_src = bg_shaped_run_sources(s, runs, run_count);
    e->shaped = bg_shaped_copy(s, e->run_src, NULL);
    S_put(e);
    return e;
}

/* e's breaking at (measure, indent, align), marked used by this build, or NULL. */
static S_breaking *S_breaking_find(bg_textcache_entry *e, double measure, double indent, bg_align align)
{
    for (size_t i = 0; i < e->break_count; i++) {
        S_breaking *b = &e->breaks[i];
        if (b->measure == measure && b->indent == indent && b->align == align) {
            b->used = S_build;
            return b;
        }
    }
    return NULL;
}

/* Keeps a copy of lines (of a paragraph of `glyphs` glyphs) as e's breaking. */
static void S_breaking_add(bg_textcache_entry *e, double measure, double indent, bg_align align,
                           const bg_lines *lines, size_t glyphs)
{
    BG_GROW(e->breaks, e->break_cap, e->break_count + 1);
    S_breaking *b = &e->breaks[e->break_count++];
    *b = (S_breaking){measure, indent, align, {0}, S_build};
    bg_lines_copy(&b->lines, lines, glyphs);
    S_dirty = true;
}

bg_shaped *bg_textcache_shape(const char *text, size_t len, const bg_style_run *runs, size_t run_count,
                              const bg_typo *typo, bg_loc where, bg_diags *diags, bg_textcache_entry **entry)
{
    *entry = NULL;
    if (!S_on)
        return bg_shape_paragraph(text, len, runs, run_count, typo, where, diags);
    uint64_t hash = S_hash(text, len, runs, run_count, typo);
    bg_textcache_entry *e = S_find(hash, text, len, runs, run_count, typo);
    if (e) {
        e->used = S_build;
        *entry = e;
        return bg_shaped_copy(e->shaped, e->run_src, runs);
    }
    size_t before = diags ? diags->count : 0;
    bg_shaped *s = bg_shape_paragraph(text, len, runs, run_count, typo, where, diags);
    if (s && (!diags || diags->count == before))
        *entry = S_add(hash, text, len, runs, run_count, typo, s);
    return s;
}

int bg_textcache_break(bg_textcache_entry *e, const bg_shaped *s, double measure, double first_indent,
                       bg_align align, bg_lines *out)
{
    if (!e)
        return bg_break_lines(s, measure, first_indent, align, out);
    const S_breaking *b = S_breaking_find(e, measure, first_indent, align);
    if (b) {
        bg_lines_copy(out, &b->lines, s->count);
        return 0;
    }
    int rc = bg_break_lines(s, measure, first_indent, align, out);
    if (rc == 0)
        S_breaking_add(e, measure, first_indent, align, out, s->count);
    return rc;
}

bg_textcache_entry *bg_textcache_record(const char *text, size_t len, const bg_style_run *runs, size_t run_count,
                                        const bg_typo *typo, const bg_shaped *s)
{
    if (!S_on || !s)
        return NULL;
    uint64_t hash = S_hash(text, len, runs, run_count, typo);
    bg_textcache_entry *e = S_find(hash, text, len, runs, run_count, typo);
    if (e) {
        e->used = S_build;
        return e;
    }
    return S_add(hash, text, len, runs, run_count, typo, s);
}

void bg_textcache_record_lines(bg_textcache_entry *e, size_t glyphs, double measure, double first_indent,
                               bg_align align, const bg_lines *lines)
{
    if (e && !S_breaking_find(e, measure, first_indent, align))
        S_breaking_add(e, measure, first_indent, align, lines, glyphs);
}

bool bg_textcache_insert_(bg_textcache_entry *e)
{
    e->hash = S_hash(e->text, e->len, e->runs, e->run_count, &e->typo);
    if (S_find(e->hash, e->text, e->len, e->runs, e->run_count, &e->typo))
        return false;
    S_put(e);
    return true;
}

bg_textcache_entry **bg_textcache_take_(size_t *count)
{
    bg_textcache_entry **entries = S_entries;
    *count = S_count;
    S_entries = NULL;
    S_count = S_cap = 0;
    bg_slots_free(&S_index);
    S_dirty = false;
    return entries;
}

unsigned bg_textcache_build_(void)
{
    return S_build;
}

bool bg_textcache_dirty_(void)
{
    if (S_dirty)
        return true;
    for (size_t k = 0; k < S_count; k++) {
        const bg_textcache_entry *e = S_entries[k];
        if (e->used != S_build)
            return true;
        for (size_t i = 0; i < e->break_count; i++)
            if (e->breaks[i].used != S_build)
                return true;
    }
    return false;
}

void bg_textcache_entry_free_(bg_textcache_entry *e)
{
    S_entry_free(e);
}

void bg_textcache_sweep(void)
{
    size_t kept = 0;
    for (size_t k = 0; k < S_count; k++) {
        bg_textcache_entry *e = S_entries[k];
        if (e->used != S_build) {
            S_entry_free(e);
            continue;
        }
        size_t n = 0;
        for (size_t i = 0; i < e->break_count; i++) {
            if (e->breaks[i].used == S_build)
                e->breaks[n++] = e->breaks[i];
            else
                bg_lines_free(&e->breaks[i].lines);
        }
        e->break_count = n;
        S_entries[kept++] = e;
    }
    S_count = kept;
    bg_slots_rebuild(&S_index, S_count, S_hash_of);
    S_build++;
    S_dirty = false;
}

void bg_textcache_free(void)
{
    for (size_t k = 0; k < S_count; k++)
        S_entry_free(S_entries[k]);
    free(S_entries);
    bg_slots_free(&S_index);
    S_entries = NULL;
    S_count = S_cap = 0;
    S_dirty = false;
}
