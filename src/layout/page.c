/* page.c: building and freeing pages of positioned items, and their digests (see page.h). */
#include "page.h"
#include "../base/buf.h"
#include "../base/sha256.h"
#include "../base/utf8.h"
#include "../text/chars.h"
#include "../base/xalloc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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
        for (size_t k = 0; k < p->pages[i].cell_count; k++) {
            bg_page_cell *c = &p->pages[i].cells[k];
            free(c->table);
            free(c->label);
            free(c->row);
            free(c->column);
            free(c->value);
        }
        free(p->pages[i].cells);
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
    bg_tags_free(p->tags, p->tag_count);
    memset(p, 0, sizeof *p);
}

bg_page *bg_pages_add(bg_pages *p, double width, double height)
{
    BG_GROW(p->pages, p->cap, p->count + 1);
    bg_page *page = &p->pages[p->count++];
    memset(page, 0, sizeof *page);
    page->owner = p;
    page->width = width;
    page->height = height;
    page->furniture = SIZE_MAX;
    return page;
}

bg_item *bg_page_add(bg_page *page, bg_item_kind kind)
{
    BG_GROW(page->items, page->cap, page->count + 1);
    bg_item *it = &page->items[page->count++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->tag = page->tag;
    it->artifact = page->artifact;
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

enum { S_LATIN = 1, S_OTHER = 2 }; /* the letters an element's text holds */

static unsigned S_letters(const char *s)
{
    unsigned seen = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n && seen != (S_LATIN | S_OTHER);) {
        bg_letter_script k = bg_char_letter_script(bg_utf8_next(s, n, &i));
        seen |= k == BG_LETTER_LATIN ? S_LATIN : k == BG_LETTER_OTHER ? S_OTHER : 0;
    }
    return seen;
}


void bg_glyphs_pack(bg_buf *b, const bg_placed_glyph *glyphs, size_t count)
{
    enum { G = sizeof(uint32_t) + 2 * sizeof(float) };
    char pack[64 * G];
    for (size_t i = 0; i < count; i += 64) {
        size_t n = count - i < 64 ? count - i : 64;
        for (size_t k = 0; k < n; k++) {
            const bg_placed_glyph *g = &glyphs[i + k];
            memcpy(pack + k * G, &g->gid, sizeof g->gid);
            memcpy(pack + k * G + 4, &g->x, sizeof g->x);
            memcpy(pack + k * G + 8, &g->y, sizeof g->y);
        }
        bg_buf_put(b, pack, n * G);
    }
}

/* Chinese, Japanese, Korean (a BCP 47 tag's primary subtag). */
static bool S_cjk_language(const char *lang)
{
    if (!lang)
        return false;
    static const char *const cjk[] = {"zh", "ja", "ko", "yue", "cmn"};
    size_t len = strcspn(lang, "-_");
    for (size_t i = 0; i < sizeof cjk / sizeof *cjk; i++)
        if (len == strlen(cjk[i]) && strncasecmp(lang, cjk[i], len) == 0)
            return true;
    return false;
}

void bg_pages_tag_languages(bg_pages *p)
{
    if (p->tag_count < 2 || !S_cjk_language(p->info.language))
        return;
    unsigned *seen = bg_xcalloc(p->tag_count, sizeof *seen);
    for (size_t pg = 0; pg < p->count; pg++)
        for (size_t k = 0; k < p->pages[pg].count; k++) {
            const bg_item *it = &p->pages[pg].items[k];
            if (it->kind == BG_ITEM_GLYPHS && it->tag != 0 && it->tag < p->tag_count && it->u.glyphs.text)
                seen[it->tag] |= S_letters(it->u.glyphs.text);
        }
    /* An element's text is its own and its children's; children come after parents. */
    for (size_t i = p->tag_count - 1; i > 0; i--)
        if (p->tags[i].parent < i)
            seen[p->tags[i].parent] |= seen[i];
    bool *inherits = bg_xcalloc(p->tag_count, sizeof *inherits); /* a /Lang on it or above */
    for (size_t i = 1; i < p->tag_count; i++) {
        bg_tag *t = &p->tags[i];
        inherits[i] = t->parent < i && inherits[t->parent];
        if (inherits[i] || t->lang || seen[i] != S_LATIN || t->is_inline || t->type == BG_TAG_FIGURE)
            continue;
        t->lang = bg_xstrdup("en");
        inherits[i] = true;
    }
    free(inherits);
    free(seen);
}

void bg_tags_free(bg_tag *tags, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(tags[i].alt);
        free(tags[i].id);
        free(tags[i].lang);
    }
    free(tags);
}

unsigned bg_tags_add(bg_tag **tags, size_t *count, size_t *cap, bg_tag_type type, unsigned parent)
{
    BG_GROW(*tags, *cap, *count + 1);
    bg_tag *t = &(*tags)[*count];
    memset(t, 0, sizeof *t);
    t->type = type;
    t->parent = *count == 0 ? 0 : parent;
    return (unsigned)(*count)++;
}

unsigned bg_pages_add_tag(bg_pages *p, bg_tag_type type, unsigned parent)
{
    return bg_tags_add(&p->tags, &p->tag_count, &p->tag_cap, type, parent);
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

void bg_page_add_cell(bg_page *page, const char *table, const char *label, const char *row,
                      const char *column, const char *value)
{
    BG_GROW(page->cells, page->cell_cap, page->cell_count + 1);
    page->cells[page->cell_count++] = (bg_page_cell){
        bg_xstrdup(table ? table : ""), bg_xstrdup(label ? label : ""), bg_xstrdup(row ? row : ""),
        bg_xstrdup(column ? column : ""), bg_xstrdup(value ? value : "")};
}

/* The two digests of a page in one pass (bg_page_digests): "content" leaves out the
 * furniture and measures x from content_x, "whole" takes every item as placed. What does
 * not depend on x (glyph ids and positions inside a run, colours, text: most of a page)
 * is formatted once and fed to both. */
typedef struct S_digest {
    bg_sha256 content, whole;
    bool in_content; /* the item being fed belongs to the content digest */
    double dx;       /* content_x */
} S_digest;

static void S_both(S_digest *d, const void *data, size_t len)
{
    if (d->in_content)
        bg_sha256_update(&d->content, data, len);
    bg_sha256_update(&d->whole, data, len);
}

/* "%u " of u into out (at least 12 bytes). */
static void S_utoa(char *out, unsigned u)
{
    char digits[12], *p = digits + sizeof digits;
    *--p = '\0';
    *--p = ' ';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    memcpy(out, p, (size_t)(digits + sizeof digits - p));
}

/* head, then n values as "%.2f" (or with `decimals`) separated by spaces, then ';', into
 * buf (at least 32 + 2 * n * BG_FIXED_MAX bytes), without printf (bg_fixed writes the
 * same bytes): glyph positions and leader dots are most of a page. Returns the length. */
static size_t S_nums(char *buf, const char *head, const double *v, int n, int decimals)
{
    size_t len = strlen(head);
    memcpy(buf, head, len);
    for (int i = 0; i < n; i++) {
        if (i)
            buf[len++] = ' ';
        len += bg_fixed(buf + len, v[i], decimals);
    }
    buf[len++] = ';';
    return len;
}

static void S_feed_nums(S_digest *d, const char *head, const double *v, int n, int decimals)
{
    char buf[32 + 4 * BG_FIXED_MAX];
    S_both(d, buf, S_nums(buf, head, v, n, decimals));
}

/* The same values with the x ones (x_mask bit i: v[i] is an x) measured from content_x in
 * the content digest. */
static void S_feed_at(S_digest *d, const char *head, const double *v, int n, unsigned x_mask, int decimals)
{
    assert(n <= 8);
    char buf[32 + 10 * BG_FIXED_MAX];
    bg_sha256_update(&d->whole, buf, S_nums(buf, head, v, n, decimals));
    if (!d->in_content)
        return;
    double moved[8];
    for (int i = 0; i < n; i++)
        moved[i] = x_mask & (1u << i) ? v[i] - d->dx : v[i];
    bg_sha256_update(&d->content, buf, S_nums(buf, head, moved, n, decimals));
}

static void S_feed_color(S_digest *d, const bg_color *c)
{
    char head[16] = "c"; /* "c%d " of the colour space, without printf (one call an item) */
    S_utoa(head + 1, (unsigned)c->space);
    S_feed_nums(d, head, c->v, 4, 3);
}

/* printf-formatted text into one digest. */
static void S_printf(bg_sha256 *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_printf(bg_sha256 *h, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        bg_sha256_update(h, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void S_hex(bg_sha256 *h, char out[65])
{
    unsigned char digest[32];
    bg_sha256_final(h, digest);
    static const char hex[] = "0123456789abcdef"; /* "%02x" a byte, without printf */
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

/* Digests kept between the builds of `baogao watch` (bg_page_digests_keep): formatting and
 * hashing a page's items was 13% of a rebuild of the 2023 report. A page is looked up by
 * an exact copy of what its digests read (numbers as their bits, glyph ids, text, the font
 * file's digest, the bytes of each image file), so a kept digest is only reused for a page
 * that would give the same one. */
typedef struct S_memo {
    uint64_t hash;
    bg_buf raw;
    char content[65], whole[65];
    unsigned used; /* the build that last used it */
} S_memo;

static bool S_memo_on;
static S_memo *S_memos;
static size_t S_memo_count, S_memo_cap;
static unsigned S_memo_build = 1;

void bg_page_digests_keep(void)
{
    S_memo_on = true;
}

void bg_page_digests_sweep(void)
{
    size_t n = 0;
    for (size_t i = 0; i < S_memo_count; i++) {
        if (S_memos[i].used == S_memo_build)
            S_memos[n++] = S_memos[i];
        else
            bg_buf_free(&S_memos[i].raw);
    }
    S_memo_count = n;
    S_memo_build++;
}

void bg_page_digests_free(void)
{
    for (size_t i = 0; i < S_memo_count; i++)
        bg_buf_free(&S_memos[i].raw);
    free(S_memos);
    S_memos = NULL;
    S_memo_count = S_memo_cap = 0;
}

static void S_raw_num(bg_buf *b, double v)
{
    bg_buf_put(b, &v, sizeof v);
}

static void S_raw_color(bg_buf *b, const bg_color *c)
{
    S_raw_num(b, (double)c->space);
    for (int i = 0; i < 4; i++)
        S_raw_num(b, c->v[i]);
}

static void S_raw_str(bg_buf *b, const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;
    bg_buf_put(b, &n, sizeof n);
    if (n)
        bg_buf_put(b, s, n);
}

/* What bg_page_digests reads of page, as bytes. */
static void S_raw_page(const bg_page *page, bg_buf *b)
{
    size_t head[2] = {page->count, page->furniture};
    bg_buf_put(b, head, sizeof head);
    S_raw_num(b, page->width);
    S_raw_num(b, page->height);
    S_raw_num(b, page->content_x);
    for (size_t i = 0; i < page->count; i++) {
        const bg_item *it = &page->items[i];
        int kind = (int)it->kind;
        bg_buf_put(b, &kind, sizeof kind);
        switch (it->kind) {
        case BG_ITEM_GLYPHS: {
            const bg_glyph_run *r = &it->u.glyphs;
            S_raw_str(b, r->font ? bg_font_sha256(r->font) : "");
            unsigned index = r->font ? r->font->index : 0;
            bg_buf_put(b, &index, sizeof index);
            S_raw_num(b, r->size);
            S_raw_num(b, r->x);
            S_raw_num(b, r->y);
            S_raw_color(b, &r->color);
            bg_buf_put(b, &r->count, sizeof r->count);
            bg_glyphs_pack(b, r->glyphs, r->count);
            S_raw_str(b, r->text);
            break;
        }
        case BG_ITEM_LINE:
            S_raw_num(b, it->u.line.x0);
            S_raw_num(b, it->u.line.y0);
            S_raw_num(b, it->u.line.x1);
            S_raw_num(b, it->u.line.y1);
            S_raw_num(b, it->u.line.width);
            S_raw_color(b, &it->u.line.color);
            break;
        case BG_ITEM_RECT:
            S_raw_num(b, it->u.rect.x);
            S_raw_num(b, it->u.rect.y);
            S_raw_num(b, it->u.rect.w);
            S_raw_num(b, it->u.rect.h);
            S_raw_num(b, it->u.rect.fill * 2 + it->u.rect.stroke);
            S_raw_num(b, it->u.rect.stroke_width);
            S_raw_color(b, &it->u.rect.fill_color);
            S_raw_color(b, &it->u.rect.stroke_color);
            break;
        case BG_ITEM_PATH:
            bg_buf_put(b, &it->u.path.count, sizeof it->u.path.count);
            S_raw_num(b, it->u.path.closed * 4 + it->u.path.fill * 2 + it->u.path.stroke);
            S_raw_num(b, it->u.path.stroke_width);
            if (it->u.path.count)
                bg_buf_put(b, it->u.path.xy, 2 * it->u.path.count * sizeof *it->u.path.xy);
            S_raw_color(b, &it->u.path.fill_color);
            S_raw_color(b, &it->u.path.stroke_color);
            break;
        case BG_ITEM_IMAGE: {
            S_raw_str(b, it->u.image.file);
            bg_buf data;
            bg_buf_init(&data);
            size_t n = it->u.image.file && bg_buf_read_file(&data, it->u.image.file) == 0 ? data.len + 1 : 0;
            bg_buf_put(b, &n, sizeof n);
            if (n > 1)
                bg_buf_put(b, data.data, data.len);
            bg_buf_free(&data);
            S_raw_num(b, it->u.image.x);
            S_raw_num(b, it->u.image.y);
            S_raw_num(b, it->u.image.w);
            S_raw_num(b, it->u.image.h);
            break;
        }
        case BG_ITEM_LINK:
        case BG_ITEM_DEST:
            break;
        }
    }
}

static uint64_t S_raw_hash(const bg_buf *b)
{
    uint64_t h = 1469598103934665603ull;
    size_t i = 0;
    for (; i + 8 <= b->len; i += 8) {
        uint64_t w;
        memcpy(&w, b->data + i, 8);
        h = (h ^ w) * 1099511628211ull;
    }
    for (; i < b->len; i++)
        h = (h ^ (unsigned char)b->data[i]) * 1099511628211ull;
    return h ^ b->len;
}

/* Positions are rounded to 0.01 pt: what differs by less is the same page. */
static void S_digests(const bg_page *page, char content[65], char whole[65])
{
    S_digest d = {.dx = page->content_x};
    bg_sha256_init(&d.content);
    bg_sha256_init(&d.whole);
    size_t end = page->furniture < page->count ? page->furniture : page->count;
    S_printf(&d.content, "page %.2f %.2f;", page->width, page->height);
    S_printf(&d.whole, "page %.2f %.2f;", page->width, page->height);
    for (size_t i = 0; i < page->count; i++) {
        const bg_item *it = &page->items[i];
        d.in_content = i < end;
        switch (it->kind) {
        case BG_ITEM_GLYPHS: {
            const bg_glyph_run *r = &it->u.glyphs;
            char head[96];
            snprintf(head, sizeof head, "G %s %u ", r->font ? bg_font_sha256(r->font) : "", r->font ? r->font->index : 0);
            S_feed_at(&d, head, (const double[]){r->size, r->x, r->y}, 3, 2u, 2);
            S_feed_color(&d, &r->color);
            /* The glyphs in batches: one update of each digest per batch. */
            char buf[8192];
            size_t len = 0;
            for (size_t g = 0; g < r->count; g++) {
                if (len + 16 + 2 * BG_FIXED_MAX > sizeof buf) {
                    S_both(&d, buf, len);
                    len = 0;
                }
                S_utoa(head, (unsigned)r->glyphs[g].gid);
                len += S_nums(buf + len, head, (const double[]){r->glyphs[g].x, r->glyphs[g].y}, 2, 2);
            }
            S_both(&d, buf, len);
            if (r->text)
                S_both(&d, r->text, strlen(r->text) + 1);
            break;
        }
        case BG_ITEM_LINE:
            S_feed_at(&d, "L ",
                      (const double[]){it->u.line.x0, it->u.line.y0, it->u.line.x1, it->u.line.y1, it->u.line.width},
                      5, 1u | 4u, 2);
            S_feed_color(&d, &it->u.line.color);
            break;
        case BG_ITEM_RECT: {
            const char *fmt = "R %.2f %.2f %.2f %.2f %d %d %.2f;";
            S_printf(&d.whole, fmt, it->u.rect.x, it->u.rect.y, it->u.rect.w, it->u.rect.h, it->u.rect.fill,
                     it->u.rect.stroke, it->u.rect.stroke_width);
            if (d.in_content)
                S_printf(&d.content, fmt, it->u.rect.x - d.dx, it->u.rect.y, it->u.rect.w, it->u.rect.h,
                         it->u.rect.fill, it->u.rect.stroke, it->u.rect.stroke_width);
            S_feed_color(&d, &it->u.rect.fill_color);
            S_feed_color(&d, &it->u.rect.stroke_color);
            break;
        }
        case BG_ITEM_PATH: {
            char head[64];
            snprintf(head, sizeof head, "P %zu %d %d %d ", it->u.path.count, it->u.path.closed, it->u.path.fill,
                     it->u.path.stroke);
            S_feed_nums(&d, head, &it->u.path.stroke_width, 1, 2);
            for (size_t k = 0; k < it->u.path.count; k++)
                S_feed_at(&d, "", (const double[]){it->u.path.xy[2 * k], it->u.path.xy[2 * k + 1]}, 2, 1u, 2);
            S_feed_color(&d, &it->u.path.fill_color);
            S_feed_color(&d, &it->u.path.stroke_color);
            break;
        }
        case BG_ITEM_IMAGE: {
            bg_buf data;
            bg_buf_init(&data);
            char hex[65] = "";
            if (it->u.image.file && bg_buf_read_file(&data, it->u.image.file) == 0)
                bg_sha256_hex(data.data, data.len, hex);
            bg_buf_free(&data);
            const char *fmt = "I %s %.2f %.2f %.2f %.2f;";
            S_printf(&d.whole, fmt, hex, it->u.image.x, it->u.image.y, it->u.image.w, it->u.image.h);
            if (d.in_content)
                S_printf(&d.content, fmt, hex, it->u.image.x - d.dx, it->u.image.y, it->u.image.w, it->u.image.h);
            break;
        }
        case BG_ITEM_LINK: /* invisible, and named after numbers that shift */
        case BG_ITEM_DEST:
            break;
        }
    }
    S_hex(&d.content, content);
    S_hex(&d.whole, whole);
}

void bg_page_digests_fresh(const bg_page *page, char content[65], char whole[65])
{
    S_digests(page, content, whole);
}

bool bg_page_digests_keeping(void)
{
    return S_memo_on;
}

void bg_page_digests(const bg_page *page, char content[65], char whole[65])
{
    if (!S_memo_on) {
        S_digests(page, content, whole);
        return;
    }
    bg_buf raw;
    bg_buf_init(&raw);
    S_raw_page(page, &raw);
    uint64_t hash = S_raw_hash(&raw);
    for (size_t i = 0; i < S_memo_count; i++) {
        S_memo *m = &S_memos[i];
        if (m->hash == hash && m->raw.len == raw.len && memcmp(m->raw.data, raw.data, raw.len) == 0) {
            m->used = S_memo_build;
            memcpy(content, m->content, 65);
            memcpy(whole, m->whole, 65);
            bg_buf_free(&raw);
            return;
        }
    }
    S_digests(page, content, whole);
    BG_GROW(S_memos, S_memo_cap, S_memo_count + 1);
    S_memo *m = &S_memos[S_memo_count++];
    m->hash = hash;
    m->raw = raw;
    memcpy(m->content, content, 65);
    memcpy(m->whole, whole, 65);
    m->used = S_memo_build;
}

void bg_page_digest(const bg_page *page, bool content_only, char out[65])
{
    char other[65];
    if (content_only)
        bg_page_digests(page, out, other);
    else
        bg_page_digests(page, other, out);
}
