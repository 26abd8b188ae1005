/* draw.c: the non-text items of a page. Rules, rectangles and paths are written as raw
 * operators into the page's content stream, each in its own q/Q so that colour and line
 * width never leak into the next item; colours use the operators of their colour space
 * (g/G, rg/RG, k/K). Images are loaded once per file (image.c) and drawn through
 * libharu, which registers the XObject in the page's resources, with a matrix that
 * applies the EXIF orientation. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
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

/* What a rectangle's operators are made of, as bytes (for kept.c). */
static void S_rect_key(const bg_item *item, unsigned char key[160])
{
    struct {
        double x, y, w, h, step, stroke_width, fill[4], stroke[4];
        unsigned repeat, fill_space, stroke_space, flags;
    } k;
    memset(&k, 0, sizeof k); /* padding included: the key is compared bytewise */
    k.x = item->u.rect.x;
    k.y = item->u.rect.y;
    k.w = item->u.rect.w;
    k.h = item->u.rect.h;
    k.step = item->u.rect.step;
    k.stroke_width = item->u.rect.stroke_width;
    memcpy(k.fill, item->u.rect.fill_color.v, sizeof k.fill);
    memcpy(k.stroke, item->u.rect.stroke_color.v, sizeof k.stroke);
    k.repeat = item->u.rect.repeat;
    k.fill_space = (unsigned)item->u.rect.fill_color.space;
    k.stroke_space = (unsigned)item->u.rect.stroke_color.space;
    k.flags = (item->u.rect.fill ? 1u : 0u) | (item->u.rect.stroke ? 2u : 0u);
    _Static_assert(sizeof k <= 160, "rectangle key");
    memset(key, 0, 160);
    memcpy(key, &k, sizeof k);
}

int bg_pdf_draw_rect(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    /* Kept between the builds of `baogao watch`: the dot leaders of the contents are
     * long runs of rectangles (3% of a rebuild). */
    unsigned char key[160];
    if (bg_pdf_keeping()) {
        S_rect_key(item, key);
        const bg_buf *kept = bg_pdf_kept_find(BG_KEPT_RECT, key, sizeof key);
        if (kept)
            return bg_pdf_page_put(ctx, page, kept);
    }
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
    bg_buf_puts(&ops, "Q\n");
    if (bg_pdf_keeping())
        bg_pdf_kept_add(BG_KEPT_RECT, key, sizeof key, ops.data, ops.len);
    int rc = bg_pdf_page_put(ctx, page, &ops);
    bg_buf_free(&ops);
    return rc;
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

/* The document's image for a file, loaded on first use (image.c). NULL on failure
 * (reported). */
static const bg_pdf_image *S_image_for(bg_pdf_ctx *ctx, const char *file)
{
    for (size_t i = 0; i < ctx->image_count; i++)
        if (strcmp(ctx->images[i].file, file) == 0)
            return &ctx->images[i];
    int orientation = 1;
    HPDF_Image image = bg_pdf_image_load(ctx, file, &orientation);
    if (!image)
        return NULL;
    BG_GROW(ctx->images, ctx->image_cap, ctx->image_count + 1);
    ctx->images[ctx->image_count] = (bg_pdf_image){bg_xstrdup(file), image, orientation};
    return &ctx->images[ctx->image_count++];
}

/* The matrix that maps the image's unit square onto the box x, y, w, h (as printed) for
 * an EXIF orientation: stored column s and row t (0..1 from the top left) land at
 * (X, Y) from the box's top left, e.g. 6 (turn 90 degrees clockwise): X = 1 - t, Y = s. */
static void S_orientation_matrix(int orientation, double x, double y, double w, double h, double m[6])
{
    double t[8][6] = {
        {w, 0, 0, h, x, y},          /* 1: as stored */
        {-w, 0, 0, h, x + w, y},     /* 2: mirrored left to right */
        {-w, 0, 0, -h, x + w, y + h}, /* 3: turned 180 degrees */
        {w, 0, 0, -h, x, y + h},     /* 4: mirrored top to bottom */
        {0, -h, -w, 0, x + w, y + h}, /* 5: transposed */
        {0, -h, w, 0, x, y + h},     /* 6: turned 90 degrees clockwise */
        {0, h, w, 0, x, y},          /* 7: transversed */
        {0, h, -w, 0, x + w, y},     /* 8: turned 90 degrees anticlockwise */
    };
    memcpy(m, t[orientation >= 1 && orientation <= 8 ? orientation - 1 : 0], sizeof t[0]);
}

int bg_pdf_draw_image(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item)
{
    const bg_pdf_image *image = S_image_for(ctx, item->u.image.file);
    if (!image)
        return -1;
    double m[6];
    S_orientation_matrix(image->orientation, item->u.image.x, item->u.image.y, item->u.image.w,
                         item->u.image.h, m);
    if (bg_pdf_page_flush(ctx, page) != 0) /* libharu writes what follows itself */
        return -1;
    if (HPDF_Page_GSave(page) != HPDF_OK ||
        HPDF_Page_Concat(page, (HPDF_REAL)m[0], (HPDF_REAL)m[1], (HPDF_REAL)m[2], (HPDF_REAL)m[3],
                         (HPDF_REAL)m[4], (HPDF_REAL)m[5]) != HPDF_OK ||
        HPDF_Page_ExecuteXObject(page, image->image) != HPDF_OK || HPDF_Page_GRestore(page) != HPDF_OK)
        return bg_pdf_fail(ctx, _("drawing an image"));
    return 0;
}
