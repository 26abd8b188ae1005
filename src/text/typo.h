/* typo.h: the typographic settings a layout gives the text and line-breaking stages
 * (GUIDE §6): punctuation style, break strictness, Han–Latin spacing, character grid. */
#ifndef BG_TYPO_H
#define BG_TYPO_H

#include <stdbool.h>

typedef enum {
    BG_PUNCT_QUANJIAO, /* 全角: marks 1 em, adjacent marks squeezed, line-end marks ½ em */
    BG_PUNCT_KAIMING,  /* 开明: sentence-end marks (。！？) full, all others ½ em */
    BG_PUNCT_BANJIAO,  /* 半角: every mark ½ em */
} bg_punct_style;

typedef enum { BG_LB_STRICT, BG_LB_NORMAL, BG_LB_LOOSE } bg_lb_strictness;

typedef enum { BG_ALIGN_JUSTIFY, BG_ALIGN_LEFT, BG_ALIGN_CENTER, BG_ALIGN_RIGHT } bg_align;

typedef struct bg_typo {
    bg_punct_style punct;
    bg_lb_strictness strictness;
    bool line_end_adjust;  /* set a mark at line end ½ em (default true) */
    double han_latin_gap;  /* em, default 0.25 */
    int grid_chars;        /* characters per line of the text block on a grid layout; 0 = none */
    double grid_cell;      /* the grid's cell, pt (text block width / grid_chars) */
    double latin_scale;    /* size of a run's Latin face relative to the run (default 1) */
    bool grid_hang;        /* on a grid, a closing mark that would start a line hangs in the
                              margin after the last cell (default); false: the line is broken
                              one character earlier */
    int min_last;          /* a paragraph's last line holds at least this many characters
                              (cells on a grid) where the breaker can avoid fewer (default 2) */
} bg_typo;

static inline bg_typo bg_typo_default(void)
{
    return (bg_typo){BG_PUNCT_QUANJIAO, BG_LB_STRICT, true, 0.25, 0, 0, 1.0, true, 2};
}

#endif
