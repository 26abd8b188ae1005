/* table.c: tables in the vertical list (see table.h): caption above (表 N 标题), three-line
 * rules (thick top and bottom, thin under the header, and a short thin rule under a header
 * cell that groups columns, across them, as booktabs' \cmidrule), header cells aligned
 * like their columns, column widths from the cells'
 * minimum and natural widths fitted to the text block, spans, numbers right-aligned or on
 * the decimal point, CJK text wrapped inside cells, rows grouped where rowspans join them,
 * and the note under the table. Pagination repeats the header under 续表 N. */
#include "flow.h"
#include "../base/i18n.h"
#include "table.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD_X 4.0
#define PAD_Y 2.5
#define RULE_THICK 1.0
#define RULE_THIN 0.5
#define CMID_TRIM 3.0 /* pt a group's rule stops short of its columns' edges, each end */

typedef struct row_box {
    struct bg_table_ctx *t;
    size_t first, count; /* body rows */
    /* A row taller than a page is drawn in slices: the part of the row from slice_top
     * down, slice_height high (count is then 1). slice_height 0: the whole rows. */
    double slice_top, slice_height;
} row_box;

static bool S_numeric_column(const bg_table *t, size_t k)
{
    for (size_t r = 0; r < t->body_rows; r++) {
        const bg_cell *c = &t->body[r * t->column_count + k];
        if (c->kind == BG_CELL_TEXT && !(t->has_total && r + 1 == t->body_rows))
            return false;
    }
    return true;
}

static bg_align S_cell_align(const bg_table *t, size_t k, const bg_cell *c)
{
    bg_cell_align a = t->columns[k].align;
    if (a == BG_ALIGN_AUTO)
        a = c->kind == BG_CELL_NUMBER || S_numeric_column(t, k) ? BG_CELL_RIGHT : BG_CELL_LEFT;
    switch (a) {
    case BG_CELL_CENTER: return BG_ALIGN_CENTER;
    case BG_CELL_RIGHT:
    case BG_CELL_DECIMAL: return c->kind == BG_CELL_NUMBER ? BG_ALIGN_RIGHT : BG_ALIGN_CENTER;
    default: return BG_ALIGN_LEFT;
    }
}

/* A header cell is aligned like its column: left over a column set left, centred over
 * the others (figures right-aligned on a common edge are centred as a block, text in a
 * right or decimal column is centred) and over a group of columns. */
static bg_align S_head_align(const bg_table *t, size_t k, const bg_cell *c)
{
    if (c->colspan > 1)
        return BG_ALIGN_CENTER;
    bg_cell_align a = t->columns[k].align;
    if (a == BG_ALIGN_AUTO)
        a = S_numeric_column(t, k) ? BG_CELL_RIGHT : BG_CELL_LEFT;
    return a == BG_CELL_LEFT ? BG_ALIGN_LEFT : BG_ALIGN_CENTER;
}

static bg_text_spec S_spec(const bg_flow *f, bool head, bg_align align)
{
    double size = f->style->small_size;
    return (bg_text_spec){BG_ROLE_BODY, head, size, size * 1.45, 0, align, false};
}

/* Shapes every cell (not breaking it: measure 0) to learn its widths; S_set_cells then
 * breaks the same shaping at the column's width. */
static void S_measure(bg_flow *f, const bg_table *t, const bg_cell *cells, size_t rows, bool head,
                      double *min_w, double *pref_w)
{
    size_t ncol = t->column_count;
    for (size_t r = 0; r < rows; r++)
        for (size_t k = 0; k < ncol; k++) {
            const bg_cell *c = &cells[r * ncol + k];
            if (c->covered || c->colspan != 1)
                continue;
            bg_text_spec spec = S_spec(f, head, BG_ALIGN_LEFT);
            bg_para *p = bg_para_inline(f, c, 100, &c->text, NULL, &spec, 0);
            if (!p->shaped)
                continue;
            double mn = p->shaped->min_width + 2 * PAD_X, pr = p->shaped->natural_width + 2 * PAD_X;
            if (mn > min_w[k])
                min_w[k] = mn;
            if (pr > pref_w[k])
                pref_w[k] = pr;
        }
}

static void S_widths(bg_flow *f, const bg_node *n, double width, double *col_w)
{
    const bg_table *t = &n->u.table;
    size_t ncol = t->column_count;
    double *min_w = bg_xcalloc(ncol, sizeof *min_w), *pref_w = bg_xcalloc(ncol, sizeof *pref_w);
    S_measure(f, t, t->header, t->header_rows, true, min_w, pref_w);
    S_measure(f, t, t->body, t->body_rows, false, min_w, pref_w);
    double sum_min = 0, sum_pref = 0;
    for (size_t k = 0; k < ncol; k++) {
        /* A header title may wrap, but not to less than two characters. */
        if (min_w[k] < 2 * f->style->small_size + 2 * PAD_X)
            min_w[k] = 2 * f->style->small_size + 2 * PAD_X;
        if (pref_w[k] < min_w[k])
            pref_w[k] = min_w[k];
        sum_min += min_w[k];
        sum_pref += pref_w[k];
    }
    if (sum_pref <= width) {
        for (size_t k = 0; k < ncol; k++)
            col_w[k] = pref_w[k] + (width - sum_pref) * pref_w[k] / sum_pref;
    } else if (sum_min <= width) {
        double flex = sum_pref - sum_min;
        for (size_t k = 0; k < ncol; k++)
            col_w[k] = min_w[k] + (flex > 0 ? (width - sum_min) * (pref_w[k] - min_w[k]) / flex : 0);
    } else {
        bg_warning(f->diags, bg_document_loc(f->doc, n->path),
                   _("table is wider than the text block even with its columns at their narrowest"));
        for (size_t k = 0; k < ncol; k++)
            col_w[k] = min_w[k] * width / sum_min;
    }
    free(min_w);
    free(pref_w);
}

/* Sets each cell at its final width; row heights from the tallest cell, rowspans
 * adding what they lack to their last row. */
static void S_set_cells(bg_flow *f, struct bg_table_ctx *ctx, const bg_cell *cells, size_t rows,
                        bool head, bg_para **out, double *heights)
{
    const bg_table *t = &ctx->node->u.table;
    size_t ncol = t->column_count;
    for (size_t r = 0; r < rows; r++)
        heights[r] = 0;
    for (size_t r = 0; r < rows; r++)
        for (size_t k = 0; k < ncol; k++) {
            const bg_cell *c = &cells[r * ncol + k];
            if (c->covered)
                continue;
            double w = ctx->col_x[k + c->colspan] - ctx->col_x[k] - 2 * PAD_X;
            bg_align align = head ? S_head_align(t, k, c) : S_cell_align(t, k, c);
            bg_text_spec spec = S_spec(f, head, align);
            bg_para *p = bg_para_inline(f, c, 100, &c->text, NULL, &spec, w);
            out[r * ncol + k] = p;
            if (c->rowspan == 1) {
                double h = p->lines.count * p->line_height + 2 * PAD_Y;
                if (h > heights[r])
                    heights[r] = h;
            }
        }
    for (size_t r = 0; r < rows; r++)
        for (size_t k = 0; k < ncol; k++) {
            const bg_cell *c = &cells[r * ncol + k];
            if (c->covered || c->rowspan == 1 || !out[r * ncol + k])
                continue;
            double need = out[r * ncol + k]->lines.count * out[r * ncol + k]->line_height + 2 * PAD_Y;
            double have = 0;
            size_t last = r + (size_t)c->rowspan - 1;
            for (size_t q = r; q <= last; q++)
                have += heights[q];
            if (need > have)
                heights[last] += need - have;
        }
}

/* A column of right-aligned figures reads best centred under its heading: the widest
 * figure's cell space is split evenly on both sides, the figures still aligned right. */
static void S_number_insets(struct bg_table_ctx *ctx)
{
    const bg_table *t = &ctx->node->u.table;
    size_t ncol = t->column_count;
    for (size_t k = 0; k < ncol; k++) {
        double widest = 0;
        bool any = false;
        for (size_t r = 0; r < t->body_rows; r++) {
            const bg_cell *c = &t->body[r * ncol + k];
            const bg_para *p = ctx->body_cells[r * ncol + k];
            if (c->covered || c->colspan != 1 || c->kind != BG_CELL_NUMBER || !p || p->lines.count != 1)
                continue;
            if (S_cell_align(t, k, c) != BG_ALIGN_RIGHT)
                continue;
            any = true;
            widest = p->lines.lines[0].width > widest ? p->lines.lines[0].width : widest;
        }
        double room = ctx->col_x[k + 1] - ctx->col_x[k] - 2 * PAD_X;
        ctx->number_inset[k] = any && room > widest ? (room - widest) / 2 : 0;
    }
}

/* Records body cell (r, k) as printed on the page, for `baogao diff`: keyed by the table,
 * the row's first cell (the one above when covered by a rowspan) and the column title. */
static void S_record_cell(const struct bg_table_ctx *t, size_t r, size_t k, bg_page *page)
{
    const bg_table *tab = &t->node->u.table;
    size_t ncol = tab->column_count;
    if (k == 0)
        return;
    size_t q = r;
    while (q > 0 && tab->body[q * ncol].covered)
        q--;
    char *row = bg_inline_plain(&tab->body[q * ncol].text);
    char *value = bg_inline_plain(&tab->body[r * ncol + k].text);
    bg_page_add_cell(page, t->node->id ? t->node->id : t->label, t->label, row, tab->columns[k].title, value);
    free(row);
    free(value);
}

/* Draws rows [first, first + count); tagged: each cell's text in its own element, else
 * (a header repeated on a continued page) as an artifact. */
static void S_draw_cells(const struct bg_table_ctx *t, bg_para **cells, const double *heights,
                         size_t first, size_t count, size_t total_rows, bg_page *page, double x,
                         double y_top, bool tagged)
{
    const bg_table *tab = &t->node->u.table;
    size_t ncol = tab->column_count;
    const bg_cell *src = cells == t->head_cells ? tab->header : tab->body;
    const unsigned *tags = cells == t->head_cells ? t->head_tags : t->body_tags;
    unsigned outer = page->tag;
    bg_artifact outer_kind = page->artifact;
    double y = y_top;
    for (size_t r = first; r < first + count; r++) {
        for (size_t k = 0; k < ncol; k++) {
            bg_para *p = cells[r * ncol + k];
            const bg_cell *c = &src[r * ncol + k];
            if (!p || c->covered || !p->shaped)
                continue;
            double h = 0;
            for (size_t q = r; q < r + (size_t)c->rowspan && q < total_rows; q++)
                h += heights[q];
            double text_h = p->lines.count * p->line_height;
            double top = y - (h - text_h) / 2;
            double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
            bool figure = src == tab->body && c->kind == BG_CELL_NUMBER && c->colspan == 1 &&
                          S_cell_align(tab, k, c) == BG_ALIGN_RIGHT;
            double inset = figure ? t->number_inset[k] : 0;
            if (src == tab->body)
                S_record_cell(t, r, k, page);
            if (tagged && tags)
                bg_page_set_tag(page, tags[r * ncol + k], BG_ARTIFACT_LAYOUT);
            for (size_t i = 0; i < p->lines.count; i++)
                bg_draw_line(p->shaped, &p->lines, i, x + t->col_x[k] + PAD_X - inset,
                             top - base - i * p->line_height, bg_gray(0), page);
        }
        y -= heights[r];
    }
    bg_page_set_tag(page, outer, outer_kind);
}

/* A rule: an artifact of layout, whatever the page's element. */
static void S_rule(bg_page *page, double x0, double x1, double y, double w)
{
    bg_artifact kind = page->artifact;
    unsigned outer = bg_page_set_tag(page, 0, page->tag != 0 ? BG_ARTIFACT_LAYOUT : kind);
    bg_item *it = bg_page_add(page, BG_ITEM_LINE);
    bg_page_set_tag(page, outer, kind);
    it->u.line.x0 = x0;
    it->u.line.x1 = x1;
    it->u.line.y0 = it->u.line.y1 = y;
    it->u.line.width = w;
    it->u.line.color = bg_gray(0);
}

static void S_draw_header(const struct bg_table_ctx *t, bg_page *page, double x, double y_top, bool tagged)
{
    const bg_table *tab = &t->node->u.table;
    S_rule(page, x, x + t->width, y_top - RULE_THICK / 2, RULE_THICK);
    S_draw_cells(t, t->head_cells, t->head_heights, 0, tab->header_rows, tab->header_rows, page, x,
                 y_top - RULE_THICK, tagged);
    /* Under a cell that groups columns (and is not the header's last row): a short rule
     * across them, trimmed at both ends so neighbouring groups stay apart. */
    size_t ncol = tab->column_count;
    for (size_t r = 0; r < tab->header_rows; r++)
        for (size_t k = 0; k < ncol; k++) {
            const bg_cell *c = &tab->header[r * ncol + k];
            size_t below = r + (size_t)c->rowspan;
            if (c->covered || c->colspan < 2 || below >= tab->header_rows)
                continue;
            double y = y_top - RULE_THICK;
            for (size_t q = 0; q < below; q++)
                y -= t->head_heights[q];
            S_rule(page, x + t->col_x[k] + CMID_TRIM, x + t->col_x[k + c->colspan] - CMID_TRIM, y, RULE_THIN);
        }
    S_rule(page, x, x + t->width, y_top - t->header_height + RULE_THIN / 2, RULE_THIN);
}

void bg_table_draw_header(const struct bg_table_ctx *t, bg_page *page, double x, double y_top)
{
    S_draw_header(t, page, x, y_top, true);
}

void bg_table_draw_continued(const struct bg_table_ctx *t, bg_page *page, double x, double y_top)
{
    /* 续表 N and the repeated header are page furniture: the structure has them once. */
    bg_artifact kind = page->artifact;
    unsigned outer = bg_page_set_tag(page, 0, BG_ARTIFACT_PAGINATION);
    const bg_para *p = t->cont_caption;
    double cap_h = p->lines.count * p->line_height;
    double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
    for (size_t i = 0; i < p->lines.count; i++)
        bg_draw_line(p->shaped, &p->lines, i, x, y_top - base - i * p->line_height, bg_gray(0), page);
    S_draw_header(t, page, x, y_top - cap_h, false);
    bg_page_set_tag(page, outer, kind);
}

void bg_table_draw_bottom(const struct bg_table_ctx *t, bg_page *page, double x, double y)
{
    S_rule(page, x, x + t->width, y - RULE_THICK / 2, RULE_THICK);
}

static void S_draw_header_item(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    (void)f;
    bg_table_draw_header(it->data, page, x, y_top);
}

/* Draws the lines of row rb->first that fall inside its slice, top-aligned. */
static void S_draw_slice(const row_box *rb, bg_page *page, double x, double y_top)
{
    const struct bg_table_ctx *t = rb->t;
    size_t ncol = t->node->u.table.column_count;
    for (size_t k = 0; k < ncol; k++) {
        const bg_para *p = t->body_cells[rb->first * ncol + k];
        if (!p || !p->shaped)
            continue;
        if (rb->slice_top == 0)
            S_record_cell(t, rb->first, k, page);
        unsigned outer = bg_page_set_tag(page, t->body_tags[rb->first * ncol + k], BG_ARTIFACT_LAYOUT);
        double base = (p->line_height - p->size) / 2 + 0.88 * p->size;
        for (size_t i = 0; i < p->lines.count; i++) {
            double off = PAD_Y + i * p->line_height; /* line top within the row */
            if (off < rb->slice_top - 0.01 || off >= rb->slice_top + rb->slice_height - 0.01)
                continue; /* the slice holding the line's top draws it */
            bg_draw_line(p->shaped, &p->lines, i, x + t->col_x[k] + PAD_X, y_top - (off - rb->slice_top) - base,
                         bg_gray(0), page);
        }
        bg_page_set_tag(page, outer, BG_ARTIFACT_LAYOUT);
    }
}

static void S_draw_rows(const bg_vitem *it, bg_flow *f, bg_page *page, double x, double y_top)
{
    (void)f;
    const row_box *rb = it->data;
    if (rb->slice_height > 0) {
        S_draw_slice(rb, page, x, y_top);
        return;
    }
    const bg_table *tab = &rb->t->node->u.table;
    S_draw_cells(rb->t, rb->t->body_cells, rb->t->body_heights, rb->first, rb->count, tab->body_rows,
                 page, x, y_top, true);
    if (tab->has_total && rb->first + rb->count == tab->body_rows && rb->count > 0) {
        /* A thin rule above the total row. */
        double h = rb->t->body_heights[tab->body_rows - 1];
        double above = 0;
        for (size_t r = rb->first; r + 1 < rb->first + rb->count; r++)
            above += rb->t->body_heights[r];
        (void)h;
        S_rule(page, x, x + rb->t->width, y_top - above, RULE_THIN * 0.6);
    }
}

static void S_caption(bg_flow *f, const bg_node *n, const char *label_fmt, int slot, int box, double x,
                      double width, bool keep)
{
    bg_text_spec spec = bg_flow_caption_spec(f);
    char *prefix = bg_flow_caption_prefix(label_fmt, n->number);
    bg_para *p = bg_para_inline(f, n, slot, &n->title, prefix, &spec, width);
    bg_flow_push_lines(f, p, x, box, keep);
    if (slot == 1) /* the caption proper, not the 续表 N of a continued page */
        bg_flow_footnotes_of(f, &n->title);
    free(prefix);
}

/* The footnotes marked in cells [from, to) go on the page of item it. */
static void S_cell_notes(bg_flow *f, const bg_cell *cells, size_t from, size_t to, bg_vitem *it)
{
    for (size_t i = from; i < to; i++) {
        const bg_inline *in = &cells[i].text;
        if (cells[i].covered)
            continue;
        for (size_t k = 0; k < in->count; k++)
            if (in->spans[k].kind == BG_SPAN_FOOTNOTE) {
                it->footnotes = bg_xrealloc(it->footnotes, (it->footnote_count + 1) * sizeof(int));
                it->footnotes[it->footnote_count++] = in->spans[k].number;
            }
        bg_flow_footnotes_of(f, in);
    }
}

/* Pushes row r, too tall for a page, as slices of one text line each (the first also
 * holding the row's top padding), so that the row starts in whatever room the page has
 * left and breaks between any two lines, at least two of them on each side. */
static void S_push_slices(bg_flow *f, struct bg_table_ctx *ctx, size_t r, double h, double room, double x,
                          int box)
{
    size_t ncol = ctx->node->u.table.column_count;
    double lh = 0;
    for (size_t k = 0; k < ncol; k++)
        if (ctx->body_cells[r * ncol + k] && ctx->body_cells[r * ncol + k]->line_height > lh)
            lh = ctx->body_cells[r * ncol + k]->line_height;
    if (!(lh > 0 && room >= lh))
        return; /* no whole line fits under the header: bg_flow_table refused the table */
    size_t first = f->count;
    for (double top = 0; top < h - 0.01; top += lh) {
        row_box *rb = bg_flow_own(f, bg_xcalloc(1, sizeof *rb));
        double piece = top + lh < h ? lh : h - top;
        /* the first slice also holds the row's top padding */
        *rb = (row_box){ctx, r, 1, top == 0 ? 0 : top + PAD_Y, top == 0 ? lh + PAD_Y : piece};
        bg_vitem *it = bg_flow_push(f, BG_V_BOX, top == 0 ? lh + PAD_Y : piece);
        it->draw = S_draw_rows;
        it->data = rb;
        it->x = x;
        it->box = box;
        it->table = ctx;
    }
    if (f->count - first >= 4) { /* no single line of the row alone on a page */
        f->items[first].keep_with_next = true;
        f->items[f->count - 2].keep_with_next = true;
    }
}

/* The elements of a table: Table, its Caption, THead with a TR of TH (scope Column) per
 * header row, TBody with a TR per row whose first cell is a TH (scope Row) and the others
 * TD; spanning cells say how far they span. */
typedef struct table_tags {
    unsigned caption, head, body;
} table_tags;

static void S_cell_tags(bg_flow *f, const bg_table *tab, const bg_cell *cells, size_t rows, bool head,
                        unsigned table, unsigned group, unsigned *out)
{
    size_t ncol = tab->column_count;
    /* The row headers: the first column of text (a column of serial numbers before it
     * names nothing); in a table of figures only, the first column (the years). */
    size_t rh = 0;
    while (rh < ncol && S_numeric_column(tab, rh))
        rh++;
    if (rh == ncol)
        rh = 0;
    for (size_t r = 0; r < rows; r++) {
        /* A PDF array holds at most BG_TAG_MAX_KIDS elements in an archive file: a longer
         * body is several TBody elements, as a table may have. */
        if (!head && r > 0 && r % BG_TAG_MAX_KIDS == 0)
            group = bg_flow_tag(f, BG_TAG_TBODY, table);
        unsigned tr = bg_flow_tag(f, BG_TAG_TR, group);
        for (size_t k = 0; k < ncol; k++) {
            const bg_cell *c = &cells[r * ncol + k];
            if (c->covered)
                continue;
            bool th = head || (ncol > 1 && k <= rh && rh < k + (size_t)c->colspan);
            unsigned t = bg_flow_tag(f, th ? BG_TAG_TH : BG_TAG_TD, tr);
            bg_tag *tag = &f->tags[t];
            tag->scope = !th ? BG_SCOPE_NONE : head ? BG_SCOPE_COLUMN : BG_SCOPE_ROW;
            tag->colspan = c->colspan;
            tag->rowspan = c->rowspan;
            out[r * ncol + k] = t;
        }
    }
}

/* The TBody element row r of the body is in (a long body has several). */
static unsigned S_body_tag(const bg_flow *f, const struct bg_table_ctx *ctx, size_t r, unsigned first)
{
    size_t ncol = ctx->node->u.table.column_count;
    for (size_t k = 0; k < ncol; k++) {
        unsigned cell = ctx->body_tags[r * ncol + k];
        if (cell)
            return f->tags[f->tags[cell].parent].parent;
    }
    return first;
}

static table_tags S_tags(bg_flow *f, struct bg_table_ctx *ctx)
{
    const bg_table *tab = &ctx->node->u.table;
    size_t ncol = tab->column_count;
    unsigned table = bg_flow_tag(f, BG_TAG_TABLE, f->tag_parent);
    table_tags tt;
    tt.caption = bg_flow_tag(f, BG_TAG_CAPTION, table);
    tt.head = bg_flow_tag(f, BG_TAG_THEAD, table);
    ctx->head_tags = bg_flow_own(f, bg_xcalloc(tab->header_rows * ncol + 1, sizeof *ctx->head_tags));
    S_cell_tags(f, tab, tab->header, tab->header_rows, true, table, tt.head, ctx->head_tags);
    tt.body = bg_flow_tag(f, BG_TAG_TBODY, table);
    ctx->body_tags = bg_flow_own(f, bg_xcalloc(tab->body_rows * ncol + 1, sizeof *ctx->body_tags));
    S_cell_tags(f, tab, tab->body, tab->body_rows, false, table, tt.body, ctx->body_tags);
    return tt;
}

bool bg_table_columns_fit(const bg_document *doc, const bg_style *style, const bg_node *n, double width,
                          bg_diags *diags)
{
    size_t ncol = n->u.table.column_count;
    double narrowest = style->small_size + 2 * PAD_X; /* one character and its padding */
    if ((double)ncol * narrowest <= width)
        return true;
    char *label = bg_flow_caption_number(style->caption_table, n->number);
    bg_error(diags, bg_document_loc(doc, n->path),
             _("%s has %zu columns, but at most %d fit the text block with one character each"), label, ncol,
             (int)(width / narrowest));
    free(label);
    return false;
}

void bg_flow_table(bg_flow *f, const bg_node *n, int box, double x, double width)
{
    const bg_table *tab = &n->u.table;
    size_t ncol = tab->column_count;
    if (!bg_table_columns_fit(f->doc, f->style, n, width, f->diags))
        return;
    struct bg_table_ctx *ctx = bg_xcalloc(1, sizeof *ctx);
    bg_flow_own(f, ctx); /* freed with free(): the arrays below are owned separately */
    ctx->node = n;
    ctx->x = x;
    ctx->width = width;
    double *col_w = bg_xcalloc(ncol, sizeof *col_w);
    S_widths(f, n, width, col_w);
    ctx->col_x = bg_flow_own(f, bg_xcalloc(ncol + 1, sizeof *ctx->col_x));
    for (size_t k = 0; k < ncol; k++)
        ctx->col_x[k + 1] = ctx->col_x[k] + col_w[k];
    free(col_w);
    ctx->head_cells = bg_flow_own(f, bg_xcalloc(tab->header_rows * ncol, sizeof *ctx->head_cells));
    ctx->body_cells = bg_flow_own(f, bg_xcalloc(tab->body_rows * ncol + 1, sizeof *ctx->body_cells));
    ctx->head_heights = bg_flow_own(f, bg_xcalloc(tab->header_rows, sizeof(double)));
    ctx->body_heights = bg_flow_own(f, bg_xcalloc(tab->body_rows + 1, sizeof(double)));
    S_set_cells(f, ctx, tab->header, tab->header_rows, true, ctx->head_cells, ctx->head_heights);
    S_set_cells(f, ctx, tab->body, tab->body_rows, false, ctx->body_cells, ctx->body_heights);
    ctx->number_inset = bg_flow_own(f, bg_xcalloc(ncol + 1, sizeof(double)));
    S_number_insets(ctx);
    ctx->header_height = RULE_THICK + RULE_THIN;
    for (size_t r = 0; r < tab->header_rows; r++)
        ctx->header_height += ctx->head_heights[r];

    bg_text_spec cspec = bg_flow_caption_spec(f);
    char *cont = bg_flow_caption_number(f->style->caption_table_cont, n->number);
    ctx->cont_caption = bg_para_plain(f, n, 3, cont, &cspec, width);
    free(cont);
    ctx->cont_height = ctx->cont_caption->lines.count * ctx->cont_caption->line_height + ctx->header_height;
    ctx->label = bg_flow_own(f, bg_flow_caption_number(f->style->caption_table, n->number));

    /* A table whose continuation caption and header leave no room on a page for one line
     * of a row could never be paginated (the slices of a tall row would be empty). */
    double min_row = S_spec(f, false, BG_ALIGN_LEFT).line_height + 2 * PAD_Y;
    if (f->text_height - ctx->cont_height - 2 * f->style->leading < min_row) {
        bg_error(f->diags, bg_document_loc(f->doc, n->path),
                 _("table header is taller than a page (%.0f pt of a %.0f pt text block)"), ctx->header_height,
                 f->text_height);
        return;
    }

    table_tags tt = S_tags(f, ctx);
    /* Caption, kept with the header and the first rows. */
    f->tag = 0;
    bg_flow_push_gap(f, f->style->leading * 0.4, box);
    size_t cap_first = f->count;
    f->tag = tt.caption;
    S_caption(f, n, f->style->caption_table, 1, box, x, width, true);
    char *dest = bg_flow_node_dest(f, n);
    if (f->count > cap_first)
        f->items[cap_first].dest = bg_flow_dest_add(f, dest);
    free(dest);
    f->tag = tt.head;
    bg_vitem *head = bg_flow_push(f, BG_V_BOX, ctx->header_height);
    head->draw = S_draw_header_item;
    head->data = ctx;
    head->x = x;
    head->box = box;
    head->keep_with_next = true;
    head->table = ctx;
    head->table_head = true;
    S_cell_notes(f, tab->header, 0, tab->header_rows * ncol, head); /* on its first page only */

    /* Rows in groups joined by rowspans. */
    f->tag = tt.body;
    size_t r = 0;
    while (r < tab->body_rows) {
        size_t end = r + 1;
        for (size_t q = r; q < end; q++)
            for (size_t k = 0; k < ncol; k++) {
                const bg_cell *c = &tab->body[q * ncol + k];
                if (!c->covered && q + (size_t)c->rowspan > end)
                    end = q + (size_t)c->rowspan;
            }
        f->tag = S_body_tag(f, ctx, r, tt.body);
        double h = 0;
        for (size_t q = r; q < end; q++)
            h += ctx->body_heights[q];
        double page_room = f->text_height - ctx->cont_height - 2 * f->style->leading;
        if (h > page_room && end == r + 1) {
            size_t slices = f->count;
            S_push_slices(f, ctx, r, h, page_room, x, box);
            if (f->count > slices)
                S_cell_notes(f, tab->body, r * ncol, end * ncol, &f->items[slices]);
            bg_warning(f->diags, bg_document_loc(f->doc, tab->body[r * ncol].path),
                       _("table row %zu is taller than a page; it is split across pages"), r + 1);
            r = end;
            continue;
        }
        row_box *rb = bg_flow_own(f, bg_xcalloc(1, sizeof *rb));
        *rb = (row_box){ctx, r, end - r, 0, 0};
        bg_vitem *it = bg_flow_push(f, BG_V_BOX, h);
        it->draw = S_draw_rows;
        it->data = rb;
        it->x = x;
        it->box = box;
        it->table = ctx;
        S_cell_notes(f, tab->body, r * ncol, end * ncol, it);
        /* Keep the first two and the last two rows together (no lone row on a page). */
        it->keep_with_next = r == 0 || end + 1 >= tab->body_rows;
        if (h > page_room)
            bg_error(f->diags, bg_document_loc(f->doc, tab->body[r * ncol].path),
                     _("table rows %zu to %zu, joined by a rowspan, are taller than a page; shorten the "
                       "spanning cell or split the rowspan"),
                     r + 1, end);
        r = end;
    }
    /* The note stays with the last row (and the rule between them). */
    f->items[f->count - 1].keep_with_next = tab->note.count > 0;
    f->tag = 0;
    bg_vitem *rule = bg_flow_push(f, BG_V_SPACE, RULE_THICK);
    rule->box = box;
    rule->keep_with_next = tab->note.count > 0;
    if (tab->note.count) {
        bg_text_spec nspec = S_spec(f, false, BG_ALIGN_LEFT);
        nspec.line_height = f->style->small_size * 1.6;
        bg_para *p = bg_para_inline(f, &tab->note, 0, &tab->note, NULL, &nspec, width);
        f->tag = bg_flow_tag(f, BG_TAG_P, f->tag_parent);
        bg_flow_push_lines(f, p, x, box, false);
        f->tag = 0;
        bg_flow_footnotes_of(f, &tab->note);
    }
    bg_vitem *after = bg_flow_push(f, BG_V_SPACE, f->style->leading * 0.5);
    after->box = box;
}
