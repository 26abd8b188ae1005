/* page.h: what layout hands to the PDF writer, and all it hands: pages of positioned
 * items (glyph runs, lines, rectangles, paths, images, links, destinations) plus the
 * document's outline, page labels and metadata. Nothing here refers to the JSON or the
 * model; the PDF writer never measures or shapes text.
 *
 * Coordinates are PDF points (1/72 in), origin at the page's bottom-left, y up.
 * A bg_pages owns everything reachable from it; of fonts it holds a reference each
 * (bg_font_keep), so the pages may outlive the font set that loaded them. */
#ifndef BG_PAGE_H
#define BG_PAGE_H

#include "../base/buf.h"
#include "../text/font.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { BG_COLOR_GRAY, BG_COLOR_RGB, BG_COLOR_CMYK } bg_color_space;

typedef struct bg_color {
    bg_color_space space;
    double v[4]; /* gray: v[0]; rgb: v[0..2]; cmyk: v[0..3]; each 0..1 */
} bg_color;

/* One glyph of a run, placed relative to the run's origin. */
typedef struct bg_placed_glyph {
    uint32_t gid;
    float x, y; /* pt, relative to the run origin (y up) */
    /* The UTF-8 text this glyph shows: the run's text[text_start, text_start+text_len).
     * The first glyph of a HarfBuzz cluster carries the cluster's text, the others 0. */
    uint32_t text_start, text_len;
} bg_placed_glyph;

typedef struct bg_glyph_run {
    bg_font *font; /* a reference (bg_font_keep), dropped with the page */
    double size;   /* pt */
    double x, y;   /* origin on the baseline */
    bg_color color;
    bg_placed_glyph *glyphs; /* owned */
    size_t count;
    char *text; /* owned UTF-8 */
} bg_glyph_run;

typedef enum {
    BG_ITEM_GLYPHS,
    BG_ITEM_LINE,
    BG_ITEM_RECT,
    BG_ITEM_PATH,
    BG_ITEM_IMAGE,
    BG_ITEM_LINK,
    BG_ITEM_DEST,
} bg_item_kind;

/* What an item that is not part of the content is (tagged PDF artifacts): page furniture
 * (running heads and feet, continuation titles and repeated table headers) or layout
 * (rules, frames, fills, leaders). */
typedef enum { BG_ARTIFACT_LAYOUT, BG_ARTIFACT_PAGINATION } bg_artifact;

typedef struct bg_item {
    bg_item_kind kind;
    /* The structure element (bg_pages.tags) this item belongs to; 0 (the document
     * itself, which has no content of its own) marks an artifact of kind `artifact`.
     * Links name their Link element here. */
    unsigned tag;
    bg_artifact artifact;
    union {
        bg_glyph_run glyphs;
        struct {
            double x0, y0, x1, y1, width;
            bg_color color;
        } line;
        struct {
            double x, y, w, h; /* bottom-left corner and size */
            bool fill, stroke;
            bg_color fill_color, stroke_color;
            double stroke_width;
            unsigned repeat; /* more copies (dot leaders), each step further right; one path */
            double step;
        } rect;
        struct {
            double *xy; /* owned: count points as x,y pairs */
            size_t count;
            bool closed, fill, stroke;
            bg_color fill_color, stroke_color;
            double stroke_width;
        } path;
        struct {
            char *file; /* owned: absolute or cwd-relative path to a PNG or JPEG */
            double x, y, w, h; /* the box as printed (the PDF writer applies the file's
                                  EXIF orientation) */
        } image;
        struct {
            double x, y, w, h; /* the clickable area */
            char *dest;        /* owned: name of a destination (BG_ITEM_DEST) */
        } link;
        struct {
            char *name; /* owned, unique in the document */
            double x, y; /* top-left of the target */
        } dest;
    } u;
} bg_item;

/* A table body cell as printed on a page, recorded for `baogao diff` (docs/diff.md). */
typedef struct bg_page_cell {
    char *table;  /* owned: the table's id, else its label */
    char *label;  /* owned: the table's label as printed, e.g. "表 3" */
    char *row;    /* owned: the text of the row's first cell */
    char *column; /* owned: the column's title */
    char *value;  /* owned: the cell's text as printed */
} bg_page_cell;

struct bg_pages;

typedef struct bg_page {
    double width, height; /* trimmed page size, pt */
    struct bg_pages *owner; /* not owned: the document the page belongs to (its tags) */
    /* What bg_page_add stamps on a new item: layout sets them before drawing a block. */
    unsigned tag;
    bg_artifact artifact;
    bg_item *items;       /* owned */
    size_t count, cap;
    /* Items [furniture, count) are page furniture (running head and foot): left out of
     * the content digest so a page that only moved keeps it. SIZE_MAX: none marked. */
    size_t furniture;
    double content_x; /* left edge of the text block: the digest measures x from it */
    bg_page_cell *cells; /* owned */
    size_t cell_count, cell_cap;
} bg_page;

/* A bookmark; the outline is given flat, in document order, with levels from 1. */
typedef struct bg_outline_entry {
    char *title; /* owned UTF-8 */
    int level;
    char *dest; /* owned: destination name */
} bg_outline_entry;

typedef enum { BG_LABEL_DECIMAL, BG_LABEL_ROMAN_LOWER, BG_LABEL_NONE } bg_label_style;

/* Page labels: from page index first_page on, pages are labelled style from start. */
typedef struct bg_label_range {
    size_t first_page;
    bg_label_style style;
    int start;
} bg_label_range;

/* SHA-256 (hex) of what a page shows: with content_only, its items before the furniture
 * with x measured from the text block (so a page moved from a recto to a verso keeps its
 * digest), else every item as placed. Images count by their file's bytes. */
void bg_page_digest(const bg_page *page, bool content_only, char out[65]);
/* Both digests in one pass: content_only into content, the whole page into whole. */
void bg_page_digests(const bg_page *page, char content[65], char whole[65]);
/* The same, always computed (never taken from or added to the kept digests): it reads
 * page and writes only content and whole, so another thread may call it while the pages
 * do not change, once bg_font_sha256 of each glyph run's font has returned once. */
void bg_page_digests_fresh(const bg_page *page, char content[65], char whole[65]);
/* Whether digests are being kept (bg_page_digests_keep was called). */
bool bg_page_digests_keeping(void);
/* Appends each glyph's id and position (4 + 4 + 4 bytes, native order) to b: the glyphs'
 * part of a page digest and of a kept glyph run's key. */
void bg_glyphs_pack(bg_buf *b, const bg_placed_glyph *glyphs, size_t count);
/* Keeps the digests of pages for the rest of the process (`baogao watch`), reused for a
 * page whose digested items are exactly the same; bg_page_digests_sweep, after a build,
 * drops those the build did not use; bg_page_digests_free frees them all. */
void bg_page_digests_keep(void);
void bg_page_digests_sweep(void);
void bg_page_digests_free(void);
/* Records a table cell printed on the page (strings copied). */
void bg_page_add_cell(bg_page *page, const char *table, const char *label, const char *row,
                      const char *column, const char *value);

/* The logical structure (tagged PDF, PDF/UA): elements in a tree whose children come in
 * reading order, the order in which they were added; items point at the element they
 * belong to (bg_item.tag). Element 0 is the Document. */
typedef enum {
    BG_TAG_DOCUMENT,
    BG_TAG_SECT,
    BG_TAG_CASE, /* a case box (案例): role-mapped to Sect */
    BG_TAG_H,    /* a heading of level 1..6 */
    BG_TAG_P,
    BG_TAG_L,
    BG_TAG_LI,
    BG_TAG_LBL, /* a list item's marker, a note's number */
    BG_TAG_LBODY,
    BG_TAG_TABLE,
    BG_TAG_THEAD,
    BG_TAG_TBODY,
    BG_TAG_TR,
    BG_TAG_TH,
    BG_TAG_TD,
    BG_TAG_CAPTION,
    BG_TAG_FIGURE,
    BG_TAG_NOTE,
    BG_TAG_REFERENCE,
    BG_TAG_LINK,
    BG_TAG_TOC,
    BG_TAG_TOCI,
} bg_tag_type;

typedef enum { BG_SCOPE_NONE, BG_SCOPE_COLUMN, BG_SCOPE_ROW } bg_tag_scope;

/* The most children one element's array may list: PDF/A-1 (the implementation limits of
 * PDF 1.4) allows 8191 elements in an array. src/pdf groups a longer list; tables split
 * their body themselves. */
#define BG_TAG_MAX_KIDS 8000

typedef struct bg_tag {
    bg_tag_type type;
    int level;       /* BG_TAG_H: 1..6 */
    unsigned parent; /* the element it is a child of (the Document: itself) */
    /* Inline: a child placed among its parent's content where it is drawn (a link, a
     * footnote mark), not before or after the parent's text. */
    bool is_inline;
    char *alt;  /* owned or NULL: a figure's text alternative, a link's description */
    char *id;   /* owned or NULL: a note's ID, which its marks refer to */
    char *lang; /* owned or NULL: the language when it is not the document's */
    /* The Lbl element the label at the start of this element's text (bg_shaped.label_end:
     * a list item's marker) is drawn in, apart from the rest; 0: none. */
    unsigned label;
    bg_tag_scope scope;  /* TH */
    int colspan, rowspan; /* TH, TD: 0 or 1 when the cell spans nothing */
    bool has_bbox;       /* Figure: bbox on the page of its first content */
    double bbox[4];      /* x0 y0 x1 y1, pt, page coordinates */
} bg_tag;

typedef struct bg_doc_info {
    char *title, *author, *subject, *keywords, *language; /* owned, may be NULL */
    char *date; /* owned: "YYYY-MM-DD", the document's own date */
} bg_doc_info;

typedef struct bg_pages {
    bg_page *pages;
    size_t count, cap;
    double bleed; /* pt of bleed around each trimmed page (layout page.bleed) */
    bool marks;   /* draw crop marks outside the bleed */
    bg_outline_entry *outline;
    size_t outline_count, outline_cap;
    bg_label_range *labels;
    size_t label_count, label_cap;
    bg_doc_info info;
    bg_tag *tags; /* owned: tags[0] is the Document; none when tag_count is 0 */
    size_t tag_count, tag_cap;
} bg_pages;

void bg_pages_init(bg_pages *p);
void bg_pages_free(bg_pages *p); /* frees everything it owns; accepts NULL */

bg_page *bg_pages_add(bg_pages *p, double width, double height);
/* Appends an item to the page and returns it zeroed but for kind; the caller fills it
 * with owned allocations. */
bg_item *bg_page_add(bg_page *page, bg_item_kind kind);
void bg_pages_add_outline(bg_pages *p, const char *title, int level, const char *dest);
void bg_pages_add_label(bg_pages *p, size_t first_page, bg_label_style style, int start);
/* Appends blank pages (the size of the last) until the count is a multiple of n. */
void bg_pages_pad(bg_pages *p, size_t n);
/* Appends a structure element of type under parent (strings left NULL) to the array
 * tags[0..*count) and returns its index. The first element added is the Document (its
 * parent is itself). The flow builds the array and hands it to the pages (emit.c). */
unsigned bg_tags_add(bg_tag **tags, size_t *count, size_t *cap, bg_tag_type type, unsigned parent);
/* The same on the pages' array, for elements that drawing adds (links in a line). */
unsigned bg_pages_add_tag(bg_pages *p, bg_tag_type type, unsigned parent);
/* Gives the elements whose text is in another language than the document's their /Lang
 * (bg_tag.lang), from the text the pages draw in them: in a document in Chinese,
 * Japanese or Korean (info.language), the outermost block element (not an inline link or
 * mark, not a figure) whose text has Latin letters and no letter of another script is
 * English, "en" (docs/accessibility.md). Call once the pages are drawn. */
void bg_pages_tag_languages(bg_pages *p);
/* Frees count tags and the array (which may be NULL). */
void bg_tags_free(bg_tag *tags, size_t count);
/* Sets what the page stamps on the items added next; returns the tag it had, so a
 * drawing function can restore it. */
static inline unsigned bg_page_set_tag(bg_page *page, unsigned tag, bg_artifact artifact)
{
    unsigned old = page->tag;
    page->tag = tag;
    page->artifact = artifact;
    return old;
}

static inline bg_color bg_gray(double g) { return (bg_color){BG_COLOR_GRAY, {g, 0, 0, 0}}; }
/* Lightness from 0 (black) to 1 (white) of a colour as a greyscale print shows it: the
 * luma of RGB, an approximate one of CMYK. */
static inline double bg_color_lightness(bg_color c)
{
    if (c.space == BG_COLOR_GRAY)
        return c.v[0];
    if (c.space == BG_COLOR_RGB)
        return 0.299 * c.v[0] + 0.587 * c.v[1] + 0.114 * c.v[2];
    double ink = 0.3 * c.v[0] + 0.59 * c.v[1] + 0.11 * c.v[2];
    return (1 - (ink > 1 ? 1 : ink)) * (1 - c.v[3]);
}

#endif
