/* print.c: what a print shop needs around each page. The trimmed page (as layout made
 * it) sits on a larger medium: bleed all round and, with --marks, room for crop marks.
 * Every page gets a MediaBox (the medium), a TrimBox (the finished page) and a BleedBox
 * (trim plus bleed); its content is moved onto the trim by one `cm` at the start; crop
 * marks are hairlines in black at each corner, outside the bleed, 5 mm long and 3 mm off
 * the trim at least. Link areas and destinations are moved by the same offset
 * (navigation.c). */
#include "pdf_ctx.h"
#include "../base/buf.h"

#include <hpdf_objects.h>

#define MM (72.0 / 25.4)
#define MARK_GAP (3 * MM)  /* from the trim, or the bleed when wider */
#define MARK_LEN (5 * MM)

double bg_pdf_media_offset(const bg_pages *pages)
{
    double gap = pages->bleed > MARK_GAP ? pages->bleed : MARK_GAP;
    return pages->marks ? gap + MARK_LEN + 1 * MM : pages->bleed;
}

static HPDF_STATUS S_box(bg_pdf_ctx *ctx, HPDF_Page page, const char *key, double x0, double y0, double x1,
                         double y1)
{
    HPDF_Array box = HPDF_Array_New(ctx->doc->mmgr);
    if (!box)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Dict_Add(page, key, box);
    double v[4] = {x0, y0, x1, y1};
    for (int i = 0; i < 4 && st == HPDF_OK; i++)
        st = HPDF_Array_AddReal(box, (HPDF_REAL)v[i]);
    return st;
}

int bg_pdf_page_boxes(bg_pdf_ctx *ctx, HPDF_Page page, const bg_page *src, double bleed)
{
    double o = ctx->offset;
    HPDF_STATUS st = S_box(ctx, page, "TrimBox", o, o, o + src->width, o + src->height);
    if (st == HPDF_OK)
        st = S_box(ctx, page, "BleedBox", o - bleed, o - bleed, o + src->width + bleed, o + src->height + bleed);
    return st == HPDF_OK ? 0 : -1;
}

int bg_pdf_page_begin(bg_pdf_ctx *ctx, HPDF_Page page)
{
    if (ctx->offset <= 0)
        return 0;
    bg_buf ops = {0};
    bg_buf_puts(&ops, "q 1 0 0 1 ");
    bg_buf_num(&ops, ctx->offset, 3);
    bg_buf_putc(&ops, ' ');
    bg_buf_num(&ops, ctx->offset, 3);
    bg_buf_puts(&ops, " cm\n");
    int rc = bg_pdf_page_put(ctx, page, &ops);
    bg_buf_free(&ops);
    return rc;
}

static void S_mark(bg_buf *ops, double x0, double y0, double x1, double y1)
{
    bg_buf_num(ops, x0, 3);
    bg_buf_putc(ops, ' ');
    bg_buf_num(ops, y0, 3);
    bg_buf_puts(ops, " m ");
    bg_buf_num(ops, x1, 3);
    bg_buf_putc(ops, ' ');
    bg_buf_num(ops, y1, 3);
    bg_buf_puts(ops, " l S\n");
}

int bg_pdf_page_end(bg_pdf_ctx *ctx, HPDF_Page page, const bg_page *src, double bleed, bool marks)
{
    if (ctx->offset <= 0)
        return 0;
    bg_buf ops = {0};
    bg_buf_puts(&ops, "Q\n");
    if (marks) {
        double o = ctx->offset, gap = bleed > MARK_GAP ? bleed : MARK_GAP;
        double xs[2] = {o, o + src->width}, ys[2] = {o, o + src->height};
        if (ctx->tags)
            bg_buf_puts(&ops, "/Artifact <</Type /Page>> BDC\n");
        bg_buf_puts(&ops, "q 0 G 0.25 w\n");
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 2; k++) {
                double sx = i ? 1 : -1, sy = k ? 1 : -1;
                S_mark(&ops, xs[i] + sx * gap, ys[k], xs[i] + sx * (gap + MARK_LEN), ys[k]);
                S_mark(&ops, xs[i], ys[k] + sy * gap, xs[i], ys[k] + sy * (gap + MARK_LEN));
            }
        bg_buf_puts(&ops, ctx->tags ? "Q\nEMC\n" : "Q\n");
    }
    int rc = bg_pdf_page_put(ctx, page, &ops);
    bg_buf_free(&ops);
    return rc;
}
