/* deflate.c: stream compression chosen per kind of stream (see pdf_ctx.h). libharu
 * deflates every stream at zlib's default level 6; measured on the 2023 report
 * (process CPU, best of 10):
 *   page content, 356 KB:  level 1 23.5% in 2.9 ms, 4 21.2% in 4.0 ms, 5 20.3% in 5.0 ms,
 *                          6 20.1% in 6.6 ms: level 5 (worker.c deflates them, on the
 *                          writer's second thread);
 *   font programs, 401 KB: level 1 80.5% in 10.3 ms, 6 79.5% in 14.0 ms: deflated once
 *                          at level 6 and kept that way in the subset cache (subset.c);
 *   PNG data is copied deflated as it is (png.c), JPEG data as it is (DCT).
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
#include <zlib.h>
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
    uLongf cap = compressBound(len);
    Bytef *z = bg_xmalloc(cap);
    int rc = compress2(z, &cap, data, len, level) == Z_OK ? bg_pdf_stream_put_deflated(stream, z, cap) : -1;
    if (rc == 0)
        bg_pdf_kept_add(kind, data, len, z, cap);
    free(z);
    return rc;
}
