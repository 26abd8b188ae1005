/* limits.h: the sizes baogao refuses to go beyond, in one place (docs/format.md, "Limits").
 * Each keeps a hostile or mistaken input from exhausting memory, the stack or time; each
 * refusal is a located error. */
#ifndef BG_LIMITS_H
#define BG_LIMITS_H

#define BG_MAX_REPORT_BYTES (64u << 20) /* report JSON file */
#define BG_MAX_CSV_BYTES (64u << 20)    /* one CSV file */
#define BG_MAX_LAYOUT_BYTES (1u << 20)  /* layout JSON file */
#define BG_MAX_NESTING 8                /* blocks inside blocks (sections nest at most 6) */
#define BG_MAX_BLOCKS 100000            /* blocks in a report */
#define BG_MAX_COLUMNS 200              /* columns of one table */
#define BG_MAX_ROWS 100000              /* body rows of one table (about 2,900 pages) */
#define BG_MAX_TEXT_BYTES (4u << 20)    /* one text string (a paragraph, a cell, a title) */
#define BG_MAX_LOAD_ERRORS 1000         /* errors shown for one report; the rest counted */

#endif
