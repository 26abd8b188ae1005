/* text.c: glyph runs as PDF text objects. Each run becomes one BT/ET block written raw
 * into the page's content stream: the font (/F<n>, registered in the page's /Resources
 * /Font), the fill colour, a text matrix at the first glyph and a TJ array of 2-byte glyph
 * IDs (Identity-H, CID = GID). Between glyphs the pen advances by the glyph's W width;
 * where layout put the next glyph elsewhere a TJ adjustment moves it there, and a glyph
 * on another baseline starts a new text matrix. Every glyph shown is recorded in the
 * font's table (with the text its cluster stands for) for subsetting and ToUnicode.
 * Synthetic bold fills and strokes the outlines (2 Tr) with a line 3% of the size.
 * In `baogao watch` a run's operators are kept for the next build (kept.c), by the exact
 * bytes of what they are made of: most runs of a rebuild are the same. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bg_pdf_glyph_width(const bg_font *font, uint32_t gid)
{
    hb_position_t adv = hb_font_get_glyph_h_advance(font->hb, gid);
    return (int)lround((double)adv * 1000.0 / (double)font->upem);
}

/* What is known of 256 glyphs of a font. Blocks made on demand rather than arrays of
 * glyph_count: those were touched a few entries a page apart, and every page first read
 * then written cost two faults and, with the writer's thread running, a TLB flush on the
 * other core (1.3 ms of the 2023 build's drawing). */
typedef struct bg_pdf_glyph_block {
    int width[256];           /* its width (bg_pdf_glyph_width) + 1; 0 until asked */
    uint32_t text_start[256]; /* offset + 1 into texts (0: no text yet) */
    uint8_t used[256];        /* != 0 when it is shown */
} bg_pdf_glyph_block;

static bg_pdf_glyph_block *S_block(bg_pdf_font *f, uint32_t gid)
{
    bg_pdf_glyph_block **b = &f->blocks[gid / 256];
    if (!*b)
        *b = bg_xcalloc(1, sizeof **b);
    return *b;
}

uint32_t bg_pdf_glyph_next_used(const bg_pdf_font *f, uint32_t gid)
{
    while (gid < f->glyph_count) {
        const bg_pdf_glyph_block *b = f->blocks[gid / 256];
        if (!b) {
            gid = (gid / 256 + 1) * 256;
            continue;
        }
        if (b->used[gid % 256])
            return gid;
        gid++;
    }
    return f->glyph_count;
}

uint32_t bg_pdf_glyph_text(const bg_pdf_font *f, uint32_t gid)
{
    const bg_pdf_glyph_block *b = gid < f->glyph_count ? f->blocks[gid / 256] : NULL;
    return b ? b->text_start[gid % 256] : 0;
}

void bg_pdf_font_glyphs_free(bg_pdf_font *f)
{
    for (size_t i = 0; f->blocks && i < (f->glyph_count + 255) / 256; i++)
        free(f->blocks[i]);
    free(f->blocks);
    f->blocks = NULL;
}

int bg_pdf_font_width(bg_pdf_font *f, uint32_t gid)
{
    if (gid >= f->glyph_count)
        return bg_pdf_glyph_width(f->font, gid);
    int *w = &S_block(f, gid)->width[gid % 256];
    if (!*w)
        *w = bg_pdf_glyph_width(f->font, gid) + 1;
    return *w - 1;
}

/* The document's entry for a font, created (with its still empty Type0 dictionary) on
 * first use. NULL on failure (reported). */
static bg_pdf_font *S_font_use(bg_pdf_ctx *ctx, const bg_font *font)
{
    for (size_t i = 0; i < ctx->font_count; i++)
        if (ctx->fonts[i].font == font)
            return &ctx->fonts[i];
    HPDF_Dict type0 = HPDF_Dict_New(ctx->doc->mmgr);
    if (!type0 || HPDF_Xref_Add(ctx->doc->xref, type0) != HPDF_OK) {
        bg_pdf_fail(ctx, _("creating a font"));
        return NULL;
    }
    BG_GROW(ctx->fonts, ctx->font_cap, ctx->font_count + 1);
    bg_pdf_font *f = &ctx->fonts[ctx->font_count];
    memset(f, 0, sizeof *f);
    f->font = font;
    f->slot = (int)ctx->font_count + 1;
    f->type0 = type0;
    f->glyph_count = hb_face_get_glyph_count(font->face);
    f->blocks = bg_xcalloc(f->glyph_count / 256 + 1, sizeof *f->blocks);
    bg_buf_init(&f->texts);
    ctx->font_count++;
    return f;
}

/* Registers /F<slot> in the page's font resources unless it is there already. */
static int S_register_on_page(bg_pdf_ctx *ctx, HPDF_Page page, const bg_pdf_font *f, const char *name)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (!attr->fonts) {
        HPDF_Dict resources = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict fonts = HPDF_Dict_New(page->mmgr);
        if (!resources || !fonts || HPDF_Dict_Add(resources, "Font", fonts) != HPDF_OK)
            return bg_pdf_fail(ctx, _("adding font resources to a page"));
        attr->fonts = fonts;
    }
    if (HPDF_Dict_GetItem(attr->fonts, name, HPDF_OCLASS_DICT))
        return 0;
    if (HPDF_Dict_Add(attr->fonts, name, f->type0) != HPDF_OK)
        return bg_pdf_fail(ctx, _("adding a font to a page"));
    return 0;
}

/* Records that gid is shown, with the text of its cluster when it carries one. */
static void S_record_glyph(bg_pdf_font *f, const bg_glyph_run *run, const bg_placed_glyph *g)
{
    if (g->gid >= f->glyph_count)
        return; /* no such glyph in the face: nothing to subset or map */
    bg_pdf_glyph_block *b = S_block(f, g->gid);
    b->used[g->gid % 256] = 1;
    if (g->text_len == 0 || b->text_start[g->gid % 256] != 0)
        return;
    b->text_start[g->gid % 256] = (uint32_t)f->texts.len + 1;
    bg_buf_put(&f->texts, run->text + g->text_start, g->text_len);
    bg_buf_putc(&f->texts, '\0');
}

/* Text-object state while writing one run. */
typedef struct S_pen {
    double x, y;    /* where the next glyph goes without adjustment, relative to the run */
    bool in_array;  /* inside [ ... ] TJ */
    bool in_string; /* inside < ... > */
} S_pen;

static void S_close_string(bg_buf *ops, S_pen *pen)
{
    if (pen->in_string)
        bg_buf_putc(ops, '>');
    pen->in_string = false;
}

static void S_close_array(bg_buf *ops, S_pen *pen)
{
    S_close_string(ops, pen);
    if (pen->in_array)
        bg_buf_puts(ops, "] TJ\n");
    pen->in_array = false;
}

/* Starts a new text matrix at the glyph's position. */
static void S_move_to(bg_buf *ops, S_pen *pen, const bg_glyph_run *run, const bg_placed_glyph *g)
{
    S_close_array(ops, pen);
    bg_buf_puts(ops, "1 0 0 1 ");
    bg_buf_num(ops, run->x + g->x, 3);
    bg_buf_putc(ops, ' ');
    bg_buf_num(ops, run->y + g->y, 3);
    bg_buf_puts(ops, " Tm\n[");
    pen->x = g->x;
    pen->y = g->y;
    pen->in_array = true;
}

/* Moves the pen horizontally to the glyph with a TJ adjustment (in 1/1000 em, one
 * decimal) when it is off by half a unit or more. The pen follows what the adjustments
 * really do, so the rounding of W widths never accumulates. */
static void S_adjust_to(bg_buf *ops, S_pen *pen, const bg_glyph_run *run, const bg_placed_glyph *g)
{
    double adj = round((pen->x - g->x) * 1000.0 / run->size * 10.0) / 10.0;
    if (fabs(adj) < 0.5)
        return;
    S_close_string(ops, pen);
    bg_buf_num(ops, adj, 1);
    pen->x -= adj * run->size / 1000.0;
}

static void S_show_glyph(bg_buf *ops, S_pen *pen, bg_pdf_font *f, const bg_glyph_run *run, uint32_t gid)
{
    if (!pen->in_string)
        bg_buf_putc(ops, '<');
    pen->in_string = true;
    static const char hex[] = "0123456789ABCDEF";
    char h[4] = {hex[(gid >> 12) & 15], hex[(gid >> 8) & 15], hex[(gid >> 4) & 15], hex[gid & 15]};
    bg_buf_put(ops, h, sizeof h); /* gid < 65536: glyph IDs are 16-bit */
    pen->x += bg_pdf_font_width(f, gid) * run->size / 1000.0;
}

/* "F%d" of the font's resource number into name (at least 16 bytes), without printf: two
 * calls a glyph run were 3.4 M instructions of the 2023 build, on the thread drawing the
 * pages. */
static void S_font_name(char *name, int slot)
{
    char digits[12], *p = digits + sizeof digits;
    unsigned u = slot > 0 ? (unsigned)slot : 0;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    name[0] = 'F';
    memcpy(name + 1, p, (size_t)(digits + sizeof digits - p));
    name[1 + (digits + sizeof digits - p)] = '\0';
}

static void S_text_state(bg_buf *ops, const bg_pdf_font *f, const bg_glyph_run *run)
{
    char name[16];
    S_font_name(name, f->slot);
    bg_buf_puts(ops, "BT\n/");
    bg_buf_puts(ops, name);
    bg_buf_putc(ops, ' ');
    bg_buf_num(ops, run->size, 3);
    bg_buf_puts(ops, " Tf\n");
    bg_pdf_color(ops, &run->color, false);
    if (run->font->synthetic_bold) {
        bg_pdf_color(ops, &run->color, true);
        bg_buf_num(ops, run->size * 0.03, 3);
        bg_buf_puts(ops, " w 2 Tr\n");
    }
}

/* Everything a run's operators are made of, as bytes: the font (its resource number,
 * file digest, face, glyph count, synthetic bold: the widths follow from them), the size,
 * origin and colour (their bits), and each glyph's id and position. */
static void S_run_key(bg_buf *key, const bg_pdf_font *f, const bg_glyph_run *run)
{
    const bg_font *font = run->font;
    struct {
        int slot;
        unsigned glyphs, index, synthetic, space;
        double size, x, y, color[4];
        size_t count;
    } head;
    memset(&head, 0, sizeof head); /* padding included: the key is compared bytewise */
    head.slot = f->slot;
    head.glyphs = f->glyph_count;
    head.index = font->index;
    head.synthetic = font->synthetic_bold;
    head.space = (unsigned)run->color.space;
    head.size = run->size;
    head.x = run->x;
    head.y = run->y;
    memcpy(head.color, run->color.v, sizeof head.color);
    head.count = run->count;
    bg_buf_put(key, bg_font_sha256(font), 64);
    bg_buf_put(key, &head, sizeof head);
    bg_glyphs_pack(key, run->glyphs, run->count);
}

int bg_pdf_draw_glyphs(bg_pdf_ctx *ctx, HPDF_Page page, const bg_glyph_run *run)
{
    if (run->count == 0)
        return 0;
    bg_pdf_font *f = S_font_use(ctx, run->font);
    if (!f)
        return -1;
    char name[16];
    S_font_name(name, f->slot);
    if (S_register_on_page(ctx, page, f, name) != 0)
        return -1;

    bg_buf key; /* when keeping runs between builds: what the operators are made of */
    bg_buf_init(&key);
    if (bg_pdf_keeping()) {
        S_run_key(&key, f, run);
        const bg_buf *kept = bg_pdf_kept_find(BG_KEPT_GLYPH_RUN, key.data, key.len);
        if (kept) {
            bg_buf_free(&key);
            for (size_t i = 0; i < run->count; i++) {
                bg_placed_glyph g = run->glyphs[i];
                if (g.gid >= f->glyph_count)
                    g.gid = 0;
                S_record_glyph(f, run, &g);
            }
            return bg_pdf_page_put(ctx, page, kept);
        }
    }
    bg_buf ops;
    bg_buf_init(&ops);
    S_text_state(&ops, f, run);
    S_pen pen = {0, 0, false, false};
    for (size_t i = 0; i < run->count; i++) {
        bg_placed_glyph g = run->glyphs[i];
        if (g.gid >= f->glyph_count)
            g.gid = 0; /* cannot happen with HarfBuzz's output; show .notdef */
        S_record_glyph(f, run, &g);
        if (i == 0 || fabs(g.y - pen.y) > 1e-4)
            S_move_to(&ops, &pen, run, &g);
        else
            S_adjust_to(&ops, &pen, run, &g);
        S_show_glyph(&ops, &pen, f, run, g.gid);
    }
    S_close_array(&ops, &pen);
    if (run->font->synthetic_bold)
        bg_buf_puts(&ops, "0 Tr\n");
    bg_buf_puts(&ops, "ET\n");
    if (key.len)
        bg_pdf_kept_add(BG_KEPT_GLYPH_RUN, key.data, key.len, ops.data, ops.len);
    bg_buf_free(&key);
    int rc = bg_pdf_page_put(ctx, page, &ops);
    bg_buf_free(&ops);
    return rc;
}
