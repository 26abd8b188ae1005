/* figure.c: figures in the vertical list: an image scaled to the requested width with its
 * aspect ratio kept (a warning naming the file when it prints below 300 dpi), or a chart
 * drawn as vectors (bar, line, pie) with axes, labels and values in the report's fonts;
 * the caption below (图 N 标题), kept with the figure. A figure that does not fit floats
 * to the next page while the text flows on. */
#include "flow.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fig_box {
    const bg_node *node;
    double width, height; /* the picture, pt */
    double x;             /* offset within the text block */
    /* charts: labels and values set once */
    bg_para **labels;
    bg_para **values; /* count × series: the value labels, [i * series + s] */
    bg_para **legend; /* per series when there are several */
    size_t series;
    bg_para *unit;
    size_t count;
    double max;
} fig_box;

/* Pixel size of a PNG or JPEG file; false when it cannot be read. */
/* Whether an image file holds RGB colour (PNG colour types 2, 3, 6; JPEG with three
 * components), which a CMYK print run must convert. */
static bool S_image_is_rgb(const char *file)
{
    FILE *fp = fopen(file, "rb");
    if (!fp)
        return false;
    unsigned char b[32];
    bool rgb = false;
    if (fread(b, 1, 26, fp) == 26 && b[0] == 0x89 && b[1] == 'P') {
        rgb = b[25] == 2 || b[25] == 3 || b[25] == 6;
    } else if (b[0] == 0xFF && b[1] == 0xD8) {
        fseek(fp, 2, SEEK_SET);
        for (;;) {
            int c = fgetc(fp), marker = fgetc(fp);
            int hi = fgetc(fp), lo = fgetc(fp);
            if (c != 0xFF || hi < 0 || lo < 0)
                break;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                unsigned char sof[6];
                rgb = fread(sof, 1, 6, fp) == 6 && sof[5] == 3;
                break;
            }
            fseek(fp, ((hi << 8) | lo) - 2, SEEK_CUR);
        }
    }
    fclose(fp);
    return rgb;
}

static bool S_image_size(const char *file, int *w, int *h)
{
    FILE *fp = fopen(file, "rb");
    if (!fp)
        return false;
    unsigned char b[32];
    bool ok = false;
    if (fread(b, 1, 24, fp) == 24 && b[0] == 0x89 && b[1] == 'P') {
        *w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
        *h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
        ok = *w > 0 && *h > 0;
    } else if (b[0] == 0xFF && b[1] == 0xD8) {
        fseek(fp, 2, SEEK_SET);
        for (;;) {
            int c = fgetc(fp);
            if (c != 0xFF)
                break;
            int marker = fgetc(fp);
            while (marker == 0xFF)
                marker = fgetc(fp);
            int hi = fgetc(fp), lo = fgetc(fp);
            if (hi < 0 || lo < 0)
                break;
            int len = (hi << 8) | lo;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                unsigned char s[5];
                if (fread(s, 1, 5, fp) == 5) {
                    *h = (s[1] << 8) | s[2];
                    *w = (s[3] << 8) | s[4];
                    ok = *w > 0 && *h > 0;
                }
                break;
            }
            fseek(fp, len - 2, SEEK_CUR);
        }
    }
    fclose(fp);
    return ok;
}

static void S_draw_image(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    const fig_box *fb = it->data;
    /* Pagination may have scaled the picture down to fit; it stays centred. */
    double s = f->placed ? f->placed[it - f->items].scale : 1;
    if (s <= 0 || s > 1)
        s = 1;
    bg_item *img = bg_page_add(page, BG_ITEM_IMAGE);
    img->u.image.file = bg_xstrdup(fb->node->u.figure.image);
    img->u.image.x = x + fb->x + fb->width * (1 - s) / 2;
    img->u.image.y = y_top - fb->height * s;
    img->u.image.w = fb->width * s;
    img->u.image.h = fb->height * s;
}

static void S_rect(bg_page *page, double x, double y, double w, double h, bg_color fill)
{
    bg_item *r = bg_page_add(page, BG_ITEM_RECT);
    r->u.rect.x = x;
    r->u.rect.y = y;
    r->u.rect.w = w;
    r->u.rect.h = h;
    r->u.rect.fill = true;
    r->u.rect.fill_color = fill;
}

static void S_line(bg_page *page, double x0, double y0, double x1, double y1, double w, bg_color c)
{
    bg_item *l = bg_page_add(page, BG_ITEM_LINE);
    l->u.line.x0 = x0;
    l->u.line.y0 = y0;
    l->u.line.x1 = x1;
    l->u.line.y1 = y1;
    l->u.line.width = w;
    l->u.line.color = c;
}

/* Draws a one-line label centred on cx with its baseline at y. */
static void S_label(bg_page *page, const bg_para *p, double cx, double y)
{
    if (!p || !p->shaped || !p->lines.count)
        return;
    double w = p->lines.lines[0].width;
    for (size_t i = 0; i < p->lines.count; i++) {
        double lw = p->lines.lines[i].width;
        bg_draw_line(p->shaped, &p->lines, i, cx - lw / 2 - p->lines.lines[i].indent, y - i * p->line_height,
                     bg_gray(0), page);
    }
    (void)w;
}

static const bg_color S_palette[] = {
    {BG_COLOR_RGB, {0.16, 0.38, 0.62, 0}}, {BG_COLOR_RGB, {0.85, 0.45, 0.16, 0}},
    {BG_COLOR_RGB, {0.30, 0.60, 0.34, 0}}, {BG_COLOR_RGB, {0.72, 0.22, 0.24, 0}},
    {BG_COLOR_RGB, {0.50, 0.40, 0.66, 0}}, {BG_COLOR_RGB, {0.55, 0.55, 0.55, 0}},
};

/* Several series: a key above the plot's right end, a swatch and a name each. */
static void S_legend(const bg_flow *f, const fig_box *fb, bg_page *page, double right, double y)
{
    if (fb->series < 2)
        return;
    double size = f->style->small_size, x = right;
    for (size_t s = fb->series; s-- > 0;) {
        const bg_para *name = fb->legend[s];
        double w = name->lines.count ? name->lines.lines[0].width : 0;
        x -= w;
        bg_draw_line(name->shaped, &name->lines, 0, x - name->lines.lines[0].indent, y, bg_gray(0), page);
        x -= size * 1.1;
        S_rect(page, x, y - size * 0.05, size * 0.8, size * 0.8, S_palette[s % 6]);
        x -= size * 1.2;
    }
}

static void S_draw_chart(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    const fig_box *fb = it->data;
    const bg_chart *ch = fb->node->u.figure.chart;
    double left = x + fb->x, bottom = y_top - fb->height;
    double label_h = f->style->small_size * 3.2;
    double plot_bottom = bottom + label_h, plot_top = y_top - f->style->small_size * 2.5;
    double plot_h = plot_top - plot_bottom;
    double axis_x = left + f->style->small_size * 1.5;
    double plot_w = left + fb->width - axis_x;
    if (ch->kind == BG_CHART_PIE) {
        double cx = left + fb->width / 2, cy = bottom + fb->height / 2 + label_h / 2;
        double r = fmin(fb->width, fb->height - label_h) * 0.35, sum = 0;
        for (size_t i = 0; i < fb->count; i++)
            sum += fabs(ch->series[0].values[i]);
        double a = M_PI / 2;
        for (size_t i = 0; i < fb->count && sum > 0; i++) {
            double sweep = 2 * M_PI * fabs(ch->series[0].values[i]) / sum;
            int steps = (int)(sweep / 0.05) + 2;
            bg_item *p = bg_page_add(page, BG_ITEM_PATH);
            p->u.path.count = (size_t)steps + 2;
            p->u.path.xy = bg_xcalloc(2 * p->u.path.count, sizeof(double));
            p->u.path.xy[0] = cx, p->u.path.xy[1] = cy;
            for (int s = 0; s <= steps; s++) {
                double t = a - sweep * s / steps;
                p->u.path.xy[2 + 2 * s] = cx + r * cos(t);
                p->u.path.xy[3 + 2 * s] = cy + r * sin(t);
            }
            p->u.path.closed = p->u.path.fill = p->u.path.stroke = true;
            p->u.path.fill_color = S_palette[i % 6];
            p->u.path.stroke_color = bg_gray(1);
            p->u.path.stroke_width = 0.8;
            double mid = a - sweep / 2;
            S_label(page, fb->labels[i], cx + r * 1.3 * cos(mid), cy + r * 1.25 * sin(mid) - 3);
            S_label(page, fb->values[i * fb->series], cx + r * 0.65 * cos(mid), cy + r * 0.65 * sin(mid) - 3);
            a -= sweep;
        }
        return;
    }
    /* Axes. */
    S_line(page, axis_x, plot_bottom, axis_x + plot_w, plot_bottom, 0.6, bg_gray(0));
    S_line(page, axis_x, plot_bottom, axis_x, plot_top, 0.6, bg_gray(0));
    /* Light gridlines at quarters of the maximum. */
    for (int g = 1; g <= 4; g++) {
        double gy = plot_bottom + plot_h * g / 4.0;
        S_line(page, axis_x, gy, axis_x + plot_w, gy, 0.3, bg_gray(0.8));
    }
    if (fb->unit)
        S_label(page, fb->unit, axis_x, plot_top + f->style->small_size * 0.8);
    double slot = plot_w / (double)(fb->count ? fb->count : 1);
    size_t nser = fb->series;
    for (size_t s = 0; s < nser; s++) {
        double prev_x = 0, prev_y = 0;
        for (size_t i = 0; i < fb->count; i++) {
            double cx = axis_x + slot * (i + 0.5);
            double v = ch->series[s].values[i];
            double h = fb->max > 0 ? plot_h * v / fb->max : 0;
            const bg_para *value = fb->values[i * nser + s];
            if (ch->kind == BG_CHART_BAR) {
                double bw = slot * 0.6 / (double)nser;
                double bx = cx - slot * 0.3 + bw * (double)s;
                S_rect(page, bx, plot_bottom, bw, h, S_palette[s % 6]);
                S_label(page, value, bx + bw / 2, plot_bottom + h + 3);
            } else {
                double px = cx, py = plot_bottom + h;
                if (i > 0)
                    S_line(page, prev_x, prev_y, px, py, 1.2, S_palette[s % 6]);
                S_rect(page, px - 1.8, py - 1.8, 3.6, 3.6, S_palette[s % 6]);
                S_label(page, value, px, py + 5);
                prev_x = px, prev_y = py;
            }
        }
    }
    for (size_t i = 0; i < fb->count; i++)
        S_label(page, fb->labels[i], axis_x + slot * (i + 0.5), plot_bottom - f->style->small_size * 1.3);
    S_legend(f, fb, page, axis_x + plot_w, plot_top + f->style->small_size * 0.8);
}

static void S_chart_box(bg_flow *f, const bg_node *n, fig_box *fb)
{
    const bg_chart *ch = n->u.figure.chart;
    bg_text_spec spec = {BG_ROLE_BODY, false, f->style->small_size, f->style->small_size * 1.3, 0,
                         BG_ALIGN_CENTER};
    fb->count = ch->label_count;
    fb->series = ch->kind == BG_CHART_PIE ? 1 : ch->series_count;
    fb->labels = bg_flow_own(f, bg_xcalloc(fb->count + 1, sizeof *fb->labels));
    fb->values = bg_flow_own(f, bg_xcalloc(fb->count * fb->series + 1, sizeof *fb->values));
    fb->legend = bg_flow_own(f, bg_xcalloc(fb->series + 1, sizeof *fb->legend));
    double slot = fb->width / (double)(fb->count ? fb->count : 1);
    for (size_t s = 0; s < fb->series; s++)
        fb->legend[s] = bg_para_plain(f, &ch->series[s], 202, ch->series[s].name ? ch->series[s].name : "", &spec, 1e4);
    for (size_t i = 0; i < fb->count; i++) {
        fb->labels[i] = bg_para_plain(f, &ch->labels[i], 200, ch->labels[i], &spec, slot * 0.95);
        for (size_t s = 0; s < fb->series; s++) {
            char num[64];
            snprintf(num, sizeof num, "%g", ch->series[s].values[i]);
            fb->values[i * fb->series + s] = bg_para_plain(f, &ch->series[s].values[i], 201, num, &spec, 1e4);
            if (ch->series[s].values[i] > fb->max)
                fb->max = ch->series[s].values[i];
        }
    }
    fb->max *= 1.12;
    if (ch->unit) {
        char *u = bg_strprintf("（%s）", ch->unit);
        fb->unit = bg_para_plain(f, NULL, 0, u, &spec, 1e4);
        free(u);
    }
    fb->height = fb->width * 0.5;
}

void bg_flow_figure(bg_flow *f, const bg_node *n, int box, double x, double width)
{
    const bg_figure *fig = &n->u.figure;
    fig_box *fb = bg_flow_own(f, bg_xcalloc(1, sizeof *fb));
    fb->node = n;
    fb->width = width * (fig->chart ? 0.9 : fig->width);
    fb->x = x + (width - fb->width) / 2;
    bg_draw_fn draw = S_draw_chart;
    if (fig->chart) {
        S_chart_box(f, n, fb);
    } else {
        int pw = 0, ph = 0;
        if (!S_image_size(fig->image, &pw, &ph)) {
            bg_error(f->diags, bg_document_loc(f->doc, n->path), _("cannot read the size of image '%s'"),
                     fig->image_src);
            pw = 4, ph = 3;
        }
        fb->height = fb->width * ph / pw;
        double max_h = f->text_height * 0.6;
        if (fb->height > max_h) {
            fb->width *= max_h / fb->height;
            fb->height = max_h;
            fb->x = x + (width - fb->width) / 2;
        }
        double dpi = pw / (fb->width / 72.0);
        if (dpi < 300 && f->pass == 0)
            bg_warning(f->diags, bg_document_loc(f->doc, n->path),
                       _("image '%s' prints at %.0f dpi, below the 300 dpi print needs"), fig->image_src, dpi);
        if (f->style->print_cmyk && f->pass == 0 && S_image_is_rgb(fig->image))
            bg_warning(f->diags, bg_document_loc(f->doc, n->path),
                       _("image '%s' is RGB but the layout prints CMYK (print.color); the printer will convert it"),
                       fig->image_src);
        draw = S_draw_image;
    }
    bg_vitem *gap = bg_flow_push(f, BG_V_SPACE, f->style->leading * 0.5);
    gap->box = box;
    bg_vitem *it = bg_flow_push(f, BG_V_BOX, fb->height + 4);
    it->draw = draw;
    it->data = fb;
    it->box = box;
    it->keep_with_next = true;
    it->is_float = box < 0; /* inside a case box a figure stays with its text */
    if (draw == S_draw_image)
        it->scalable = fb->height;
    char *dest = bg_flow_node_dest(f, n);
    it->dest = bg_flow_dest_add(f, dest);
    free(dest);
    bg_text_spec spec = {BG_ROLE_HEADING, false, f->style->caption_size, f->style->caption_size * 1.6, 0,
                         BG_ALIGN_CENTER};
    char *label = bg_flow_caption_number(f->style->caption_figure, n->number);
    char *prefix = bg_strprintf("%s\u3000", label);
    bg_para *p = bg_para_inline(f, n, 1, &n->title, prefix, &spec, width);
    bg_flow_push_lines(f, p, x, box, true);
    /* The space below the caption travels with the figure when it floats. */
    f->items[f->count - 1].keep_with_next = true;
    bg_vitem *after = bg_flow_push(f, BG_V_SPACE, f->style->leading * 0.5);
    after->box = box;
    free(prefix);
    free(label);
}
