/* vlist.h: the vertical list, the layout stage's inner contract between building blocks
 * and paginating them (as in TeX): a flat array of items, each a line of text, a space,
 * an unbreakable box or a forced break, with what pagination must respect (keeps,
 * discardable space, floats, footnotes, table and case membership) and what emitting
 * needs to draw it. Paragraphs are shaped and broken once; items only point into them. */
#ifndef BG_VLIST_H
#define BG_VLIST_H

#include "../text/shape.h"
#include "linebreak.h"
#include "page.h"
#include "style.h"

#include <stdbool.h>

/* A paragraph shaped and broken once, shared by the items of its lines. */
typedef struct bg_para {
    bg_shaped *shaped;
    bg_lines lines;
    double measure;
    double line_height; /* baseline-to-baseline, pt */
    double size;        /* main text size, pt */
    char **links;       /* owned destination names the runs' links point at */
    size_t link_count;
    int *marks;         /* footnote indices of the marks in the text (owned) */
    size_t *mark_offsets; /* byte offset of each mark in the shaped text */
    size_t mark_count;
    bool borrowed; /* shaped, links and marks belong to another cached paragraph */
    struct bg_textcache_entry *memo; /* where shaped came from between builds (textcache.h), or NULL */
} bg_para;

struct bg_vitem;
struct bg_flow;
/* Draws a box item whose top-left corner is at (x, y_top). */
typedef void (*bg_draw_fn)(const struct bg_vitem *item, struct bg_flow *flow, bg_page *page,
                           double x, double y_top);

typedef enum {
    BG_V_LINE,  /* one line of a paragraph */
    BG_V_SPACE, /* vertical space; dropped at a page top */
    BG_V_BOX,   /* an unbreakable box drawn by a callback (rules, table rows, figures) */
    BG_V_BREAK, /* forced page break */
} bg_vkind;

typedef enum { BG_BREAK_PAGE, BG_BREAK_RECTO } bg_break_kind;

typedef struct bg_table_ctx bg_table_ctx; /* table.c */

typedef struct bg_vitem {
    bg_vkind kind;
    double height; /* vertical space it takes, pt */
    bool keep_with_next; /* no page break between this item and the next */
    bool is_float;       /* may move past following items to the next page top */
    int heading;         /* level of the section whose heading this line or space opens;
                            0: not a heading (floats never move past a heading of their
                            section's level or higher) */
    int level;           /* a float, or a case box's first item: the level of the section
                            it belongs to (0: none; then it passes no heading) */
    bool moved_up;       /* a float pagination moved above text of its section */
    double scalable;     /* the part of the height a figure loses in proportion when
                            pagination scales it down (0: not scalable) */
    /* BG_V_LINE */
    bg_para *para; /* borrowed from the flow's paragraph list */
    size_t line;
    double x;          /* left offset of the line within the text block */
    double baseline;   /* baseline from the item's top */
    bg_color color;
    /* BG_V_BOX */
    bg_draw_fn draw;
    void *data; /* borrowed; owned by the flow's builder */
    bg_break_kind break_kind;
    /* anchors */
    int dest; /* index into flow dest names, -1 none: placed at the item's top */
    int outline; /* index into the flow's outline entries, -1 none */
    int *footnotes; /* footnote indices whose marks sit on this line (owned) */
    size_t footnote_count;
    int box;  /* case box index, -1 none */
    bg_table_ctx *table; /* row of this table (repeat its header after a break) */
    bool table_head;     /* the table's own header (not repeated before it) */
    int chapter; /* index of the level-1 section this item belongs to, -1 none */
    int part;   /* 0 front matter, 1 body */
    unsigned tag; /* the structure element its content belongs to (0: an artifact) */
} bg_vitem;

#endif
