/* node.h: the document tree, what the model stage hands on. A report is a tree of
 * bg_node (parent, first child, next sibling) with a tagged union per block type, and
 * inline content as arrays of spans. Every node keeps the JSON path and line:col it came
 * from, so later stages can point a diagnostic back at the data. Numbers (sections,
 * tables, figures, cases, footnotes) are assigned by the model, never read from the data.
 * The document owns every node; nodes own their strings, spans and table cells. */
#ifndef BG_NODE_H
#define BG_NODE_H

#include "../image/image.h"
#include "../base/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    BG_NODE_DOCUMENT,
    BG_NODE_SECTION,
    BG_NODE_PARAGRAPH,
    BG_NODE_TABLE,
    BG_NODE_FIGURE,
    BG_NODE_CASE,
    BG_NODE_LIST,
    BG_NODE_PAGE_BREAK,
    BG_NODE_COVER,
    BG_NODE_PREFACE,
    BG_NODE_TOC,
    BG_NODE_LIST_OF_FIGURES,
    BG_NODE_LIST_OF_TABLES,
    BG_NODE_LIST_OF_CASES,
} bg_node_type;

enum { BG_STYLE_BOLD = 1, BG_STYLE_SUP = 2, BG_STYLE_SUB = 4 };

typedef enum { BG_SPAN_TEXT, BG_SPAN_FOOTNOTE, BG_SPAN_REF } bg_span_kind;

struct bg_node;
struct bg_inline;

typedef struct bg_span {
    bg_span_kind kind;
    unsigned style;               /* BG_STYLE_* */
    char *text;                   /* TEXT: the characters */
    char *target;                 /* REF: the id referred to */
    struct bg_node *resolved;     /* REF: the node, set by numbering (not owned) */
    struct bg_inline *note;       /* FOOTNOTE: the note's own inline text (owned) */
    int number;                   /* FOOTNOTE: its number, set by numbering */
    char *cell;                   /* REF to a table cell: "row:column" after the table id */
    bool bound;                   /* TEXT printed from a reference to a value or a cell */
    char *path;                   /* JSON path of the string holding the span */
} bg_span;

typedef struct bg_inline {
    bg_span *spans;
    size_t count, cap;
} bg_inline;

typedef enum { BG_CELL_EMPTY, BG_CELL_NUMBER, BG_CELL_TEXT } bg_cell_kind;

typedef struct bg_cell {
    bg_cell_kind kind;
    double number;
    bg_inline text;       /* TEXT cells; NUMBER cells get their formatted text here too */
    int colspan, rowspan; /* >= 1 */
    bool covered;         /* a slot covered by a span from another cell */
    char *path;
    int line, col;
} bg_cell;

typedef enum { BG_ALIGN_AUTO, BG_CELL_LEFT, BG_CELL_CENTER, BG_CELL_RIGHT, BG_CELL_DECIMAL } bg_cell_align;

typedef struct bg_column {
    char *title;
    bg_cell_align align;
    char *format; /* number format or NULL */
    char *unit;   /* printed after numbers, or NULL */
} bg_column;

/* A table's grid: header rows and body rows, each exactly `column_count` slots wide;
 * slots covered by a span are marked `covered`. */
typedef struct bg_table {
    bg_column *columns;
    size_t column_count;
    bg_cell *header; /* header_rows × column_count */
    size_t header_rows;
    bg_cell *body; /* body_rows × column_count, the total row last when present */
    size_t body_rows;
    bool has_total;
    char *csv_file; /* rows came from this file (resolved path), or NULL */
    bg_inline note;
} bg_table;

typedef enum { BG_CHART_BAR, BG_CHART_LINE, BG_CHART_PIE } bg_chart_kind;

typedef struct bg_series {
    char *name;
    double *values;
    size_t count;
    char *format; /* drawn from a table: its column's number format (0.00%), or NULL */
} bg_series;

typedef struct bg_chart {
    bg_chart_kind kind;
    char **labels;
    size_t label_count;
    bg_series *series;
    size_t series_count;
    char *unit;
    char *table_id; /* fed from this table, filled in by numbering */
    int label_column;
    int *value_columns;
    size_t value_column_count;
} bg_chart;

typedef struct bg_figure {
    char *image;      /* resolved path of the image file, or NULL */
    char *image_src;  /* as written in the data */
    bg_image_info image_info; /* the image as read and checked when loaded */
    double width;     /* fraction of the text width */
    char *alt;
    bg_chart *chart;  /* or NULL */
} bg_figure;

typedef struct bg_meta {
    char *title; /* one line: the lines joined (no space between Han characters) */
    char **title_lines; /* the lines as given (an array, or a string split at newlines) */
    size_t title_line_count;
    char *subtitle, *issuer, *date, *language, *subject, *keywords;
} bg_meta;

typedef struct bg_node {
    bg_node_type type;
    struct bg_node *parent, *first_child, *last_child, *next;
    char *path; /* JSON path, e.g. $.body[3].children[0] */
    int line, col;
    char *id;
    bg_inline title; /* section/case/preface/list titles, table and figure captions */
    int level;       /* sections: 1 for top level */
    int number;      /* tables, figures, cases: 表/图/案例 number; sections: number in parent */
    int numbers[8];  /* sections: the number path, numbers[0..level-1] */
    bool referenced; /* some [@id] points here */
    union {
        bg_inline text; /* paragraphs */
        bg_table table;
        bg_figure figure;
        struct {
            bool ordered;
            bg_inline *items;
            size_t count;
        } list;
    } u;
} bg_node;

/* A named value of the report ("values": {"students": 51486, …}): printed where the text
 * says [@students], and the number of table cells and chart values written
 * {"ref": "students"}, so a corrected number changes everywhere it is printed. */
typedef struct bg_value {
    char *name;
    double number;
    char *text; /* formatted with its format and unit */
    char *path; /* $.values.NAME */
    bool referenced;
} bg_value;

typedef struct bg_document {
    bg_node *root;
    bg_meta meta;
    char *file;       /* the report's path as given */
    char *dir;        /* the folder holding it, for relative image/CSV paths */
    char *text;       /* the file's bytes, for mapping JSON paths to line:col */
    size_t text_len;
    struct bg_jsonpos *positions; /* index of text, built by the loader (owned) */
    int footnote_count, table_count, figure_count, case_count;
    bg_value *values; /* sorted by name (owned) */
    size_t value_count;
    /* owned (load_figure.c): the images whose full check was still running when the
     * document was loaded with defer_image_checks (see model.h), or NULL */
    struct bg_image_waits *image_waits;
    size_t image_mark; /* the diagnostics count before numbering, see load_figure.c */
} bg_document;

bg_node *bg_node_new(bg_node_type type, const char *path);
void bg_node_append(bg_node *parent, bg_node *child);
/* Frees the tree (first waiting for its images' checks); accepts NULL. */
void bg_document_free(bg_document *doc);
/* load_figure.c: waits for the checks, then frees them; accepts NULL. */
void bg_image_waits_free(struct bg_image_waits *w);
/* Sets *line and *col of the JSON value at path in the report's text (see jsonpos.h);
 * returns false, leaving them alone, when the path cannot be followed. */
bool bg_document_locate(const bg_document *doc, const char *path, int *line, int *col);
/* A diagnostic location for path in the report: its file, the path and its line:col. */
bg_loc bg_document_loc(const bg_document *doc, const char *path);

void bg_inline_add(bg_inline *in, bg_span span); /* takes ownership of the span's strings */
void bg_inline_free(bg_inline *in);
/* The plain text of an inline (footnotes left out, references as resolved labels when
 * resolved); caller frees. */
char *bg_inline_plain(const bg_inline *in);

const char *bg_node_type_name(bg_node_type type);
/* The named value called name, or NULL (binary search of doc->values). */
bg_value *bg_document_value(const bg_document *doc, const char *name);

#endif
