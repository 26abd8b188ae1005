/* preflight.c: the checks of a report and layout pair that come before layout (see
 * preflight.h): fonts installed, images at print resolution, no image left without a
 * text alternative (which keeps the PDF from claiming PDF/UA-1). Positions in the layout file are found by reading it again, only when
 * there is something to report. */
#include "preflight.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../model/jsonpos.h"
#include "../text/font.h"
#include "flow.h"

#include "../base/xalloc.h"

#include <stdlib.h>

/* The layout's text and its position index, built on first use. */
typedef struct layout_pos {
    const bg_style *style;
    bg_buf text;
    bg_jsonpos *index;
    bool tried;
} layout_pos;

static bg_loc S_layout_loc(layout_pos *lp, const char *path)
{
    bg_loc loc = {.file = lp->style->file, .path = path};
    if (!lp->tried) {
        lp->tried = true;
        bg_buf_init(&lp->text);
        if (bg_buf_read_file(&lp->text, lp->style->file) == 0)
            lp->index = bg_jsonpos_build(lp->text.data, lp->text.len);
    }
    if (lp->index)
        bg_jsonpos_find(lp->index, path, &loc.line, &loc.col);
    return loc;
}

/* Every family the layout names (body, heading and their Latin faces) must have a face. */
static int S_fonts(const bg_style *style, layout_pos *lp, bg_diags *diags)
{
    static const char *const keys[4] = {"$.fonts.body", "$.fonts.heading", "$.fonts.latin",
                                        "$.fonts.heading_latin"};
    const char *families[4];
    const char *paths[4];
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        const char *family = i < 2 ? style->font_family[i] : style->latin_family[i - 2];
        if (family) {
            families[n] = family;
            paths[n++] = keys[i];
        }
    }
    bool missing[4] = {false};
    if (bg_font_families_missing(families, n, style->font_dir, missing) != 0) {
        bg_error(diags, (bg_loc){0}, _("fontconfig could not be initialised"));
        return -1;
    }
    int errors = 0;
    for (size_t i = 0; i < n; i++) {
        if (!missing[i])
            continue;
        bg_error(diags, S_layout_loc(lp, paths[i]), _("font family '%s' is not installed"), families[i]);
        bg_diag_hint(diags, _("install it (Debian: apt-get install fonts-noto-cjk for Noto CJK), "
                              "put its files into the folder named by fonts.dir (default: fonts/), "
                              "or name an installed family (fc-list : family)"));
        errors++;
    }
    return errors ? -1 : 0;
}

/* Every image prints at 300 dpi or more at the size the layout gives it (figure.c), in
 * the text block or inside a case box; a CMYK print run is told of each RGB image. */
static void S_images(const bg_document *doc, const bg_node *first, const bg_style *style, double width,
                     bg_diags *diags)
{
    double text_height = style->page_height - style->margin_top - style->margin_bottom;
    for (const bg_node *n = first; n; n = n->next) {
        if (n->type == BG_NODE_CASE) {
            S_images(doc, n->first_child, style, width - 2 * CASE_PAD, diags);
            continue;
        }
        S_images(doc, n->first_child, style, width, diags);
        const bg_figure *fig = &n->u.figure;
        if (n->type == BG_NODE_FIGURE && !fig->chart && fig->alt && !*fig->alt) {
            char *path = bg_strprintf("%s.image.alt", n->path);
            bg_warning(diags, bg_document_loc(doc, path),
                       _("the figure's alt is empty: the PDF cannot claim PDF/UA-1 (screen readers get no "
                         "text for it)"));
            bg_diag_hint(diags, _("describe the picture in a few words, or leave alt out to use the caption"));
            free(path);
        }
        if (n->type != BG_NODE_FIGURE || fig->chart || !fig->image || fig->image_info.width == 0)
            continue;
        double w, h;
        bg_figure_image_size(fig, width, text_height, &w, &h);
        uint32_t pw, ph;
        bg_image_display_size(&fig->image_info, &pw, &ph);
        double dpi = (double)pw / (w / 72.0);
        if (dpi < 300)
            bg_warning(diags, bg_document_loc(doc, n->path),
                       _("image '%s' prints at %.0f dpi, below the 300 dpi print needs"), fig->image_src, dpi);
        if (style->print_cmyk && fig->image_info.components == 3)
            bg_warning(diags, bg_document_loc(doc, n->path),
                       _("image '%s' is RGB but the layout prints CMYK (print.color); the printer will convert it"),
                       fig->image_src);
    }
}

/* Every table's columns hold one character each, in the text block or a case box. */
static int S_tables(const bg_document *doc, const bg_node *first, const bg_style *style, double width,
                    bg_diags *diags)
{
    int errors = 0;
    for (const bg_node *n = first; n; n = n->next) {
        double inner = n->type == BG_NODE_CASE ? width - 2 * CASE_PAD : width;
        errors += S_tables(doc, n->first_child, style, inner, diags);
        if (n->type == BG_NODE_TABLE && !bg_table_columns_fit(doc, style, n, width, diags))
            errors++;
    }
    return errors;
}

int bg_layout_preflight(const bg_document *doc, const bg_style *style, bg_diags *diags)
{
    layout_pos lp = {.style = style};
    int rc = 0;
    if (S_fonts(style, &lp, diags) != 0)
        rc = -1;
    S_images(doc, doc->root, style, style->page_width - style->margin_inner - style->margin_outer, diags);
    if (S_tables(doc, doc->root, style, style->page_width - style->margin_inner - style->margin_outer, diags))
        rc = -1;
    bg_jsonpos_free(lp.index);
    if (lp.tried)
        bg_buf_free(&lp.text);
    return rc;
}
