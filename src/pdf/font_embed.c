/* font_embed.c: embeds every font the pages used, once all pages are drawn and the set
 * of used glyphs is known. The content streams show original glyph IDs as CIDs, and each
 * face is subset (subset.c: hb-subset, or its caches) so that they stay valid:
 *   CFF faces      -> CIDFontType0, FontFile3 /CIDFontType0C = the subset's `CFF ` table.
 *                     A CID-keyed CFF (Noto CJK, whose CIDs equal its glyph IDs) keeps the
 *                     original CIDs in the subset's charset, so glyphs may be renumbered;
 *                     a name-keyed CFF is read with CID = GID, so it keeps its glyph IDs;
 *   TrueType faces -> CIDFontType2, FontFile2 = the whole subset font keeping glyph IDs
 *                     (RETAIN_GIDS), CIDToGIDMap Identity.
 * Around the program: the Type0 font (Identity-H, ToUnicode), the CIDFont (W widths in
 * 1/1000 em, DW 1000) and the FontDescriptor (metrics from the face, CIDSet). The subset
 * tag is derived from a hash of the PostScript name and the used glyphs, never random. */
#include "pdf_ctx.h"
#include "subset.h"
#include "../base/i18n.h"
#include "../base/parallel.h"
#include "../base/sha256.h"
#include "../base/xalloc.h"

#include <hb-ot.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { S_DEFAULT_WIDTH = 1000, S_MAX_W_RUN = 16000 };

/* The used glyph IDs of a font, ascending; glyph 0 is always included. */
typedef struct S_glyphs {
    uint32_t *gids; /* owned */
    size_t count;
} S_glyphs;

static S_glyphs S_used_glyphs(const bg_pdf_font *f)
{
    S_glyphs g = {bg_xcalloc(f->glyph_count ? f->glyph_count : 1, sizeof(uint32_t)), 0};
    if (f->glyph_count)
        g.gids[g.count++] = 0;
    for (uint32_t gid = bg_pdf_glyph_next_used(f, 1); gid < f->glyph_count; gid = bg_pdf_glyph_next_used(f, gid + 1))
        g.gids[g.count++] = gid;
    return g;
}

/* "ABCDEF+PostScriptName" with the tag derived from the name and the glyph set. */
static char *S_base_font_name(const bg_font *font, const S_glyphs *g)
{
    bg_sha256 sha;
    unsigned char digest[32];
    bg_sha256_init(&sha);
    bg_sha256_update(&sha, font->postscript_name, strlen(font->postscript_name));
    for (size_t i = 0; i < g->count; i++) {
        unsigned char be[4] = {(unsigned char)(g->gids[i] >> 24), (unsigned char)(g->gids[i] >> 16),
                               (unsigned char)(g->gids[i] >> 8), (unsigned char)g->gids[i]};
        bg_sha256_update(&sha, be, sizeof be);
    }
    bg_sha256_final(&sha, digest);
    char tag[7];
    for (int i = 0; i < 6; i++)
        tag[i] = (char)('A' + digest[i] % 26);
    tag[6] = '\0';
    return bg_strprintf("%s+%s", tag, font->postscript_name);
}

/* A new indirect stream holding data (compressed when the document is, by deflate.c,
 * which keeps it between the builds of `baogao watch`). */
static HPDF_Dict S_stream(bg_pdf_ctx *ctx, const void *data, size_t len)
{
    HPDF_Dict stream = HPDF_DictStream_New(ctx->doc->mmgr, ctx->doc->xref);
    if (!stream || bg_pdf_stream_put(ctx, stream, data, len, BG_PDF_LEVEL_SMALL) != 0)
        return NULL;
    return stream;
}

/* A new indirect dictionary. */
static HPDF_Dict S_dict(bg_pdf_ctx *ctx)
{
    HPDF_Dict dict = HPDF_Dict_New(ctx->doc->mmgr);
    if (!dict || HPDF_Xref_Add(ctx->doc->xref, dict) != HPDF_OK)
        return NULL;
    return dict;
}

/* The font program stream (FontFile3 for CFF, FontFile2 for TrueType) from the deflated
 * program (raw_len bytes inflated), or NULL. */
static HPDF_Dict S_font_file(bg_pdf_ctx *ctx, const bg_font *font, const bg_buf *program, size_t raw_len)
{
    HPDF_Dict file = HPDF_DictStream_New(ctx->doc->mmgr, ctx->doc->xref);
    if (!file)
        return NULL;
    int rc = -1;
    if (ctx->compress) {
        rc = bg_pdf_stream_put_deflated(file, program->data, program->len);
    } else {
        uLongf len = raw_len;
        Bytef *raw = bg_xmalloc(raw_len ? raw_len : 1);
        if (uncompress(raw, &len, (const Bytef *)program->data, program->len) == Z_OK && len == raw_len)
            rc = bg_pdf_stream_put(ctx, file, raw, len, 0);
        free(raw);
    }
    HPDF_STATUS st = rc == 0 ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK && font->is_cff)
        st = HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
    else if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)raw_len);
    return st == HPDF_OK ? file : NULL;
}

/* The CIDSet stream: one bit per CID, most significant first. */
static HPDF_Dict S_cid_set(bg_pdf_ctx *ctx, const S_glyphs *g)
{
    size_t bytes = g->gids[g->count - 1] / 8 + 1;
    unsigned char *bits = bg_xcalloc(bytes, 1);
    for (size_t i = 0; i < g->count; i++)
        bits[g->gids[i] >> 3] |= (unsigned char)(0x80u >> (g->gids[i] & 7));
    HPDF_Dict set = S_stream(ctx, bits, bytes);
    free(bits);
    return set;
}

/* Big-endian int16 at offset off of a table blob (0 when out of range). */
static int S_be16(hb_blob_t *blob, unsigned off)
{
    unsigned len = 0;
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(blob, &len);
    if (off + 2 > len)
        return 0;
    return (int16_t)(uint16_t)((p[off] << 8) | p[off + 1]);
}

static HPDF_INT32 S_em1000(const bg_font *font, double units)
{
    return (HPDF_INT32)lround(units * 1000.0 / font->upem);
}

static HPDF_STATUS S_add_bbox(bg_pdf_ctx *ctx, HPDF_Dict desc, const bg_font *font)
{
    hb_blob_t *head = hb_face_reference_table(font->face, HB_TAG('h', 'e', 'a', 'd'));
    HPDF_Array box = HPDF_Array_New(ctx->doc->mmgr);
    HPDF_STATUS st = box ? HPDF_Dict_Add(desc, "FontBBox", box) : HPDF_FAILD_TO_ALLOC_MEM;
    for (unsigned off = 36; st == HPDF_OK && off <= 42; off += 2)
        st = HPDF_Array_AddNumber(box, S_em1000(font, S_be16(head, off)));
    hb_blob_destroy(head);
    return st;
}

static HPDF_Dict S_descriptor(bg_pdf_ctx *ctx, const bg_font *font, const char *name,
                              HPDF_Dict file, HPDF_Dict cid_set)
{
    HPDF_Dict desc = S_dict(ctx);
    if (!desc)
        return NULL;
    hb_position_t cap = 0;
    double cap_units = hb_ot_metrics_get_position(font->hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0
                           ? cap
                           : font->ascender * font->upem;
    HPDF_STATUS st = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st |= HPDF_Dict_AddName(desc, "FontName", name);
    st |= HPDF_Dict_AddNumber(desc, "Flags", 4);
    st |= S_add_bbox(ctx, desc, font);
    st |= HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
    st |= HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(font->ascender * 1000));
    st |= HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)lround(font->descender * 1000));
    st |= HPDF_Dict_AddNumber(desc, "CapHeight", S_em1000(font, cap_units));
    st |= HPDF_Dict_AddNumber(desc, "StemV", 80);
    st |= HPDF_Dict_Add(desc, font->is_cff ? "FontFile3" : "FontFile2", file);
    st |= HPDF_Dict_Add(desc, "CIDSet", cid_set);
    return st == HPDF_OK ? desc : NULL;
}

/* W: [first [w w ...] ...] for runs of consecutive used glyphs whose width is not DW. */
static HPDF_Array S_widths(bg_pdf_ctx *ctx, const bg_font *font, const S_glyphs *g)
{
    HPDF_Array w = HPDF_Array_New(ctx->doc->mmgr);
    HPDF_Array run = NULL;
    uint32_t next = 0;
    HPDF_STATUS st = w ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; st == HPDF_OK && i < g->count; i++) {
        int width = bg_pdf_glyph_width(font, g->gids[i]);
        if (width == S_DEFAULT_WIDTH) {
            run = NULL;
            continue;
        }
        if (!run || g->gids[i] != next || HPDF_Array_Items(run) >= S_MAX_W_RUN) {
            run = HPDF_Array_New(ctx->doc->mmgr);
            st = HPDF_Array_AddNumber(w, (HPDF_INT32)g->gids[i]);
            st |= run ? HPDF_Array_Add(w, run) : HPDF_FAILD_TO_ALLOC_MEM;
        }
        st |= HPDF_Array_AddNumber(run, width);
        next = g->gids[i] + 1;
    }
    return st == HPDF_OK ? w : NULL;
}

static HPDF_Dict S_cid_system_info(bg_pdf_ctx *ctx)
{
    HPDF_Dict info = HPDF_Dict_New(ctx->doc->mmgr);
    if (!info)
        return NULL;
    HPDF_STATUS st = HPDF_Dict_Add(info, "Registry", HPDF_String_New(ctx->doc->mmgr, "Adobe", NULL));
    st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(ctx->doc->mmgr, "Identity", NULL));
    st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
    return st == HPDF_OK ? info : NULL;
}

static HPDF_Dict S_cid_font(bg_pdf_ctx *ctx, const bg_font *font, const char *name,
                            HPDF_Dict desc, const S_glyphs *g)
{
    HPDF_Dict cid = S_dict(ctx);
    HPDF_Dict info = S_cid_system_info(ctx);
    HPDF_Array widths = S_widths(ctx, font, g);
    if (!cid || !info || !widths)
        return NULL;
    HPDF_STATUS st = HPDF_Dict_AddName(cid, "Type", "Font");
    st |= HPDF_Dict_AddName(cid, "Subtype", font->is_cff ? "CIDFontType0" : "CIDFontType2");
    st |= HPDF_Dict_AddName(cid, "BaseFont", name);
    st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    st |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
    st |= HPDF_Dict_AddNumber(cid, "DW", S_DEFAULT_WIDTH);
    st |= HPDF_Dict_Add(cid, "W", widths);
    if (!font->is_cff)
        st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    return st == HPDF_OK ? cid : NULL;
}

/* The ToUnicode stream for the glyphs that carry text. */
static HPDF_Dict S_to_unicode(bg_pdf_ctx *ctx, const bg_pdf_font *f, const S_glyphs *g)
{
    uint32_t *gids = bg_xcalloc(g->count, sizeof *gids);
    const char **texts = bg_xcalloc(g->count, sizeof *texts);
    size_t n = 0;
    for (size_t i = 0; i < g->count; i++) {
        uint32_t start = bg_pdf_glyph_text(f, g->gids[i]);
        if (start == 0)
            continue;
        gids[n] = g->gids[i];
        texts[n++] = f->texts.data + start - 1;
    }
    /* Kept between the builds of `baogao watch` by the glyphs and their texts (writing
     * the CMap was 2.6% of a rebuild). */
    bg_buf key, cmap;
    bg_buf_init(&key);
    bg_buf_init(&cmap);
    const bg_buf *kept = NULL;
    if (bg_pdf_keeping()) {
        for (size_t i = 0; i < n; i++) {
            bg_buf_put(&key, &gids[i], sizeof gids[i]);
            bg_buf_put(&key, texts[i], strlen(texts[i]) + 1);
        }
        kept = bg_pdf_kept_find(BG_KEPT_TOUNICODE, key.data, key.len);
    }
    if (!kept) {
        bg_pdf_tounicode(&cmap, gids, texts, n);
        if (bg_pdf_keeping())
            bg_pdf_kept_add(BG_KEPT_TOUNICODE, key.data, key.len, cmap.data, cmap.len);
    }
    HPDF_Dict stream = kept ? S_stream(ctx, kept->data, kept->len) : S_stream(ctx, cmap.data, cmap.len);
    bg_buf_free(&key);
    bg_buf_free(&cmap);
    free(gids);
    free(texts);
    return stream;
}

static HPDF_STATUS S_fill_type0(bg_pdf_ctx *ctx, HPDF_Dict type0, const char *name,
                                HPDF_Dict cid_font, HPDF_Dict to_unicode)
{
    HPDF_Array descendants = HPDF_Array_New(ctx->doc->mmgr);
    if (!descendants)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Array_Add(descendants, cid_font);
    st |= HPDF_Dict_AddName(type0, "Type", "Font");
    st |= HPDF_Dict_AddName(type0, "Subtype", "Type0");
    st |= HPDF_Dict_AddName(type0, "BaseFont", name);
    st |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    st |= HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    st |= HPDF_Dict_Add(type0, "ToUnicode", to_unicode);
    return st;
}

/* Builds the PDF objects of one font around its subset program. */
static int S_embed_objects(bg_pdf_ctx *ctx, const bg_pdf_font *f, const S_glyphs *g,
                           const char *name, const bg_buf *program, size_t raw_len)
{
    HPDF_Dict file = S_font_file(ctx, f->font, program, raw_len);
    HPDF_Dict cid_set = file ? S_cid_set(ctx, g) : NULL;
    HPDF_Dict desc = cid_set ? S_descriptor(ctx, f->font, name, file, cid_set) : NULL;
    HPDF_Dict cid_font = desc ? S_cid_font(ctx, f->font, name, desc, g) : NULL;
    HPDF_Dict to_unicode = cid_font ? S_to_unicode(ctx, f, g) : NULL;
    if (!to_unicode || S_fill_type0(ctx, f->type0, name, cid_font, to_unicode) != HPDF_OK)
        return bg_pdf_fail(ctx, _("embedding a font"));
    return 0;
}

/* One font's part of the embedding that needs no libharu: its glyphs, its name and its
 * subset program (hb-subset and deflate on a first run, a cache read after). */
typedef struct S_subset_task {
    const bg_pdf_font *f;
    S_glyphs g;
    char *name;
    bg_buf program;
    size_t raw_len;
    int rc;
} S_subset_task;

static void S_subset_one(void *arg, size_t i)
{
    S_subset_task *t = &((S_subset_task *)arg)[i];
    t->rc = bg_pdf_subset_program(t->f->font, t->g.gids, t->g.count, &t->program, &t->raw_len);
}

/* The subsets are cut on all cores (a first build spent ~40 ms of one core on hb-subset
 * and deflating the programs after the layout, the other core idle); the PDF objects are
 * then made in font order on this thread, so the bytes do not depend on the threads. */
int bg_pdf_fonts_embed(bg_pdf_ctx *ctx)
{
    size_t n = ctx->font_count;
    S_subset_task *tasks = bg_xcalloc(n ? n : 1, sizeof *tasks);
    for (size_t i = 0; i < n; i++) {
        S_subset_task *t = &tasks[i];
        t->f = &ctx->fonts[i];
        t->g = S_used_glyphs(t->f);
        t->name = S_base_font_name(t->f->font, &t->g);
        bg_font_sha256(t->f->font); /* the digest thread joined here, not on a worker */
    }
    bg_parallel_for(n, S_subset_one, tasks);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        S_subset_task *t = &tasks[i];
        if (t->rc != 0) {
            bg_error(ctx->diags, (bg_loc){.file = t->f->font->file}, _("cannot subset font %s (face %u) for the PDF"),
                     t->f->font->postscript_name, t->f->font->index);
            rc = -1;
        } else {
            rc = S_embed_objects(ctx, t->f, &t->g, t->name, &t->program, t->raw_len);
        }
    }
    for (size_t i = 0; i < n; i++) {
        bg_buf_free(&tasks[i].program);
        free(tasks[i].name);
        free(tasks[i].g.gids);
    }
    free(tasks);
    return rc;
}

void bg_pdf_fonts_free(bg_pdf_ctx *ctx)
{
    for (size_t i = 0; i < ctx->font_count; i++) {
        bg_pdf_font_glyphs_free(&ctx->fonts[i]);
        bg_buf_free(&ctx->fonts[i].texts);
    }
    free(ctx->fonts);
    ctx->fonts = NULL;
    ctx->font_count = ctx->font_cap = 0;
}
