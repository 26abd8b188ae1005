/* deflate.c: stream compression chosen per kind of stream (see pdf_ctx.h), done by
 * libdeflate, whose one-shot compressor gave smaller streams than zlib at every kind and
 * level and took half its time or less. Measured on the 2023 report's streams (time of
 * this machine, best of 7; zlib was used before):
 *   page content, 170 KB:  zlib 5 29.6% in 5.36 ms, zlib 6 29.4% in 6.01 ms;
 *                          libdeflate 1 30.7% in 1.56 ms, 5 29.1% in 3.01 ms, 6 28.9% in
 *                          3.30 ms: level 5 (worker.c deflates them, on the writer's
 *                          second thread);
 *   font programs, 401 KB: zlib 6 79.5% in 16.2 ms; libdeflate 6 79.3% in 7.45 ms:
 *                          deflated once at level 6 and kept that way in the subset
 *                          cache (subset.c);
 *   other objects, 80 KB:  zlib 5 20.7% in 2.02 ms; libdeflate 5 19.8% in 0.93 ms, 6
 *                          19.5% in 1.25 ms: level 5 for the object streams (objstm.c);
 *   PNG data is copied deflated as it is (png.c), JPEG data as it is (DCT); a PNG that
 *   must be decoded is deflated again row by row with zlib (image.c).
 * Streams we deflate ourselves carry filter NONE for libharu, which would otherwise drop
 * our /Filter key, and write the key from the dictionary's write hook.
 * In `baogao watch` (bg_pdf_keep_streams), what was deflated is kept by content and level
 * for the next build (kept.c): a page a correction did not change gives the same bytes
 * without deflating it again (deflating the pages was 16% of a rebuild of the 2023 report
 * once its paragraphs were kept). */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

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
    if (bg_pdf_worker_put(ctx, stream, data, len, level))
        return 0; /* deflated on the writer's second thread (worker.c) */
    int kind = BG_KEPT_DEFLATED + 16 * level; /* kept by level and data */
    if (bg_pdf_keeping()) {
        const bg_buf *kept = bg_pdf_kept_find(kind, data, len);
        if (kept)
            return bg_pdf_stream_put_deflated(stream, kept->data, kept->len);
    }
    bg_buf z = {0};
    int rc = bg_pdf_deflate(data, len, level, &z) == 0 ? bg_pdf_stream_put_deflated(stream, z.data, z.len) : -1;
    if (rc == 0)
        bg_pdf_kept_add(kind, data, len, z.data, z.len);
    bg_buf_free(&z);
    return rc;
}

/* A compressor made for each stream: kept per thread and level instead, the compressors'
 * tables stayed in memory side by side, which cost more page faults a build (2,682–2,746
 * against 2,645) than making one, where the last one freed was. */
int bg_pdf_deflate(const void *data, size_t len, int level, bg_buf *out)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c)
        return -1;
    size_t bound = libdeflate_zlib_compress_bound(c, len);
    bg_buf_clear(out);
    BG_GROW(out->data, out->cap, bound + 1);
    out->len = libdeflate_zlib_compress(c, data, len, out->data, bound);
    libdeflate_free_compressor(c);
    return out->len > 0 ? 0 : -1;
}
