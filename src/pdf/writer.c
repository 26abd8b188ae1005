/* writer.c: the PDF writer's driver. bg_pdf_write creates a libharu document, adds the
 * pages and draws their items (each in its marked content, tags.c), then (once every used glyph is known) embeds the subset
 * fonts, adds links, outline, page labels and the Info dictionary, and saves the file
 * (into memory; base/outfile.c puts it on disk with every write checked), its objects
 * packed into object streams (objstm.c) unless it is a PDF/A-1 archive or the options
 * ask for the classic file.
 * libharu reports errors through a handler that only records them; every call's return
 * code is checked and the first failure ends the write with one diagnostic. */
#include "pdf.h"
#include "../base/i18n.h"
#include "pdf_ctx.h"
#include "../base/outfile.h"
#include "../base/parallel.h"
#include "../base/xalloc.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void S_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
    bg_pdf_ctx *ctx = user_data;
    if (!ctx->error) {
        ctx->error = error;
        ctx->error_detail = detail;
    }
}

int bg_pdf_fail(bg_pdf_ctx *ctx, const char *what)
{
    /* libharu's object calls record an error without calling the handler. */
    HPDF_STATUS error = ctx->error, detail = ctx->error_detail;
    if (!error && ctx->doc) {
        error = HPDF_GetError(ctx->doc);
        detail = HPDF_GetErrorDetail(ctx->doc);
    }
    if (error == HPDF_FAILD_TO_ALLOC_MEM) {
        bg_error(ctx->diags, (bg_loc){.file = ctx->path}, _("cannot write the PDF: out of memory while %s"), what);
        bg_diag_hint(ctx->diags, _("the report needs more memory than this process may use (see ulimit -v); "
                                   "the previous file, if any, is left as it was"));
        return -1;
    }
    bg_error(ctx->diags, (bg_loc){.file = ctx->path},
             _("cannot write the PDF: %s failed (libharu error 0x%04X, detail %u)"), what, (unsigned)error,
             (unsigned)detail);
    return -1;
}

int bg_pdf_page_put(bg_pdf_ctx *ctx, HPDF_Page page, const bg_buf *ops)
{
    (void)page; /* the page being drawn: its operators are ctx->page_ops */
    if (ops->len == 0)
        return 0;
    bg_sha256_update(&ctx->content, ops->data, ops->len);
    if (ctx->page_hashes && ctx->page_count > 0 && ctx->page_count <= ctx->page_hash_count) {
        /* FNV-1a over 8-byte words: a page's operators come in the same pieces every
         * build, so the same page has the same hash */
        uint64_t *h = &ctx->page_hashes[ctx->page_count - 1];
        size_t i = 0;
        for (; i + 8 <= ops->len; i += 8) {
            uint64_t w;
            memcpy(&w, ops->data + i, 8);
            *h = (*h ^ w) * 1099511628211ull;
        }
        for (; i < ops->len; i++)
            *h = (*h ^ (unsigned char)ops->data[i]) * 1099511628211ull;
    }
    /* kept here, not written through libharu's memory stream, which copies byte by byte
     * (2.3 M instructions of the 2023 build) only for the worker to copy them out */
    bg_buf_put(&ctx->page_ops, ops->data, ops->len);
    return 0;
}

int bg_pdf_page_flush(bg_pdf_ctx *ctx, HPDF_Page page)
{
    bg_buf *ops = &ctx->page_ops;
    if (ops->len == 0)
        return 0;
    HPDF_Stream stream = ((HPDF_PageAttr)page->attr)->stream;
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)ops->data, (HPDF_UINT)ops->len);
    bg_buf_clear(ops);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("writing a page's content"));
}

static int S_draw_item(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    switch (item->kind) {
    case BG_ITEM_GLYPHS:
        return bg_pdf_draw_glyphs(ctx, page, &item->u.glyphs);
    case BG_ITEM_LINE:
        return bg_pdf_draw_line(ctx, page, item);
    case BG_ITEM_RECT:
        return bg_pdf_draw_rect(ctx, page, item);
    case BG_ITEM_PATH:
        return bg_pdf_draw_path(ctx, page, item);
    case BG_ITEM_IMAGE:
        return bg_pdf_draw_image(ctx, page, item);
    case BG_ITEM_LINK: /* navigation.c, once every page exists */
    case BG_ITEM_DEST:
        return 0;
    }
    return 0;
}

static int S_add_pages(bg_pdf_ctx *ctx, const bg_pages *pages)
{
    HPDF_Date date;
    bool dated = bg_pdf_document_date(&pages->info, &date);
    ctx->pages = bg_xcalloc(pages->count ? pages->count : 1, sizeof *ctx->pages);
    /* One /Kids array holds at most 8191 pages in an archive file: a longer document gets
     * a tree of Pages nodes. */
    if (pages->count > BG_TAG_MAX_KIDS && HPDF_SetPagesConfiguration(ctx->doc, BG_TAG_MAX_KIDS / 2) != HPDF_OK)
        return bg_pdf_fail(ctx, _("adding a page"));
    for (size_t i = 0; i < pages->count; i++) {
        const bg_page *src = &pages->pages[i];
        HPDF_Page page = HPDF_AddPage(ctx->doc);
        if (!page || HPDF_Page_SetWidth(page, (HPDF_REAL)(src->width + 2 * ctx->offset)) != HPDF_OK ||
            HPDF_Page_SetHeight(page, (HPDF_REAL)(src->height + 2 * ctx->offset)) != HPDF_OK ||
            bg_pdf_page_boxes(ctx, page, src, pages->bleed) != 0)
            return bg_pdf_fail(ctx, _("adding a page"));
        ctx->pages[ctx->page_count++] = page;
        if (bg_pdf_page_begin(ctx, page) != 0)
            return -1;
        for (size_t k = 0; k < src->count; k++)
            if (bg_pdf_tags_item(ctx, page, &src->items[k]) != 0 || S_draw_item(ctx, page, &src->items[k]) != 0)
                return -1;
        if (bg_pdf_tags_page_end(ctx, page) != 0 || bg_pdf_page_end(ctx, page, src, pages->bleed, pages->marks) != 0 ||
            bg_pdf_page_pieceinfo(ctx, page, i, src, dated ? &date : NULL) != 0)
            return -1;
        if (!bg_pdf_deflate_page(ctx, i) && bg_pdf_page_flush(ctx, page) != 0)
            return -1;
    }
    return 0;
}

static void S_ctx_free(bg_pdf_ctx *ctx)
{
    bg_pdf_worker_free(ctx);
    bg_buf_free(&ctx->page_ops);
    bg_pdf_tags_free(ctx);
    bg_pdf_fonts_free(ctx);
    for (size_t i = 0; i < ctx->image_count; i++)
        free(ctx->images[i].file);
    free(ctx->images);
    free(ctx->pages);
    if (ctx->doc)
        HPDF_Free(ctx->doc);
}

/* libharu's writes of the saved file, appended to the bg_buf the stream was made with. */
static HPDF_STATUS S_collect(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    bg_buf_put(stream->attr, ptr, size);
    return HPDF_OK;
}

/* The file's bytes: libharu saves into a stream of ours (it never touches the disk, so
 * none of its unchecked writes can lose data) that appends them to out. Saving into
 * libharu's own memory stream and reading it back copied every byte twice more, byte by
 * byte (HPDF_MemCpy: 4% of the 2023 build's instructions, with the other streams). */
static int S_save(bg_pdf_ctx *ctx, bg_buf *out)
{
    bg_buf_clear(out);
    bg_buf_put(out, "", 0);
    HPDF_Stream stream = HPDF_CallbackWriter_New(ctx->doc->mmgr, S_collect, out);
    if (!stream)
        return bg_pdf_fail(ctx, _("saving the file"));
    if (ctx->doc->stream) /* none before the first save; HPDF_Free frees ours */
        HPDF_Stream_Free(ctx->doc->stream);
    ctx->doc->stream = stream;
    if (HPDF_SaveToStream(ctx->doc) != HPDF_OK)
        return bg_pdf_fail(ctx, _("saving the file"));
    return 0;
}

/* bg_pdf_render into ctx, which the caller frees (S_ctx_free) whatever the result. */
static int S_render(const bg_pages *pages, const bg_pdf_options *opts, const char *path, bg_buf *out,
                    bg_diags *diags, bg_pdf_ctx *ctx)
{
    int rc = -1;
    memset(ctx, 0, sizeof *ctx);
    ctx->path = path;
    ctx->diags = diags;
    ctx->compress = opts->compress;
    bg_sha256_init(&ctx->content);
    ctx->offset = bg_pdf_media_offset(pages);
    ctx->pdfa = opts->pdfa;
    ctx->page_hashes = opts->page_hashes;
    ctx->page_hash_count = opts->page_hash_count;
    for (size_t i = 0; i < ctx->page_hash_count; i++)
        ctx->page_hashes[i] = 14695981039346656037ull;

    ctx->doc = HPDF_New(S_on_error, ctx);
    if (!ctx->doc) {
        bg_error(diags, (bg_loc){.file = path}, _("cannot write the PDF: libharu failed to start"));
        goto cleanup;
    }
    ctx->doc->pdf_version = HPDF_VER_17; /* libharu writes 1.3; /Lang alone needs 1.4 */
    if (HPDF_SetCompressionMode(ctx->doc, opts->compress ? HPDF_COMP_ALL : HPDF_COMP_NONE) != HPDF_OK) {
        bg_pdf_fail(ctx, _("setting the compression mode"));
        goto cleanup;
    }
    /* A level-A archive is tagged whatever the options say. */
    bool level_a = opts->pdfa == BG_PDFA_1A || opts->pdfa == BG_PDFA_3A;
    if ((!opts->no_tags || level_a) && bg_pdf_tags_begin(ctx, pages) != 0)
        goto cleanup;
    bg_pdf_worker_start(ctx, pages);
    if (S_add_pages(ctx, pages) != 0)
        goto cleanup;
    if (bg_pdf_fonts_embed(ctx) != 0)
        goto cleanup;
    if (bg_pdf_navigation(ctx, pages) != 0)
        goto cleanup;
    if (bg_pdf_info(ctx, &pages->info, opts->creator) != 0 || bg_pdf_tags_finish(ctx) != 0)
        goto cleanup;
    bool ua = ctx->tags && !bg_pdf_tags_ua_obstacle(ctx, &pages->info);
    if (level_a && !ctx->tags) {
        bg_error(diags, (bg_loc){.file = path}, _("cannot write a level-A archive: the document has no structure"));
        goto cleanup;
    }
    if (opts->pdfa != BG_PDFA_NONE ? bg_pdf_archive(ctx, &pages->info, opts->creator, opts->pdfa, ua) != 0
                                   : ua && bg_pdf_metadata(ctx, &pages->info, opts->creator, ua) != 0)
        goto cleanup;
    if (bg_pdfa_part(opts->pdfa) == 3) {
        HPDF_Date date;
        bool dated = bg_pdf_document_date(&pages->info, &date);
        if (bg_pdf_attach(ctx, opts->attachments, opts->attachment_count, dated ? &date : NULL) != 0)
            goto cleanup;
    }
    if (bg_pdf_document_id(ctx) != 0 || bg_pdf_deflate_pages(ctx) != 0)
        goto cleanup;
    if (S_save(ctx, out) != 0)
        goto cleanup;
    /* PDF/A-1 forbids object streams; PDF/A-3 allows them. A file packing does not
     * understand stays as libharu wrote it. */
    if (!opts->no_object_streams && bg_pdfa_part(opts->pdfa) != 1)
        (void)bg_pdf_pack_objects(out, opts->compress);
    rc = 0;
cleanup:
    return rc;
}

int bg_pdf_render(const bg_pages *pages, const bg_pdf_options *opts, const char *path, bg_buf *out,
                  bg_diags *diags)
{
    bg_pdf_ctx ctx;
    int rc = S_render(pages, opts, path, out, diags, &ctx);
    S_ctx_free(&ctx);
    return rc;
}

static void *S_free_thread(void *ctx)
{
    S_ctx_free(ctx);
    return NULL;
}

/* The document is freed on a thread of its own while the file is written and flushed to
 * disk: libharu's objects and the writer's tables took 0.8 ms of the 2023 build, the
 * write and its two fsyncs 2.5–3.5 ms of waiting for the disk. */
int bg_pdf_write(const bg_pages *pages, const bg_pdf_options *opts, const char *path, bg_diags *diags)
{
    bg_buf pdf = {0};
    bg_pdf_ctx *ctx = bg_xmalloc(sizeof *ctx);
    int rc = S_render(pages, opts, path, &pdf, diags, ctx);
    pthread_t thread;
    bool freeing = rc == 0 && bg_cpu_count() > 1 && pthread_create(&thread, NULL, S_free_thread, ctx) == 0;
    if (!freeing)
        S_ctx_free(ctx);
    if (rc == 0)
        rc = bg_outfile_replace(path, pdf.data, pdf.len, diags);
    if (freeing)
        pthread_join(thread, NULL);
    free(ctx);
    bg_buf_free(&pdf);
    return rc;
}
