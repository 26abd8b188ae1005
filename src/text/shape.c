/* shape.c: shapes a paragraph once (shape.h): style runs split by script, each piece
 * shaped by HarfBuzz with language zh-Hans; break opportunities from breaks.c; then per
 * glyph the Chinese rules of GUIDE §6 — punctuation blanks (punct.c) squeezed between
 * adjacent marks and offered to justification and line ends, Han–Latin gaps, the points
 * where justification may add space. */
#include "shape.h"
#include "../base/i18n.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "breaks.h"
#include "chars.h"
#include "punct.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Per-glyph facts used while building, not kept. */
typedef struct {
    bg_char_class cls; /* class of the cluster's first code point */
    uint32_t cp;
    float blank_left, blank_right; /* pt, remaining adjustable blank */
} S_info;

typedef struct {
    bg_shaped *s;
    S_info *info;
    size_t cap;
    bg_loc where; /* the text's place, for warnings */
    bg_diags *diags;
} S_builder;

static bool S_script_is_han(hb_script_t sc)
{
    return sc == HB_SCRIPT_HAN || sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA ||
           sc == HB_SCRIPT_BOPOMOFO;
}

/* The script a code point asks for, or HB_SCRIPT_COMMON when any will do. */
static hb_script_t S_script_of(uint32_t cp)
{
    hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
    if (sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
        return HB_SCRIPT_COMMON;
    return S_script_is_han(sc) ? HB_SCRIPT_HAN : sc;
}

static hb_language_t S_language;
static pthread_once_t S_language_once = PTHREAD_ONCE_INIT;

static void S_language_find(void)
{
    S_language = hb_language_from_string("zh-Hans", -1);
}

hb_language_t bg_shape_language(void)
{
    pthread_once(&S_language_once, S_language_find);
    return S_language;
}

static void S_shape_piece(S_builder *b, uint32_t run_index, size_t start, size_t end, hb_script_t script)
{
    bg_shaped *s = b->s;
    const bg_style_run *run = &s->runs[run_index];
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, s->text, (int)s->len, (unsigned)start, (int)(end - start));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, script == HB_SCRIPT_COMMON ? HB_SCRIPT_HAN : script);
    hb_buffer_set_language(buf, bg_shape_language());
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(run->font->hb, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &n);
    double scale = run->size / run->font->upem;
    BG_GROW(s->glyphs, b->cap, s->count + n);
    b->info = bg_xrealloc(b->info, b->cap * sizeof *b->info);
    for (unsigned i = 0; i < n; i++) {
        bg_shaped_glyph *g = &s->glyphs[s->count];
        memset(g, 0, sizeof *g);
        g->gid = gi[i].codepoint;
        g->run = run_index;
        g->cluster = gi[i].cluster;
        g->advance = (float)(gp[i].x_advance * scale);
        g->x_offset = (float)(gp[i].x_offset * scale);
        g->y_offset = (float)(gp[i].y_offset * scale);
        size_t at = g->cluster;
        uint32_t cp = bg_utf8_next(s->text, s->len, &at);
        b->info[s->count] = (S_info){bg_char_classify(cp), cp, 0, 0};
        if (g->gid == 0 && cp != '\n' && cp != 0x2028)
            bg_warning(b->diags, b->where, _("the font %s has no glyph for U+%04X; it prints as a blank box"),
                       run->font->family, (unsigned)cp);
        s->count++;
    }
    hb_buffer_destroy(buf);
}

/* Splits each style run where the script changes and shapes the pieces. */
static void S_shape_runs(S_builder *b)
{
    bg_shaped *s = b->s;
    for (uint32_t r = 0; r < s->run_count; r++) {
        size_t i = s->runs[r].start, end = s->runs[r].end, piece = i;
        hb_script_t current = HB_SCRIPT_COMMON;
        while (i < end) {
            size_t at = i;
            hb_script_t sc = S_script_of(bg_utf8_next(s->text, end, &i));
            if (sc == HB_SCRIPT_COMMON || sc == current)
                continue;
            if (current != HB_SCRIPT_COMMON) {
                S_shape_piece(b, r, piece, at, current);
                piece = at;
            }
            current = sc;
        }
        if (piece < end)
            S_shape_piece(b, r, piece, end, current);
    }
}

/* Cluster starts and lengths, break flags from the opportunities. */
static int S_mark_clusters(S_builder *b)
{
    bg_shaped *s = b->s;
    uint8_t *brk = bg_xmalloc(s->len + 1);
    if (bg_breaks_find(s->text, s->len, s->typo.strictness, brk, b->diags) != 0) {
        free(brk);
        return -1;
    }
    for (size_t i = 0; i < s->count; i++) {
        bg_shaped_glyph *g = &s->glyphs[i];
        bool first = i == 0 || s->glyphs[i - 1].cluster != g->cluster;
        bool last = i + 1 == s->count || s->glyphs[i + 1].cluster != g->cluster;
        if (first)
            g->flags |= BG_GLYPH_CLUSTER_START;
        if (b->info[i].cls == BG_CHAR_SPACE)
            g->flags |= BG_GLYPH_SPACE;
        if (last) {
            size_t next = i + 1 < s->count ? s->glyphs[i + 1].cluster : s->len;
            size_t first_i = i;
            while (first_i > 0 && s->glyphs[first_i - 1].cluster == g->cluster)
                first_i--;
            s->glyphs[first_i].cluster_len = (uint32_t)(next - g->cluster);
            /* a raised mark (footnote, superscript) binds to the text before it */
            bool raised_next = i + 1 < s->count && s->runs[s->glyphs[i + 1].run].rise != 0 &&
                               s->runs[g->run].rise == 0;
            if (brk[next] != BG_BREAK_NONE && i + 1 < s->count && !raised_next)
                g->flags |= BG_GLYPH_BREAK_AFTER;
            if (brk[next] == BG_BREAK_HARD && i + 1 < s->count)
                g->flags |= BG_GLYPH_HARD_BREAK;
        }
    }
    free(brk);
    return 0;
}

static double S_em(const bg_shaped *s, size_t i) { return s->runs[s->glyphs[i].run].size; }

/* Removes `amount` pt of blank from glyph i's side (left moves the ink left). */
static void S_squeeze(S_builder *b, size_t i, bool left, float amount)
{
    bg_shaped_glyph *g = &b->s->glyphs[i];
    g->advance -= amount;
    g->squeeze += amount;
    if (left) {
        g->x_offset -= amount;
        b->info[i].blank_left -= amount;
    } else {
        b->info[i].blank_right -= amount;
    }
}

static bool S_style_keeps_full(bg_punct_style style, uint32_t cp)
{
    if (style == BG_PUNCT_QUANJIAO)
        return true;
    if (style == BG_PUNCT_KAIMING)
        return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
    return false;
}

/* Punctuation: measure blanks, apply the style, squeeze adjacent marks, then record what
 * is left for justification and line ends. */
static void S_punctuation(S_builder *b)
{
    bg_shaped *s = b->s;
    for (size_t i = 0; i < s->count; i++) {
        S_info *in = &b->info[i];
        bg_shaped_glyph *g = &s->glyphs[i];
        if (!bg_char_is_cjk_punct(in->cls) || !(g->flags & BG_GLYPH_CLUSTER_START) || g->cluster_len == 0)
            continue;
        bg_punct_blank blank = bg_punct_blank_of(s->runs[g->run].font, in->cp, g->gid);
        double em = S_em(s, i);
        in->blank_left = (float)(blank.left * em);
        in->blank_right = (float)(blank.right * em);
        /* On a character grid every mark keeps its full cell (grid.c). */
        if (s->typo.grid_chars > 0)
            continue;
        if (!S_style_keeps_full(s->typo.punct, in->cp) && in->cls != BG_CHAR_MIDDLE) {
            S_squeeze(b, i, true, in->blank_left);
            S_squeeze(b, i, false, in->blank_right);
        }
    }
    /* Adjacent marks: the blank between two marks is at most ½ em where one opens after
     * one closes (，“), and none where both face the same way (）。 or （“). */
    for (size_t i = 1; i < s->count && s->typo.grid_chars == 0; i++) {
        S_info *a = &b->info[i - 1], *c = &b->info[i];
        if (!bg_char_is_cjk_punct(a->cls) || !bg_char_is_cjk_punct(c->cls))
            continue;
        if (a->cls == BG_CHAR_MIDDLE || c->cls == BG_CHAR_MIDDLE)
            continue;
        float target = (a->blank_right > 0 && c->blank_left > 0) ? (float)(0.5 * S_em(s, i)) : 0;
        float excess = a->blank_right + c->blank_left - target;
        if (excess <= 0.01f)
            continue;
        float from_a = excess < a->blank_right ? excess : a->blank_right;
        S_squeeze(b, i - 1, false, from_a);
        S_squeeze(b, i, true, excess - from_a);
    }
    for (size_t i = 0; i < s->count; i++) {
        S_info *in = &b->info[i];
        bg_shaped_glyph *g = &s->glyphs[i];
        if (!bg_char_is_cjk_punct(in->cls) || in->cls == BG_CHAR_MIDDLE)
            continue;
        if (in->blank_left > in->blank_right) {
            g->flags |= BG_GLYPH_BLANK_LEFT;
            g->shrink = in->blank_left;
            g->shrink_at_start = in->blank_left;
            g->shift_at_start = in->blank_left;
        } else {
            g->shrink = in->blank_right;
            if (s->typo.line_end_adjust)
                g->shrink_at_end = in->blank_right;
        }
    }
}

static bool S_latin_like(const S_info *in)
{
    return in->cls == BG_CHAR_LATIN ||
           (in->cls == BG_CHAR_LATIN_PUNCT && (in->cp == '%' || in->cp == 0x2030 || in->cp == 0x2103 || in->cp == 0xB0));
}

/* Han–Latin gaps, and an ASCII space between Han and Latin set to the same gap. */
static void S_han_latin(S_builder *b)
{
    bg_shaped *s = b->s;
    double gap = s->typo.han_latin_gap;
    for (size_t i = 1; i < s->count; i++) {
        if (!(s->glyphs[i].flags & BG_GLYPH_CLUSTER_START))
            continue;
        S_info *prev = &b->info[i - 1], *cur = &b->info[i];
        /* superscript and subscript marks (footnotes) sit close, without a gap */
        if (s->runs[s->glyphs[i].run].rise != 0 || s->runs[s->glyphs[i - 1].run].rise != 0)
            continue;
        bool han_then_latin = prev->cls == BG_CHAR_HAN && S_latin_like(cur);
        bool latin_then_han = S_latin_like(prev) && cur->cls == BG_CHAR_HAN;
        if (han_then_latin || latin_then_han) {
            s->glyphs[i].gap_before = (float)(gap * S_em(s, i));
            continue;
        }
        /* Han, space, Latin (or the reverse): the space becomes the gap. */
        if (cur->cls == BG_CHAR_SPACE && cur->cp == ' ' && i + 1 < s->count) {
            S_info *next = &b->info[i + 1];
            if ((prev->cls == BG_CHAR_HAN && S_latin_like(next)) || (S_latin_like(prev) && next->cls == BG_CHAR_HAN))
                s->glyphs[i].advance = (float)(gap * S_em(s, i));
        }
    }
}

/* Where justification may add space: between clusters, except inside a Latin word or a
 * number (Latin text stretches only where it may break: spaces, URL breaks) and inside
 * —— and ……. */
static void S_stretch_points(S_builder *b)
{
    bg_shaped *s = b->s;
    for (size_t i = 0; i + 1 < s->count; i++) {
        if (!(s->glyphs[i + 1].flags & BG_GLYPH_CLUSTER_START))
            continue;
        S_info *a = &b->info[i], *c = &b->info[i + 1];
        bool a_latin = a->cls == BG_CHAR_LATIN || a->cls == BG_CHAR_LATIN_PUNCT;
        bool c_latin = c->cls == BG_CHAR_LATIN || c->cls == BG_CHAR_LATIN_PUNCT;
        if (a_latin && c_latin && !(s->glyphs[i].flags & BG_GLYPH_BREAK_AFTER))
            continue; /* inside a word or number; a URL stretches where it may break */
        if (a->cls == BG_CHAR_INSEP && c->cls == BG_CHAR_INSEP && a->cp == c->cp)
            continue;
        if (s->glyphs[i].flags & BG_GLYPH_HARD_BREAK)
            continue;
        s->glyphs[i].flags |= BG_GLYPH_STRETCH_AFTER;
    }
}

static void S_totals(bg_shaped *s)
{
    double total = 0, piece = 0, widest = 0;
    for (size_t i = 0; i < s->count; i++) {
        const bg_shaped_glyph *g = &s->glyphs[i];
        double w = g->advance + (piece > 0 ? g->gap_before : 0);
        total += g->advance + (i > 0 ? g->gap_before : 0);
        if (!(g->flags & BG_GLYPH_SPACE))
            piece += w;
        if (g->flags & BG_GLYPH_BREAK_AFTER) {
            double end_w = piece - g->shrink_at_end;
            widest = end_w > widest ? end_w : widest;
            piece = 0;
        }
    }
    widest = piece > widest ? piece : widest;
    s->natural_width = total;
    s->min_width = widest;
}

/* The size of the run holding the most text: the paragraph's em. */
static double S_main_size(const bg_shaped *s)
{
    size_t best = 0, best_len = 0;
    for (size_t r = 0; r < s->run_count; r++) {
        size_t n = s->runs[r].end - s->runs[r].start;
        if (n > best_len) {
            best_len = n;
            best = r;
        }
    }
    return s->run_count ? s->runs[best].size : 0;
}

static bool S_western(bg_char_class c) { return c == BG_CHAR_LATIN || c == BG_CHAR_LATIN_PUNCT; }

/* Copies the runs, splitting each run that has a Latin face where the text changes
 * between Latin (letters, digits, their punctuation) and the rest; Latin pieces take the
 * Latin face at typo.latin_scale. A space keeps the face of what precedes it. */
static void S_split_latin(bg_shaped *s, const bg_style_run *runs, size_t run_count)
{
    size_t cap = run_count ? run_count : 1;
    s->runs = bg_xmalloc(cap * sizeof *s->runs);
    s->run_count = 0;
    for (size_t r = 0; r < run_count; r++) {
        bg_style_run piece = runs[r];
        if (!runs[r].latin) {
            BG_GROW(s->runs, cap, s->run_count + 1);
            s->runs[s->run_count++] = piece;
            continue;
        }
        size_t i = runs[r].start;
        int current = -1; /* 1 western, 0 other */
        while (i < runs[r].end) {
            size_t at = i;
            bg_char_class c = bg_char_classify(bg_utf8_next(s->text, runs[r].end, &i));
            int western = c == BG_CHAR_SPACE && current >= 0 ? current : S_western(c);
            if (western == current)
                continue;
            if (current >= 0) {
                piece.end = at;
                BG_GROW(s->runs, cap, s->run_count + 1);
                s->runs[s->run_count++] = piece;
            }
            piece = runs[r];
            piece.start = at;
            if (western) {
                piece.font = runs[r].latin;
                piece.size = runs[r].size * s->typo.latin_scale;
            }
            current = western;
        }
        if (current >= 0) {
            piece.end = runs[r].end;
            BG_GROW(s->runs, cap, s->run_count + 1);
            s->runs[s->run_count++] = piece;
        }
    }
}

bg_shaped *bg_shape_paragraph(const char *text, size_t len, const bg_style_run *runs,
                              size_t run_count, const bg_typo *typo, bg_loc where, bg_diags *diags)
{
    bg_shaped *s = bg_xcalloc(1, sizeof *s);
    s->text = bg_xstrndup(text, len);
    s->len = len;
    s->typo = *typo;
    if (s->typo.latin_scale <= 0)
        s->typo.latin_scale = 1;
    S_split_latin(s, runs, run_count);
    s->em = S_main_size(s);
    S_builder b = {s, NULL, 0, where, diags};
    S_shape_runs(&b);
    if (S_mark_clusters(&b) != 0) {
        free(b.info);
        bg_shaped_free(s);
        return NULL;
    }
    S_punctuation(&b);
    S_han_latin(&b);
    S_stretch_points(&b);
    S_totals(s);
    free(b.info);
    return s;
}

void bg_shaped_free(bg_shaped *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->runs);
    free(s->glyphs);
    free(s);
}

static bool S_same_typo(const bg_typo *a, const bg_typo *b)
{
    return a->punct == b->punct && a->strictness == b->strictness && a->line_end_adjust == b->line_end_adjust &&
           a->han_latin_gap == b->han_latin_gap && a->grid_chars == b->grid_chars && a->grid_cell == b->grid_cell &&
           a->latin_scale == b->latin_scale && a->grid_hang == b->grid_hang && a->min_last == b->min_last;
}

bool bg_shape_inputs_same(const char *text_a, size_t len_a, const bg_style_run *runs_a, size_t count_a,
                          const bg_typo *typo_a, const char *text_b, size_t len_b,
                          const bg_style_run *runs_b, size_t count_b, const bg_typo *typo_b)
{
    if (len_a != len_b || count_a != count_b || (len_a && memcmp(text_a, text_b, len_a) != 0) ||
        !S_same_typo(typo_a, typo_b))
        return false;
    for (size_t i = 0; i < count_a; i++) {
        const bg_style_run *x = &runs_a[i], *y = &runs_b[i];
        if (x->start != y->start || x->end != y->end || x->font != y->font || x->latin != y->latin ||
            x->size != y->size || x->rise != y->rise || !x->link != !y->link ||
            (x->link && strcmp(x->link, y->link) != 0))
            return false;
    }
    return true;
}

void bg_style_runs_free(bg_style_run *runs, size_t count)
{
    for (size_t i = 0; runs && i < count; i++)
        free((char *)runs[i].link);
    free(runs);
}

size_t *bg_shaped_run_sources(const bg_shaped *s, const bg_style_run *runs, size_t run_count)
{
    size_t *src = bg_xcalloc(s->run_count ? s->run_count : 1, sizeof *src);
    size_t r = 0;
    for (size_t j = 0; j < s->run_count; j++) {
        while (r + 1 < run_count && runs[r].end <= s->runs[j].start && runs[r + 1].start <= s->runs[j].start)
            r++;
        src[j] = r;
    }
    return src;
}

bg_shaped *bg_shaped_copy(const bg_shaped *m, const size_t *run_src, const bg_style_run *runs)
{
    bg_shaped *s = bg_xmalloc(sizeof *s);
    *s = *m;
    s->text = bg_xstrndup(m->text, m->len);
    s->runs = bg_xmalloc((m->run_count ? m->run_count : 1) * sizeof *s->runs);
    memcpy(s->runs, m->runs, m->run_count * sizeof *s->runs);
    for (size_t j = 0; j < m->run_count; j++)
        s->runs[j].link = runs ? runs[run_src[j]].link : NULL;
    s->glyphs = m->glyphs ? bg_xmalloc((m->count ? m->count : 1) * sizeof *s->glyphs) : NULL;
    if (m->glyphs)
        memcpy(s->glyphs, m->glyphs, m->count * sizeof *s->glyphs);
    return s;
}
