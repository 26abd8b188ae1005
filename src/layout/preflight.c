/* preflight.c: the checks of a report and layout pair that come before layout (see
 * preflight.h): fonts installed, images at print resolution, no image left without a
 * text alternative (which keeps the PDF from claiming PDF/UA-1). Positions in the layout file are found by reading it again, only when
 * there is something to report. */
#include "preflight.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"
#include "../model/jsonpos.h"
#include "../text/font.h"
#include "flow.h"

#include "../base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* The report's own fonts/ folder, searched with the layout's fonts.dir. */
static void S_report_fonts(const bg_document *doc)
{
    if (!doc || !doc->dir)
        return;
    char *dir = bg_strprintf("%s/fonts", doc->dir);
    bg_font_add_dir(dir);
    free(dir);
}

const char *bg_layout_font_choice(const bg_document *doc, const bg_style *style, bg_font_role role, bool latin,
                                  int *index)
{
    char *const *list = latin ? style->latin_family[role] : style->font_family[role];
    size_t n = 0;
    while (n < BG_MAX_FAMILIES && list[n])
        n++;
    if (index)
        *index = -1;
    if (n == 0)
        return NULL;
    S_report_fonts(doc);
    bool missing[BG_MAX_FAMILIES] = {false};
    if (bg_font_families_missing((const char *const *)list, n, style->font_dir, missing) != 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!missing[i]) {
            if (index)
                *index = (int)i;
            return list[i];
        }
    return NULL;
}

/* Every role's font list has an installed family; a list whose first family is missing
 * is warned, naming the family used in its place and how to get the one asked for. */
static int S_fonts(const bg_document *doc, const bg_style *style, layout_pos *lp, bg_diags *diags)
{
    static const char *const keys[2][BG_ROLE_COUNT] = {
        {"$.fonts.body", "$.fonts.heading", "$.fonts.title", "$.fonts.accent"},
        {"$.fonts.latin", "$.fonts.heading_latin", "$.fonts.title_latin", "$.fonts.accent_latin"}};
    int errors = 0;
    for (int latin = 0; latin < 2; latin++)
        for (int r = 0; r < BG_ROLE_COUNT; r++) {
            bool given = latin ? style->latin_given[r] : style->family_given[r];
            if (r >= BG_ROLE_TITLE && !given)
                continue; /* the heading's or the body's list, reported there */
            char *const *list = latin ? style->latin_family[r] : style->font_family[r];
            if (!list[0])
                continue;
            int index;
            const char *chosen = bg_layout_font_choice(doc, style, (bg_font_role)r, latin, &index);
            if (chosen && index == 0)
                continue;
            bg_loc loc = S_layout_loc(lp, keys[latin][r]);
            if (chosen) {
                bg_warning(diags, loc, _("font '%s' is not installed; '%s' is used in its place"), list[0], chosen);
                bg_diag_hint(diags, _("to print in '%s', put its font files into the report's fonts/ folder "
                                      "(or the folder fonts.dir names) and build again"),
                             list[0]);
                continue;
            }
            bg_buf names;
            bg_buf_init(&names);
            for (int i = 0; list[i]; i++) {
                if (i)
                    bg_buf_puts(&names, ", ");
                bg_buf_printf(&names, "'%s'", list[i]);
            }
            if (list[1])
                bg_error(diags, loc, _("none of the font families %s is installed"), names.data);
            else
                bg_error(diags, loc, _("font family '%s' is not installed"), list[0]);
            bg_diag_hint(diags, _("install it (Debian: apt-get install fonts-noto-cjk for Noto CJK), "
                                  "put its files into the report's fonts/ folder or the folder named by "
                                  "fonts.dir (default: fonts/), or name an installed family (fc-list : family)"));
            bg_buf_free(&names);
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
    if (S_fonts(doc, style, &lp, diags) != 0)
        rc = -1;
    S_images(doc, doc->root, style, style->page_width - style->margin_inner - style->margin_outer, diags);
    if (S_tables(doc, doc->root, style, style->page_width - style->margin_inner - style->margin_outer, diags))
        rc = -1;
    bg_jsonpos_free(lp.index);
    if (lp.tried)
        bg_buf_free(&lp.text);
    return rc;
}

/* ---- what only setting the text can tell ----
 * A footnote longer than half a page, a table header taller than a page and rows joined
 * by a rowspan taller than a page are found by setting the lines (para.c, table.c). check
 * sets the document only when a bound from the character counts says one of them may
 * happen: a line of width w holds text of at least w / 2 (two lines hold more than one
 * line's width, or the next word would have fitted), a character is at most 1.2 em wide
 * (a column at least one character and its padding). */

#define EM_MAX 1.2
#define REF_CHARS 12 /* what a reference prints, at most: "表 12", "第一部分（一）" */

typedef struct S_text_size {
    size_t chars, breaks;
} S_text_size;

static void S_measure_inline(const bg_inline *in, bool notes, S_text_size *out)
{
    for (size_t i = 0; i < in->count; i++) {
        const bg_span *sp = &in->spans[i];
        if (sp->kind == BG_SPAN_TEXT && sp->text) {
            for (const unsigned char *c = (const unsigned char *)sp->text; *c; c++)
                if ((*c & 0xC0) != 0x80)
                    out->chars++, out->breaks += *c == '\n';
        } else if (sp->kind == BG_SPAN_REF) {
            out->chars += REF_CHARS;
        } else if (sp->kind == BG_SPAN_FOOTNOTE) {
            out->chars += 3; /* the mark */
            if (notes)
                S_measure_inline(sp->note, true, out);
        }
    }
}

static double S_lines_bound(S_text_size t, double size, double width)
{
    return ceil(2.0 * (double)t.chars * EM_MAX * size / width) + 1 + (double)t.breaks;
}

typedef struct S_risk {
    const bg_style *style;
    double text_height, note_width, caption_width, narrowest;
    bool found;
} S_risk;

static void S_note_risk(S_risk *r, const bg_inline *in)
{
    const bg_style *s = r->style;
    for (size_t i = 0; i < in->count && !r->found; i++)
        if (in->spans[i].kind == BG_SPAN_FOOTNOTE) {
            S_text_size t = {0, 0};
            S_measure_inline(in->spans[i].note, false, &t);
            if (S_lines_bound(t, s->small_size, r->note_width) * s->small_size * 1.5 > r->text_height / 2)
                r->found = true;
        }
}

/* The most a table row's cells may need, pt (table.c: small size, leading 1.45). */
static double S_row_bound(const S_risk *r, const bg_table *t, const bg_cell *row)
{
    double lh = r->style->small_size * 1.45, most = 0;
    for (size_t k = 0; k < t->column_count; k++) {
        S_text_size ts = {0, 0};
        S_measure_inline(&row[k].text, false, &ts);
        double h = S_lines_bound(ts, r->style->small_size, r->narrowest) * lh + 5.0;
        most = h > most ? h : most;
    }
    return most;
}

static void S_table_risk(S_risk *r, const bg_node *n)
{
    const bg_table *t = &n->u.table;
    const bg_style *s = r->style;
    double header = 2.0, lh = s->small_size * 1.45;
    for (size_t q = 0; q < t->header_rows; q++)
        header += S_row_bound(r, t, &t->header[q * t->column_count]);
    /* The continued caption ("表 N（续）" and the title) over the header. */
    S_text_size cap = {REF_CHARS, 0};
    S_measure_inline(&n->title, false, &cap);
    double cont = S_lines_bound(cap, s->caption_size, r->caption_width) * s->caption_size * 1.6 + header;
    double room = r->text_height - cont - 2 * s->leading;
    if (room < lh + 5.0) {
        r->found = true;
        return;
    }
    for (size_t q = 0; q < t->body_rows && !r->found; q++)
        for (size_t k = 0; k < t->column_count; k++) {
            const bg_cell *c = &t->body[q * t->column_count + k];
            if (c->covered || c->rowspan <= 1)
                continue;
            double group = 0;
            for (size_t g = q; g < q + (size_t)c->rowspan && g < t->body_rows; g++)
                group += S_row_bound(r, t, &t->body[g * t->column_count]);
            if (group > room) {
                r->found = true;
                break;
            }
        }
}

static void S_risks(S_risk *r, const bg_node *first)
{
    for (const bg_node *n = first; n && !r->found; n = n->next) {
        S_note_risk(r, &n->title);
        if (n->type == BG_NODE_PARAGRAPH)
            S_note_risk(r, &n->u.text);
        if (n->type == BG_NODE_LIST)
            for (size_t i = 0; i < n->u.list.count; i++)
                S_note_risk(r, &n->u.list.items[i]);
        if (n->type == BG_NODE_TABLE) {
            const bg_table *t = &n->u.table;
            for (size_t i = 0; i < t->header_rows * t->column_count; i++)
                S_note_risk(r, &t->header[i].text);
            for (size_t i = 0; i < t->body_rows * t->column_count; i++)
                S_note_risk(r, &t->body[i].text);
            S_note_risk(r, &t->note);
            S_table_risk(r, n);
        }
        S_risks(r, n->first_child);
    }
}

bool bg_layout_needs_setting(const bg_document *doc, const bg_style *style)
{
    double width = style->page_width - style->margin_inner - style->margin_outer;
    S_risk r = {style, style->page_height - style->margin_top - style->margin_bottom,
                width - 4 * style->small_size, width - 2 * CASE_PAD, style->small_size + 8.0, false};
    S_risks(&r, doc->root);
    return r.found;
}
