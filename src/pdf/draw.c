/* draw.c: the non-text items of a page. Rules, rectangles and paths are written as raw
 * operators into the page's content stream, each in its own q/Q so that colour and line
 * width never leak into the next item; colours use the operators of their colour space
 * (g/G, rg/RG, k/K). Images are loaded once per file (PNG or JPEG, by content) and drawn
 * through libharu, which registers the XObject in the page's resources. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "png.h"
#include "../base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bg_pdf_color(bg_buf *ops, const bg_color *color, bool stroke)
{
    static const char *const fill_ops[] = {"g", "rg", "k"}, *const stroke_ops[] = {"G", "RG", "K"};
    static const int components[] = {1, 3, 4};
    for (int i = 0; i < components[color->space]; i++) {
        bg_buf_num(ops, color->v[i], 4);
        bg_buf_putc(ops, ' ');
    }
    bg_buf_puts(ops, stroke ? stroke_ops[color->space] : fill_ops[color->space]);
    bg_buf_putc(ops, '\n');
}

/* Appends "x y " with three decimals. */
static void S_point(bg_buf *ops, double x, double y)
{
    bg_buf_num(ops, x, 3);
    bg_buf_putc(ops, ' ');
    bg_buf_num(ops, y, 3);
    bg_buf_putc(ops, ' ');
}

static void S_line_width(bg_buf *ops, double width)
{
    bg_buf_num(ops, width, 3);
    bg_buf_puts(ops, " w\n");
}

/* Writes ops wrapped in q/Q and frees them. */
static int S_put_and_free(bg_pdf_ctx *ctx, HPDF_Page page, bg_buf *ops)
{
    bg_buf_puts(ops, "Q\n");
    int rc = bg_pdf_page_put(ctx, page, ops);
    bg_buf_free(ops);
    return rc;
}

int bg_pdf_draw_line(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    bg_buf ops;
    bg_buf_init(&ops);
    bg_buf_puts(&ops, "q\n");
    S_line_width(&ops, item->u.line.width);
    bg_pdf_color(&ops, &item->u.line.color, true);
    S_point(&ops, item->u.line.x0, item->u.line.y0);
    bg_buf_puts(&ops, "m ");
    S_point(&ops, item->u.line.x1, item->u.line.y1);
    bg_buf_puts(&ops, "l S\n");
    return S_put_and_free(ctx, page, &ops);
}

/* The painting operator for fill and/or stroke: f, S, B (or n for neither). */
static const char *S_paint_op(bool fill, bool stroke)
{
    return fill && stroke ? "B" : fill ? "f" : stroke ? "S" : "n";
}

static void S_paint_state(bg_buf *ops, bool fill, bool stroke, const bg_color *fill_color,
                          const bg_color *stroke_color, double stroke_width)
{
    if (fill)
        bg_pdf_color(ops, fill_color, false);
    if (stroke) {
        bg_pdf_color(ops, stroke_color, true);
        S_line_width(ops, stroke_width);
    }
}

int bg_pdf_draw_rect(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    bg_buf ops;
    bg_buf_init(&ops);
    bg_buf_puts(&ops, "q\n");
    S_paint_state(&ops, item->u.rect.fill, item->u.rect.stroke, &item->u.rect.fill_color,
                  &item->u.rect.stroke_color, item->u.rect.stroke_width);
    double x = item->u.rect.x;
    for (unsigned i = 0; i <= item->u.rect.repeat; i++, x += item->u.rect.step) {
        S_point(&ops, x, item->u.rect.y);
        S_point(&ops, item->u.rect.w, item->u.rect.h);
        bg_buf_puts(&ops, i < item->u.rect.repeat ? "re\n" : "re ");
    }
    bg_buf_printf(&ops, "%s\n", S_paint_op(item->u.rect.fill, item->u.rect.stroke));
    return S_put_and_free(ctx, page, &ops);
}

int bg_pdf_draw_path(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    if (item->u.path.count == 0)
        return 0;
    bg_buf ops;
    bg_buf_init(&ops);
    bg_buf_puts(&ops, "q\n");
    S_paint_state(&ops, item->u.path.fill, item->u.path.stroke, &item->u.path.fill_color,
                  &item->u.path.stroke_color, item->u.path.stroke_width);
    for (size_t i = 0; i < item->u.path.count; i++) {
        S_point(&ops, item->u.path.xy[2 * i], item->u.path.xy[2 * i + 1]);
        bg_buf_puts(&ops, i == 0 ? "m\n" : "l\n");
    }
    if (item->u.path.closed)
        bg_buf_puts(&ops, "h ");
    bg_buf_printf(&ops, "%s\n", S_paint_op(item->u.path.fill, item->u.path.stroke));
    return S_put_and_free(ctx, page, &ops);
}

/* Whether the file starts with the PNG signature (otherwise it is taken as JPEG). */
static bool S_is_png(const char *file)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char head[8] = {0};
    FILE *f = fopen(file, "rb");
    if (!f)
        return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == sizeof head && memcmp(head, sig, sizeof sig) == 0;
}

/* The document's image for a file, loaded on first use. NULL on failure (reported). */
static HPDF_Image S_image_for(bg_pdf_ctx *ctx, const char *file)
{
    for (size_t i = 0; i < ctx->image_count; i++)
        if (strcmp(ctx->images[i].file, file) == 0)
            return ctx->images[i].image;
    HPDF_Image image = NULL;
    if (S_is_png(file)) {
        image = bg_pdf_png_copy(ctx->doc, file);
        if (!image)
            image = HPDF_LoadPngImageFromFile(ctx->doc, file);
        /* PDF/A-1 allows no transparency: an alpha channel is dropped, and said so. */
        if (image && ctx->pdfa == BG_PDFA_1B && HPDF_Dict_GetItem(image, "SMask", HPDF_OCLASS_DICT)) {
            HPDF_Dict_RemoveElement(image, "SMask");
            bg_warning(ctx->diags, (bg_loc){.file = file},
                       _("the image's transparency is left out: PDF/A-1b allows none"));
        }
    } else {
        image = HPDF_LoadJpegImageFromFile(ctx->doc, file);
    }
    if (!image) {
        bg_error(ctx->diags, (bg_loc){.file = file},
                 _("cannot embed the image in the PDF (libharu error 0x%04X): it must be a PNG or a baseline JPEG"),
                 (unsigned)ctx->error);
        return NULL;
    }
    BG_GROW(ctx->images, ctx->image_cap, ctx->image_count + 1);
    ctx->images[ctx->image_count++] = (bg_pdf_image){bg_xstrdup(file), image};
    return image;
}

int bg_pdf_draw_image(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    HPDF_Image image = S_image_for(ctx, item->u.image.file);
    if (!image)
        return -1;
    if (HPDF_Page_DrawImage(page, image, (HPDF_REAL)item->u.image.x, (HPDF_REAL)item->u.image.y,
                            (HPDF_REAL)item->u.image.w, (HPDF_REAL)item->u.image.h) != HPDF_OK)
        return bg_pdf_fail(ctx, "drawing an image");
    return 0;
}
