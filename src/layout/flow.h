/* flow.h: the layout stage's working state, shared by its files (internal to layout/):
 * fonts, the vertical list, the paragraphs it points into, destinations, outline,
 * footnotes, case boxes, contents entries, and where pagination put everything. */
#ifndef BG_FLOW_H
#define BG_FLOW_H

#include "../model/node.h"
#include "vlist.h"

#define CASE_PAD 8.0 /* pt between a case frame and its text */

/* figure.c: the printed size (pt) of an image figure set in `width` points of a text
 * block `text_height` tall: its width fraction of `width`, its aspect (after the EXIF
 * orientation) kept, at most 0.6 of the text height tall. Shared with preflight.c, whose
 * resolution check must see the size the layout prints. */
void bg_figure_image_size(const bg_figure *fig, double width, double text_height, double *w, double *h);

typedef struct bg_flow_dest {
    char *name;
    int page;   /* set by pagination, -1 until placed */
    double y;   /* top, PDF coordinates */
} bg_flow_dest;

typedef struct bg_flow_outline {
    char *title;
    int level;
    int dest;
} bg_flow_outline;

typedef struct bg_footnote {
    bg_para *para; /* the note's text, set `indent` in from the number's box */
    bg_para *num;  /* its number, at the start of that box */
    double indent; /* the box's width, the same for every note */
    double height;
    int dest; /* the note's destination (the mark links here) */
    unsigned tag; /* its Note element */
    size_t lines_here; /* when the note continues on the next page: its lines on the
                          mark's page; 0 when the whole note is there */
    unsigned label; /* the Lbl element (inside the Note) its number is drawn in */
} bg_footnote;

/* An entry of the contents or of a list of figures, tables or cases. */
typedef enum { BG_TOC_SECTION, BG_TOC_FIGURE, BG_TOC_TABLE, BG_TOC_CASE } bg_toc_kind;
typedef struct bg_toc_entry {
    bg_toc_kind kind;
    int level;
    char *label; /* the number, e.g. "1.2" or "表 1"; "" for an unnumbered section */
    char *title; /* plain title text */
    int dest;
} bg_toc_entry;

typedef struct bg_placement {
    int page;        /* -1: discarded (space at a page top) */
    double y;        /* distance of the item's top below the text block's top, pt */
    bool continued;  /* a table row that opens a page: 续表 caption and header above it */
    bool box_continued; /* the first item of a case box piece continued on a new page:
                           the 案例 N（续） title above it */
    double scale;    /* a figure scaled down to fit (1: as built) */
    double grow;     /* pt a space between blocks grew (or, negative, shrank) so that its
                        page ends full (spacing.stretch / shrink); y already includes it */
} bg_placement;

/* A case box (案例): its items, and the title repeated above a piece continued on a new
 * page. */
typedef struct bg_case_box {
    bg_para *cont;      /* "案例 N（续）" and the title */
    double cont_height; /* the frame's padding, that title and the gap below it */
    double pad;         /* pt between the frame and the text */
    size_t first, last; /* its items */
    int hoist; /* pagination moved its photo under the title (1), moved it back (-1) */
    size_t hoist_at, hoist_head, hoist_count; /* then: items [at, at + count) begin with the
                                                 photo's hoist_head items */
} bg_case_box;

/* A cached paragraph: keyed by (key, slot, measure), or, for a plain string without a
 * key (contents entries, running heads), by its text, spec and measure. */
typedef struct bg_para_cache_entry {
    const void *key;
    int slot;
    double measure;
    bg_para *para;
    char *text; /* owned: the text of a keyless plain paragraph, else NULL */
    uint64_t hash;
    int role, bold;
    double size, line_height, indent;
    int align;
    bool off_grid;
} bg_para_cache_entry;

typedef struct bg_flow {
    const bg_document *doc;
    const bg_style *style;
    bg_diags *diags;
    bg_font *fonts[BG_ROLE_COUNT][2]; /* [role][bold] */
    bg_font *latin[BG_ROLE_COUNT][2]; /* [role][bold]: Latin faces, NULL when the layout names none */
    double text_width, text_height;

    bg_vitem *items;
    size_t count, cap;

    bg_para_cache_entry *cache; /* paragraphs shaped once, reused across passes */
    size_t cache_count, cache_cap;
    size_t *cache_index;  /* open-addressed hash of cache (entry index + 1, 0 empty) */
    size_t *shape_index;  /* the same for (key, slot): a paragraph to share shaping with */
    size_t cache_index_cap; /* a power of two, at least twice cache_count */
    bg_para **scratch; /* paragraphs of this pass only (contents entries) */
    size_t scratch_count, scratch_cap;
    void **owned; /* box data of this pass, freed with free() */
    size_t owned_count, owned_cap;

    bg_flow_dest *dests;
    size_t dest_count, dest_cap;
    size_t *dest_index;    /* open addressing: dest number + 1, 0 free (layout.c) */
    size_t dest_index_cap; /* a power of two, at least twice dest_count */
    bg_flow_outline *outline;
    size_t outline_count, outline_cap;
    bg_footnote *footnotes;
    size_t footnote_count, footnote_cap;
    bg_toc_entry *toc;
    size_t toc_count, toc_cap;
    char **chapters; /* titles of level-1 sections for running heads */
    size_t chapter_count, chapter_cap;
    int box_count;
    bg_case_box *boxes; /* box_count of them */
    size_t box_cap;

    /* Pagination results. */
    bg_placement *placed; /* per item */
    int page_count;
    double *footnote_height; /* per page: height of its footnote area */
    int *note_labels; /* per footnote number: the number printed (per-page numbering,
                         from the previous pass's pages); kept across passes */
    size_t note_label_count;
    int body_first_page; /* index of the page labelled 1; -1 when no body */
    int front_first_page; /* index of the page labelled i (the first front-matter page
                             after the cover and its blank back); -1 when none */
    int pass;
    struct bg_ahead *ahead; /* the first pass's texts being shaped on a second thread
                               (ahead.h), or NULL */

    /* The structure tree of this pass (page.h, bg_tag), handed to the pages by emit. */
    bg_tag *tags;
    size_t tag_count, tag_cap;
    unsigned tag;        /* the element of the items pushed now (bg_flow_push stamps it) */
    unsigned tag_parent; /* the container new elements go into (Document, Sect, case) */
    int tag_level;       /* the level of the heading that opened tag_parent (0: none) */
} bg_flow;

/* layout.c */
int bg_flow_dest_add(bg_flow *f, const char *name);
int bg_flow_dest_find(const bg_flow *f, const char *name);
bg_vitem *bg_flow_push(bg_flow *f, bg_vkind kind, double height);
/* The space above a table or figure (in case box `box`, -1 none): right after another
 * space between blocks it is not added to it, the larger of the two is kept (as
 * consecutive spaces between blocks collapse in LaTeX's \addvspace). */
bg_vitem *bg_flow_push_gap(bg_flow *f, double height, int box);
/* Adds a structure element of type under parent and returns its index (the first one
 * added is the Document). */
unsigned bg_flow_tag(bg_flow *f, bg_tag_type type, unsigned parent);
void *bg_flow_own(bg_flow *f, void *data);
/* Printed page label of page index p ("ii", "12"); caller frees. */
char *bg_flow_page_label(const bg_flow *f, int page);
/* The number printed for footnote `number`: itself, or with per-page numbering its
 * place among the notes of its page as the previous pass laid them out. */
int bg_flow_note_label(const bg_flow *f, int number);
/* The number as printed, in marks and notes alike: "3", or with footnotes.style
 * "circled" "③" (beyond ⑳, the figures). Caller frees. */
char *bg_flow_note_text(const bg_flow *f, int number);

/* para.c: text of an inline (or a plain string) shaped and broken at a measure, cached
 * by key so body text is never shaped twice across passes; a key already shaped at
 * another measure is only broken again. A plain string without a key is cached by its
 * text. An inline with key NULL is not cached. measure 0: shaped, not broken (no lines),
 * for measuring widths. */
typedef struct bg_text_spec {
    bg_font_role role;
    bool bold;
    double size;
    double line_height;
    double indent; /* first-line indent, pt */
    bg_align align;
    bool off_grid; /* body-size text set freely, not on the character grid (the numbers
                      of a contents or list entry, spaced as in the captions) */
} bg_text_spec;
bg_para *bg_para_inline(bg_flow *f, const void *key, int slot, const bg_inline *in,
                        const char *prefix, const bg_text_spec *spec, double measure);
bg_para *bg_para_plain(bg_flow *f, const void *key, int slot, const char *text,
                       const bg_text_spec *spec, double measure);
void bg_para_free(bg_para *p);
/* Sets the notes of the footnotes in `in` (numbered by the model) for the pages that
 * print their marks: every text that can hold a footnote (paragraph, list item, heading,
 * caption, case title, table cell and note) has its notes set once. */
void bg_flow_footnotes_of(bg_flow *f, const bg_inline *in);
/* Pushes the lines of p as items at x with the given keeps (widows and orphans). */
void bg_flow_push_lines(bg_flow *f, bg_para *p, double x, int box, bool keep_all);
/* The reference text for a node: "表 3", "图 2", "案例 5", "第 2.1 节"; caller frees. */
char *bg_flow_ref_label(const bg_flow *f, const bg_node *n);
char *bg_flow_section_number(const bg_flow *f, const bg_node *n);
/* The destination name of a section, table, figure or case ("sec-1.2", "tab-3"); caller frees. */
char *bg_flow_node_dest(const bg_flow *f, const bg_node *n);
/* The caption label "表 3" / "图 2" / "案例 5" from a layout format such as "表 {n}". */
char *bg_flow_caption_number(const char *format, int n);

/* title.c: the cover title as lines: those given, each too wide one broken between
 * words into balanced lines. Returns the count; *lines and each line caller frees. */
size_t bg_flow_title_lines(bg_flow *f, const bg_meta *m, const bg_text_spec *spec, char ***lines);

/* build.c */
void bg_flow_build(bg_flow *f);
/* The first pass's texts, listed and being shaped on a second thread (ahead.h). */
struct bg_ahead *bg_flow_ahead(const bg_flow *f);
/* table.c, figure.c */
void bg_flow_table(bg_flow *f, const bg_node *n, int box, double x, double width);
/* Whether table n's columns can each hold one character at `width`; reports an error
 * naming the table (表 N) when not. Also run by preflight, so `check` refuses it. */
bool bg_table_columns_fit(const bg_document *doc, const bg_style *style, const bg_node *n, double width,
                          bg_diags *diags);
void bg_flow_figure(bg_flow *f, const bg_node *n, int box, double x, double width);
/* A table's or figure's caption: its spec, and the label set before its title ("图 3　"
 * from the layout's format such as "图 {n}"; caller frees). */
bg_text_spec bg_flow_caption_spec(const bg_flow *f);
char *bg_flow_caption_prefix(const char *format, int n);
/* chart.c: a figure's chart laid out once per pass at `width` (the column): its marks in
 * chart coordinates and *height, the extent of everything it draws. The flow owns the
 * result (freed with the pass). bg_chart_draw puts it on a page with the top-left corner
 * of that extent at (x, y_top). */
typedef struct bg_chart_box bg_chart_box;
bg_chart_box *bg_flow_chart(bg_flow *f, const bg_node *n, double width, double *height);
void bg_chart_draw(const bg_chart_box *cb, bg_page *page, double x, double y_top);
/* The chart's data in words, for the figure's text alternative: "柱状图：专任教师 3390 人，
 * 本科及以上学历 3351 人，…。"; caller frees. */
char *bg_chart_alt(const bg_chart *ch);
/* paginate.c */
void bg_flow_paginate(bg_flow *f);
/* emit.c */
void bg_flow_emit(bg_flow *f, bg_pages *pages);

#endif
