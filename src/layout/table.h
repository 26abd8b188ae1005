/* table.h: a table laid out once (column widths, cells shaped and broken, row heights),
 * shared by its row items so pagination can repeat the header under 续表 N and close each
 * piece with the bottom rule. Internal to layout/. */
#ifndef BG_TABLE_H
#define BG_TABLE_H

#include "vlist.h"
#include "../model/node.h"

struct bg_table_ctx {
    const bg_node *node;
    double x, width;       /* within the text block */
    double *col_x;         /* column_count + 1 edges, relative to x */
    bg_para **head_cells;  /* header_rows × column_count, NULL where covered */
    bg_para **body_cells;  /* body_rows × column_count */
    double *head_heights;  /* per header row */
    double *body_heights;  /* per body row */
    double *number_inset;  /* per column: how far right-aligned numbers sit in from the
                              cell's right edge, so the column of figures is centred */
    double header_height;  /* all header rows, with the rules */
    bg_para *cont_caption; /* 续表 N caption */
    double cont_height;    /* continuation caption + header */
    char *label;           /* "表 3", as the caption prints it */
    unsigned *head_tags;   /* header_rows × column_count: each cell's TH element */
    unsigned *body_tags;   /* body_rows × column_count: each cell's TD (or row TH) */
};

/* Draws the header rows with the top and header rules, their top at y_top. */
void bg_table_draw_header(const struct bg_table_ctx *t, bg_page *page, double x, double y_top);
/* Draws the continuation caption and header (after a page break) at y_top. */
void bg_table_draw_continued(const struct bg_table_ctx *t, bg_page *page, double x, double y_top);
/* Draws the bottom rule of a table piece at y. */
void bg_table_draw_bottom(const struct bg_table_ctx *t, bg_page *page, double x, double y);


#endif
