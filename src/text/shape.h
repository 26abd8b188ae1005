/* shape.h: a paragraph shaped once. The caller gives UTF-8 text and style runs (font,
 * size, baseline shift, optional link) covering it; the text stage itemizes by script,
 * shapes every run with HarfBuzz (script and language zh-Hans set per run), finds break
 * opportunities with ICU (`zh@lb=strict` by default) and applies the Chinese rules of
 * GUIDE §6 to each glyph: what may start or end a line, how much a punctuation mark may
 * shrink, where Han–Latin gaps go. The result is a flat glyph array that line breaking
 * (layout/linebreak.h) and measuring read, and that is never shaped or measured again. */
#ifndef BG_SHAPE_H
#define BG_SHAPE_H

#include "../base/diag.h"
#include "font.h"
#include "typo.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bg_style_run {
    size_t start, end; /* byte range of the paragraph text, runs in order, no gaps */
    bg_font *font;     /* borrowed */
    double size;       /* pt */
    double rise;       /* baseline shift in pt, positive up (superscript marks) */
    const char *link;  /* borrowed destination name, or NULL */
    bg_font *latin;    /* borrowed: the face for Latin letters and digits, or NULL to use
                          font for everything; shaping splits the run where faces change */
} bg_style_run;

/* Glyph flags. */
enum {
    BG_GLYPH_BREAK_AFTER = 1 << 0,   /* a line may end after this glyph */
    BG_GLYPH_SPACE = 1 << 1,         /* a space: dropped at a line end */
    BG_GLYPH_CLUSTER_START = 1 << 2, /* first glyph of its cluster */
    BG_GLYPH_HARD_BREAK = 1 << 3,    /* a forced line end after this glyph (U+2028, \n) */
    BG_GLYPH_STRETCH_AFTER = 1 << 4, /* justification may add space after this glyph */
    BG_GLYPH_BLANK_LEFT = 1 << 5,    /* its adjustable blank is on the left: shrinking it
                                        moves the ink left (opening marks) */
};

typedef struct bg_shaped_glyph {
    uint32_t gid;
    uint32_t run;           /* index into bg_shaped.runs */
    uint32_t cluster;       /* byte offset of its cluster in the text */
    uint32_t cluster_len;   /* bytes of the cluster (0 on non-first glyphs) */
    float advance;          /* advance, pt, after the mandatory squeeze of adjacent marks */
    float squeeze;          /* blank already removed from the font's advance (adjacent marks,
                               half-width styles), pt */
    float x_offset, y_offset; /* from HarfBuzz, pt */
    float gap_before;       /* Han–Latin gap before this glyph, pt, dropped at a line start */
    float shrink;           /* how much the advance may shrink to justify (punctuation blank), pt */
    float shrink_at_end;    /* how much it shrinks when the glyph ends a line, pt */
    float shrink_at_start;  /* how much it may shrink when it starts a line (opening brackets) */
    float shift_at_start;   /* ink shift left when shrunk at line start (opening marks) */
    uint16_t flags;
    uint16_t penalty;       /* extra cost of breaking after it (numbers, units, ...) */
} bg_shaped_glyph;

typedef struct bg_shaped {
    char *text; /* owned copy of the paragraph text */
    size_t len;
    bg_style_run *runs; /* owned copy */
    size_t run_count;
    bg_shaped_glyph *glyphs; /* owned */
    size_t count;
    double em;            /* the size of the paragraph's main run, pt */
    double natural_width; /* width of the whole paragraph on one line */
    double min_width;     /* widest piece that cannot be broken */
    bg_typo typo;
    /* Bytes at the start of text that are a label (a list item's marker), which the
     * page draws as a glyph run of its own when its element has an Lbl; 0: none. */
    size_t label_end;
} bg_shaped;

/* Shapes text (len bytes, valid UTF-8) with the given runs. Returns NULL and reports to
 * diags on failure (e.g. a character no font has is only a warning at `where`, drawn as
 * .notdef). */
bg_shaped *bg_shape_paragraph(const char *text, size_t len, const bg_style_run *runs,
                              size_t run_count, const bg_typo *typo, bg_loc where, bg_diags *diags);
void bg_shaped_free(bg_shaped *s); /* accepts NULL */

/* HarfBuzz's language zh-Hans, which every piece of text is shaped with: looked up once
 * per process (pthread_once), so that a second thread shaping text finds HarfBuzz's list
 * of languages already made. */
hb_language_t bg_shape_language(void);
/* A copy of m (malloc'd like bg_shape_paragraph's) whose run j links to the name of
 * runs[run_src[j]], or to none when runs is NULL. */
bg_shaped *bg_shaped_copy(const bg_shaped *m, const size_t *run_src, const bg_style_run *runs);
/* Whether two shaping inputs are the same (texts, runs with their link names, typo), so
 * that shaping one gives exactly the shaping of the other. */
bool bg_shape_inputs_same(const char *text_a, size_t len_a, const bg_style_run *runs_a, size_t count_a,
                          const bg_typo *typo_a, const char *text_b, size_t len_b,
                          const bg_style_run *runs_b, size_t count_b, const bg_typo *typo_b);
/* Frees runs (count of them) together with the link names they own. */
void bg_style_runs_free(bg_style_run *runs, size_t count);
/* Per run of s (shaped from runs), the run of `runs` it is a piece of: shaping splits the
 * caller's runs where faces change, in order. malloc'd, s->run_count entries. */
size_t *bg_shaped_run_sources(const bg_shaped *s, const bg_style_run *runs, size_t run_count);

#endif
