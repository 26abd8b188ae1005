/* figure.c: figures in the vertical list: an image scaled to the requested width with its
 * aspect ratio kept (its resolution is checked in preflight.c, at the same size), or a chart
 * (chart.c lays it out at the column width, and again narrower when pagination scales it);
 * the caption below (图 N 标题), kept with the figure. A figure that does not fit floats to
 * the next page while the text flows on. */
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
    bg_chart_box *chart;  /* charts: laid out by chart.c, owned by the flow */
    double scalable;      /* the height the picture loses per unit of scale (0: fixed) */
} fig_box;

/* Records the box of the figure being drawn (the page's element) as its BBox. */
static void S_bbox(bg_page *page, double x, double y, double w, double h)
{
    if (!page->owner || page->tag == 0 || page->tag >= page->owner->tag_count)
        return;
    bg_tag *t = &page->owner->tags[page->tag];
    if (t->type != BG_TAG_FIGURE || t->has_bbox)
        return;
    t->has_bbox = true;
    t->bbox[0] = x;
    t->bbox[1] = y;
    t->bbox[2] = x + w;
    t->bbox[3] = y + h;
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
    S_bbox(page, img->u.image.x, img->u.image.y, img->u.image.w, img->u.image.h);
}

/* A chart pagination scaled down is laid out again, narrower, with its labels at their
 * size (so they stay legible): at the widest width whose height is within what the page
 * gave it (the narrowest, figures.min_scale of the width, always is). */
static void S_draw_chart(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    const fig_box *fb = it->data;
    double s = f->placed ? f->placed[it - f->items].scale : 1;
    const bg_chart_box *cb = fb->chart;
    double w = fb->width, h = fb->height;
    if (s > 0 && s < 1 && fb->scalable > 0) {
        double room = fb->height - (1 - s) * fb->scalable + 0.01;
        double lo = fb->width * f->style->figure_min_scale, hi = fb->width;
        cb = bg_flow_chart(f, fb->node, lo, &h);
        w = lo;
        for (int k = 0; k < 12 && hi - lo > 0.5; k++) {
            double mid = (lo + hi) / 2, mh;
            const bg_chart_box *m = bg_flow_chart(f, fb->node, mid, &mh);
            if (mh <= room)
                lo = mid, cb = m, w = mid, h = mh;
            else
                hi = mid;
        }
    }
    double cx = fb->x + (fb->width - w) / 2;
    bg_chart_draw(cb, page, x + cx, y_top);
    S_bbox(page, x + cx, y_top - h, w, h);
}

void bg_figure_image_size(const bg_figure *fig, double width, double text_height, double *w, double *h)
{
    /* the size the model read and checked, as printed (after the EXIF orientation):
     * never parsed again here */
    uint32_t pw = 0, ph = 0;
    bg_image_display_size(&fig->image_info, &pw, &ph);
    if (pw == 0 || ph == 0)
        pw = 4, ph = 3; /* not loaded: the model reported it */
    *w = width * fig->width;
    *h = *w * (double)ph / (double)pw;
    double max_h = text_height * 0.6;
    if (*h > max_h) {
        *w *= max_h / *h;
        *h = max_h;
    }
}

/* The Figure element: its text alternative is the data's alt, else the caption (which
 * follows as a Caption element of its own); a chart's states its data after that. An
 * alt given empty on purpose leaves the figure without one: the file then cannot claim
 * PDF/UA (the PDF writer sees the missing Alt; preflight.c says why). */
static void S_tag_figure(bg_flow *f, const bg_node *n)
{
    const bg_figure *fig = &n->u.figure;
    f->tag = bg_flow_tag(f, BG_TAG_FIGURE, f->tag_parent);
    bg_tag *t = &f->tags[f->tag];
    char *data = fig->chart ? bg_chart_alt(fig->chart) : NULL;
    if (fig->alt && !*fig->alt && !data)
        return;
    char *text = fig->alt ? bg_xstrdup(fig->alt) : data ? bg_xstrdup("") : bg_inline_plain(&n->title);
    if (data) {
        t->alt = bg_strprintf("%s%s%s", text, *text ? "。" : "", data);
        free(text);
        free(data);
    } else {
        t->alt = text;
    }
}

bg_text_spec bg_flow_caption_spec(const bg_flow *f)
{
    return (bg_text_spec){BG_ROLE_HEADING, false, f->style->caption_size, f->style->caption_size * 1.6, 0,
                          BG_ALIGN_CENTER, false};
}

char *bg_flow_caption_prefix(const char *format, int n)
{
    char *label = bg_flow_caption_number(format, n);
    char *prefix = bg_strprintf("%s\u3000", label);
    free(label);
    return prefix;
}

void bg_flow_figure(bg_flow *f, const bg_node *n, int box, double x, double width)
{
    const bg_figure *fig = &n->u.figure;
    fig_box *fb = bg_flow_own(f, bg_xcalloc(1, sizeof *fb));
    fb->node = n;
    fb->width = width * (fig->chart ? 1.0 : fig->width);
    fb->x = x + (width - fb->width) / 2;
    bg_draw_fn draw = S_draw_chart;
    if (fig->chart) {
        fb->chart = bg_flow_chart(f, n, fb->width, &fb->height);
        /* laid out narrower it is lower by about this much (its plot keeps its shape) */
        double ms = f->style->figure_min_scale, low;
        if (ms < 1) {
            (void)bg_flow_chart(f, n, fb->width * ms, &low);
            if (low < fb->height)
                fb->scalable = (fb->height - low) / (1 - ms);
        }
    } else {
        bg_figure_image_size(fig, width, f->text_height, &fb->width, &fb->height);
        fb->x = x + (width - fb->width) / 2;
        draw = S_draw_image;
    }
    f->tag = 0;
    bg_flow_push_gap(f, f->style->leading * 0.5, box);
    S_tag_figure(f, n);
    bg_vitem *it = bg_flow_push(f, BG_V_BOX, fb->height + 4);
    it->draw = draw;
    it->data = fb;
    it->box = box;
    it->keep_with_next = true;
    it->is_float = box < 0; /* inside a case box a figure stays with its text */
    it->level = f->tag_level;
    it->scalable = draw == S_draw_image ? fb->height : fb->scalable;
    char *dest = bg_flow_node_dest(f, n);
    it->dest = bg_flow_dest_add(f, dest);
    free(dest);
    bg_text_spec spec = bg_flow_caption_spec(f);
    char *prefix = bg_flow_caption_prefix(f->style->caption_figure, n->number);
    bg_para *p = bg_para_inline(f, n, 1, &n->title, prefix, &spec, width);
    f->tag = bg_flow_tag(f, BG_TAG_CAPTION, f->tag_parent);
    bg_flow_push_lines(f, p, x, box, true);
    f->tag = 0;
    bg_flow_footnotes_of(f, &n->title);
    /* The space below the caption travels with the figure when it floats. */
    f->items[f->count - 1].keep_with_next = true;
    bg_vitem *after = bg_flow_push(f, BG_V_SPACE, f->style->leading * 0.5);
    after->box = box;
    free(prefix);
}
