/* pieceinfo.c: what `baogao diff` reads back from a page baogao wrote (docs/diff.md): the
 * page's /PieceInfo /Baogao data dictionary, whose /Private holds the page's two digests
 * (bg_page_digest: /Content without the running head and foot, /Page with them) and a
 * stream /Cells of the table cells printed on the page, one per line as five UTF-8 fields
 * separated by tabs: table id, table label, row, column title, value. */
#include "pdf_ctx.h"
#include "../base/i18n.h"

#include <hpdf_objects.h>
#include <stdio.h>
#include <string.h>

/* Appends s to b with tabs and line breaks turned into spaces. */
static void S_field(bg_buf *b, const char *s, char end)
{
    for (; *s; s++)
        bg_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
    bg_buf_putc(b, end);
}

int bg_pdf_page_pieceinfo(bg_pdf_ctx *ctx, HPDF_Page page, size_t index, const bg_page *src, const HPDF_Date *date)
{
    HPDF_MMgr mm = ctx->doc->mmgr;
    char when[40] = "D:19700101000000+00'00'";
    if (date)
        snprintf(when, sizeof when, "D:%04d%02d%02d%02d%02d%02d+00'00'", date->year, date->month, date->day,
                 date->hour, date->minutes, date->seconds);
    char content[65], whole[65];
    bg_pdf_page_digests(ctx, index, src, content, whole);

    HPDF_Dict pieces = HPDF_Dict_New(mm), data = HPDF_Dict_New(mm), priv = HPDF_Dict_New(mm);
    HPDF_STATUS st = pieces && data && priv ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(page, "PieceInfo", pieces);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(page, "LastModified", HPDF_String_New(mm, when, NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(pieces, "Baogao", data);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(data, "LastModified", HPDF_String_New(mm, when, NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(data, "Private", priv);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(priv, "Version", 1);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(priv, "Content", HPDF_String_New(mm, content, NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(priv, "Page", HPDF_String_New(mm, whole, NULL));
    if (st == HPDF_OK && src->cell_count) {
        bg_buf b;
        bg_buf_init(&b);
        for (size_t i = 0; i < src->cell_count; i++) {
            const bg_page_cell *c = &src->cells[i];
            S_field(&b, c->table, '\t');
            S_field(&b, c->label, '\t');
            S_field(&b, c->row, '\t');
            S_field(&b, c->column, '\t');
            S_field(&b, c->value, '\n');
        }
        HPDF_Dict cells = HPDF_DictStream_New(mm, ctx->doc->xref);
        st = cells ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
        if (st == HPDF_OK && bg_pdf_stream_put(ctx, cells, b.data, b.len, BG_PDF_LEVEL_SMALL) != 0)
            st = HPDF_FAILD_TO_ALLOC_MEM;
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(priv, "Cells", cells);
        bg_buf_free(&b);
    }
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("recording the page's digest"));
}
