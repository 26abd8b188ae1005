/* style.h: a layout file (layouts/NAME.json, docs/layout.md) read into resolved values:
 * page geometry in points, fonts per role, sizes (Chinese size names such as 五号/小四/三号
 * resolved to points), leading, indents, heading numbering per level, caption formats,
 * running heads and feet, TOC and footnote settings, typography. */
#ifndef BG_STYLE_H
#define BG_STYLE_H

#include "../base/diag.h"
#include "../text/typo.h"
#include "page.h"

#define BG_MAX_LEVELS 6

/* What a face is for: body text, headings and captions, the document's title, and an
 * accent face (楷体 for a heading level, say). A layout names families per role. */
typedef enum { BG_ROLE_BODY, BG_ROLE_HEADING, BG_ROLE_TITLE, BG_ROLE_ACCENT, BG_ROLE_COUNT } bg_font_role;
#define BG_MAX_FAMILIES 8 /* families a layout may list for one role */

/* Where a chapter (level-1 section) opens: anywhere, on a new page, on a right-hand page. */
typedef enum { BG_CHAPTER_ANY, BG_CHAPTER_PAGE, BG_CHAPTER_RECTO } bg_chapter_open;

#define BG_CHART_MAX_COLORS 12

/* How a bar or line chart shows its values: a value axis with round ticks and gridlines,
 * the value on every bar or point, or both. */
typedef enum { BG_CHART_SCALE_BOTH, BG_CHART_SCALE_AXIS, BG_CHART_SCALE_VALUES } bg_chart_scale;

typedef struct bg_heading_style {
    char *numbering;   /* e.g. "{1}.{2}" or "（{2:cn}）"; NULL: unnumbered */
    char *ref;         /* how a cross-reference prints the section, same placeholders, e.g.
                          "第{1:cn}部分（{2:cn}）"; NULL: "第 N 节" from the numbering (para.c) */
    double indent;     /* first-line indent, em (cells on a grid) */
    double size;       /* pt */
    bg_font_role font;
    bool bold;
    double space_before, space_after; /* pt */
    bg_align align;
} bg_heading_style;

typedef struct bg_style {
    char *file;
    double page_width, page_height;        /* pt */
    double margin_top, margin_bottom, margin_inner, margin_outer; /* pt */
    /* Per role, the families in order of preference (NULL-terminated; the first
     * installed wins, see preflight.h); the Latin lists may be empty (the role's face
     * sets Latin too). family_given: the layout named the list (a fallback is warned). */
    char *font_family[BG_ROLE_COUNT][BG_MAX_FAMILIES + 1];
    char *latin_family[BG_ROLE_COUNT][BG_MAX_FAMILIES + 1];
    bool family_given[BG_ROLE_COUNT], latin_given[BG_ROLE_COUNT];
    char *font_dir;                        /* fonts/ folder searched first */
    double body_size, leading;             /* pt; leading = baseline-to-baseline */
    double indent;                         /* first-line indent, em */
    double paragraph_space;                /* extra space between paragraphs, pt */
    int heading_count;                     /* levels the layout styles itself */
    bg_heading_style headings[BG_MAX_LEVELS]; /* every level; the rest copy the last given */
    char *caption_table, *caption_figure, *caption_case, *caption_table_cont; /* "表 {n}" ... */
    char *caption_case_cont; /* title of a case box continued on a new page, "案例 {n}（续）" */
    double figure_min_scale; /* a figure that almost fits may shrink to this share of its width */
    double space_stretch, space_shrink; /* spacing.*: share of each space between blocks a
                                           page may add or take away to end full (0 on a grid) */
    double caption_size;
    char *header_text, *footer_text; /* "{title}", "{chapter}", "{page}" */
    double header_size, footer_size;
    bool footer_outside;  /* the folio on the outer side: right on odd pages, left on even */
    double footer_inset;  /* em of footer_size between an outside folio and the block's edge */
    double footer_below;  /* pt from the text block's foot to the folio's top; < 0: default */
    int toc_levels;
    double small_size; /* tables, footnotes, captions */
    double cover_title_size, cover_subtitle_size; /* the cover's title and subtitle, pt */
    bool footnotes_per_page;
    bool footnotes_circled; /* footnotes.style "circled": ①②③ (restarting on every page
                               unless footnotes.numbering says "document") */
    bg_chapter_open chapter_open; /* where a level-1 section starts (chapters.open) */
    double bleed;     /* pt of bleed around the trimmed page (print.bleed) */
    bool print_cmyk;  /* the printer wants CMYK (print.color): RGB images are warned about */
    bg_color case_frame, case_fill, rule_color;
    bg_chart_scale chart_scale;                  /* charts.scale */
    bg_color chart_colors[BG_CHART_MAX_COLORS]; /* charts.colors, series or slice order */
    size_t chart_color_count;
    bool chart_colors_given;                     /* by the layout, not the defaults */
    bg_typo typo;
    int grid_lines; /* lines per page on a grid layout; 0 = none */
} bg_style;

bg_style *bg_style_load(const char *path, bg_diags *diags);
void bg_style_free(bg_style *style); /* accepts NULL */

/* A size given as a number (pt) or a Chinese size name; returns <= 0 when unknown. */
double bg_style_size_named(const char *name);

/* Formats a heading number for `numbers` (numbers[0..level-1]) with a format such as
 * "{1}.{2}" ({k} decimal, {k:cn} Chinese numerals 一二三, {k:roman} i ii iii, {k:circled} ① ② ③ up to 20). Caller frees. */
char *bg_style_number(const char *format, const int *numbers, int level);

#endif
