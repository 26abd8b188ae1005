/* page.c: building and freeing pages of positioned items, and their digests (see page.h). */
#include "page.h"
#include "../base/buf.h"
#include "../base/sha256.h"
#include "../base/utf8.h"
#include "../text/chars.h"
#include "../base/xalloc.h"

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

/* Feeds printf-formatted text to the digest. */
static void S_feed(bg_sha256 *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_feed(bg_sha256 *h, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        bg_sha256_update(h, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
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
 * buf (32 + 4 × BG_FIXED_MAX bytes) without printf (bg_fixed writes the same bytes):
 * glyph positions and leader dots are most of a page. Returns the length. */
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

static void S_feed_nums(bg_sha256 *h, const char *head, const double *v, int n, int decimals)
{
    char buf[32 + 4 * BG_FIXED_MAX];
    bg_sha256_update(h, buf, S_nums(buf, head, v, n, decimals));
}

static void S_feed_color(bg_sha256 *h, const bg_color *c)
{
    char head[16];
    snprintf(head, sizeof head, "c%d ", (int)c->space);
    S_feed_nums(h, head, c->v, 4, 3);
}

/* A glyph run's head: its font, size, position (x less dx) and colour. */
static void S_feed_run_head(bg_sha256 *h, const bg_glyph_run *r, double dx)
{
    char head[96];
    snprintf(head, sizeof head, "G %s %u ", r->font ? bg_font_sha256(r->font) : "", r->font ? r->font->index : 0);
    S_feed_nums(h, head, (const double[]){r->size, r->x - dx, r->y}, 3, 2);
    S_feed_color(h, &r->color);
}

/* A glyph run's glyphs and text, to each of h[0..n): the same bytes in every digest, so
 * they are formatted once. */
static void S_feed_run_body(bg_sha256 *h, int n, const bg_glyph_run *r)
{
    char head[16], buf[32 + 4 * BG_FIXED_MAX];
    for (size_t g = 0; g < r->count; g++) {
        S_utoa(head, (unsigned)r->glyphs[g].gid);
        size_t len = S_nums(buf, head, (const double[]){r->glyphs[g].x, r->glyphs[g].y}, 2, 2);
        for (int k = 0; k < n; k++)
            bg_sha256_update(&h[k], buf, len);
    }
    if (r->text)
        for (int k = 0; k < n; k++)
            bg_sha256_update(&h[k], r->text, strlen(r->text) + 1);
}

/* One item, x measured less dx. */
static void S_feed_item(bg_sha256 *h, const bg_item *it, double dx)
{
    switch (it->kind) {
    case BG_ITEM_GLYPHS:
        S_feed_run_head(h, &it->u.glyphs, dx);
        S_feed_run_body(h, 1, &it->u.glyphs);
        break;
    case BG_ITEM_LINE:
        S_feed_nums(h, "L ",
                    (const double[]){it->u.line.x0 - dx, it->u.line.y0, it->u.line.x1 - dx, it->u.line.y1,
                                     it->u.line.width},
                    5, 2);
        S_feed_color(h, &it->u.line.color);
        break;
    case BG_ITEM_RECT:
        S_feed(h, "R %.2f %.2f %.2f %.2f %d %d %.2f;", it->u.rect.x - dx, it->u.rect.y, it->u.rect.w,
               it->u.rect.h, it->u.rect.fill, it->u.rect.stroke, it->u.rect.stroke_width);
        S_feed_color(h, &it->u.rect.fill_color);
        S_feed_color(h, &it->u.rect.stroke_color);
        break;
    case BG_ITEM_PATH: {
        char head[64];
        snprintf(head, sizeof head, "P %zu %d %d %d ", it->u.path.count, it->u.path.closed, it->u.path.fill,
                 it->u.path.stroke);
        S_feed_nums(h, head, &it->u.path.stroke_width, 1, 2);
        for (size_t k = 0; k < it->u.path.count; k++)
            S_feed_nums(h, "", (const double[]){it->u.path.xy[2 * k] - dx, it->u.path.xy[2 * k + 1]}, 2, 2);
        S_feed_color(h, &it->u.path.fill_color);
        S_feed_color(h, &it->u.path.stroke_color);
        break;
    }
    case BG_ITEM_IMAGE: {
        bg_buf data;
        bg_buf_init(&data);
        char hex[65] = "";
        if (it->u.image.file && bg_buf_read_file(&data, it->u.image.file) == 0)
            bg_sha256_hex(data.data, data.len, hex);
        bg_buf_free(&data);
        S_feed(h, "I %s %.2f %.2f %.2f %.2f;", hex, it->u.image.x - dx, it->u.image.y, it->u.image.w,
               it->u.image.h);
        break;
    }
    case BG_ITEM_LINK: /* invisible, and named after numbers that shift */
    case BG_ITEM_DEST:
        break;
    }
}

static void S_hex(bg_sha256 *h, char out[65])
{
    unsigned char digest[32];
    bg_sha256_final(h, digest);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* Positions are rounded to 0.01 pt: what differs by less is the same page. */
void bg_page_digest(const bg_page *page, bool content_only, char out[65])
{
    bg_sha256 h;
    bg_sha256_init(&h);
    size_t end = content_only && page->furniture < page->count ? page->furniture : page->count;
    double dx = content_only ? page->content_x : 0;
    S_feed(&h, "page %.2f %.2f;", page->width, page->height);
    for (size_t i = 0; i < end; i++)
        S_feed_item(&h, &page->items[i], dx);
    S_hex(&h, out);
}

/* Both in one pass: the glyphs, most of the bytes, are formatted once for the two. */
void bg_page_digests(const bg_page *page, char content[65], char whole[65])
{
    bg_sha256 h[2]; /* whole, content */
    double dx[2] = {0, page->content_x};
    size_t end = page->furniture < page->count ? page->furniture : page->count;
    for (int k = 0; k < 2; k++) {
        bg_sha256_init(&h[k]);
        S_feed(&h[k], "page %.2f %.2f;", page->width, page->height);
    }
    for (size_t i = 0; i < page->count; i++) {
        const bg_item *it = &page->items[i];
        int n = i < end ? 2 : 1;
        if (it->kind == BG_ITEM_GLYPHS) {
            for (int k = 0; k < n; k++)
                S_feed_run_head(&h[k], &it->u.glyphs, dx[k]);
            S_feed_run_body(h, n, &it->u.glyphs);
        } else {
            for (int k = 0; k < n; k++)
                S_feed_item(&h[k], it, dx[k]);
        }
    }
    S_hex(&h[0], whole);
    S_hex(&h[1], content);
}
