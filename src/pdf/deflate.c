/* deflate.c: stream compression chosen per kind of stream (see pdf_ctx.h). libharu
 * deflates every stream at zlib's default level 6; measured on the 2023 report
 * (process CPU, best of 10):
 *   page content, 356 KB:  level 1 23.5% in 2.9 ms, 4 21.2% in 4.0 ms, 5 20.3% in 5.0 ms,
 *                          6 20.1% in 6.6 ms: level 5;
 *   font programs, 401 KB: level 1 80.5% in 10.3 ms, 6 79.5% in 14.0 ms: deflated once
 *                          at level 6 and kept that way in the subset cache (subset.c);
 *   PNG data is copied deflated as it is (png.c), JPEG data as it is (DCT).
 * Streams we deflate ourselves carry filter NONE for libharu, which would otherwise drop
 * our /Filter key, and write the key from the dictionary's write hook.
 * In `baogao watch` (bg_pdf_keep_streams), what was deflated is kept by content and level
 * for the next build: a page a correction did not change gives the same bytes without
 * deflating it again (deflating the pages was 16% of a rebuild of the 2023 report once its
 * paragraphs were kept). Whole contents are compared, never only a hash. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>

enum { S_CONTENT_LEVEL = 5 };

typedef struct S_kept {
    uint64_t hash;
    int level;
    bg_buf raw, z;
    unsigned used; /* the build that last used it */
} S_kept;

static bool S_keep;
static S_kept *S_kept_items;
static size_t S_kept_count, S_kept_cap;
static unsigned S_build = 1;

void bg_pdf_keep_streams(void)
{
    S_keep = true;
}

void bg_pdf_kept_sweep(void)
{
    size_t n = 0;
    for (size_t i = 0; i < S_kept_count; i++) {
        if (S_kept_items[i].used == S_build) {
            S_kept_items[n++] = S_kept_items[i];
        } else {
            bg_buf_free(&S_kept_items[i].raw);
            bg_buf_free(&S_kept_items[i].z);
        }
    }
    S_kept_count = n;
    S_build++;
}

void bg_pdf_kept_free(void)
{
    for (size_t i = 0; i < S_kept_count; i++) {
        bg_buf_free(&S_kept_items[i].raw);
        bg_buf_free(&S_kept_items[i].z);
    }
    free(S_kept_items);
    S_kept_items = NULL;
    S_kept_count = S_kept_cap = 0;
}

/* FNV-1a over 8-byte words (the tail bytewise). */
static uint64_t S_hash(const void *data, size_t len, int level)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)level;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
    }
    for (; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h ^ len;
}

/* The kept deflation of data at level, or NULL. */
static const bg_buf *S_kept_find(uint64_t hash, const void *data, size_t len, int level)
{
    for (size_t i = 0; i < S_kept_count; i++) {
        S_kept *k = &S_kept_items[i];
        if (k->hash == hash && k->level == level && k->raw.len == len && memcmp(k->raw.data, data, len) == 0) {
            k->used = S_build;
            return &k->z;
        }
    }
    return NULL;
}

static HPDF_STATUS S_write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

int bg_pdf_stream_put_deflated(HPDF_Dict stream, const void *data, size_t len)
{
    stream->filter = HPDF_STREAM_FILTER_NONE;
    stream->write_fn = S_write_filter;
    if (len && HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len) != HPDF_OK)
        return -1;
    return 0;
}

int bg_pdf_stream_put(bg_pdf_ctx *ctx, HPDF_Dict stream, const void *data, size_t len, int level)
{
    if (!ctx->compress) {
        stream->filter = HPDF_STREAM_FILTER_NONE;
        return len && HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len) != HPDF_OK ? -1 : 0;
    }
    uint64_t hash = 0;
    if (S_keep) {
        hash = S_hash(data, len, level);
        const bg_buf *kept = S_kept_find(hash, data, len, level);
        if (kept)
            return bg_pdf_stream_put_deflated(stream, kept->data, kept->len);
    }
    uLongf cap = compressBound(len);
    Bytef *z = bg_xmalloc(cap);
    int rc = compress2(z, &cap, data, len, level) == Z_OK ? bg_pdf_stream_put_deflated(stream, z, cap) : -1;
    if (rc == 0 && S_keep) {
        BG_GROW(S_kept_items, S_kept_cap, S_kept_count + 1);
        S_kept *k = &S_kept_items[S_kept_count++];
        *k = (S_kept){hash, level, {0}, {0}, S_build};
        bg_buf_put(&k->raw, data, len);
        bg_buf_put(&k->z, z, cap);
    }
    free(z);
    return rc;
}

int bg_pdf_deflate_pages(bg_pdf_ctx *ctx)
{
    if (!ctx->compress)
        return 0;
    bg_buf all = {0};
    int rc = 0;
    for (size_t i = 0; i < ctx->page_count && rc == 0; i++) {
        HPDF_Dict contents = ((HPDF_PageAttr)ctx->pages[i]->attr)->contents;
        if (!contents || contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
            continue;
        bg_buf_clear(&all);
        HPDF_UINT n = HPDF_MemStream_GetBufCount(contents->stream);
        for (HPDF_UINT k = 0; k < n; k++) {
            HPDF_UINT len = 0;
            HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(contents->stream, k, &len);
            if (p && len)
                bg_buf_put(&all, p, len);
        }
        HPDF_MemStream_FreeData(contents->stream);
        rc = bg_pdf_stream_put(ctx, contents, all.data, all.len, S_CONTENT_LEVEL);
    }
    bg_buf_free(&all);
    return rc == 0 ? 0 : bg_pdf_fail(ctx, _("compressing a page's content"));
}
