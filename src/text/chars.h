/* chars.h: what Chinese typography needs to know about a code point (GUIDE §6): Han,
 * Latin letter or digit, space, and the punctuation classes of clreq and GB/T 15834 —
 * marks that may not start a line (closing brackets, pauses, stops), marks that may not
 * end one (opening brackets and quotes), and the two-em marks —— and …… that never split. */
#ifndef BG_CHARS_H
#define BG_CHARS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    BG_CHAR_OTHER,
    BG_CHAR_HAN,     /* ideographs, kana, bopomofo: set on the em grid */
    BG_CHAR_LATIN,   /* letters and digits of alphabetic scripts */
    BG_CHAR_SPACE,   /* ASCII space and other breaking spaces */
    BG_CHAR_OPEN,    /* （《〈「『【〔〖［｛“‘ : no line end */
    BG_CHAR_CLOSE,   /* ）》〉」』】〕〗］｝”’ and 、，。．：；！？ : no line start */
    BG_CHAR_MIDDLE,  /* · and ・ : no line start, ¼ em blank on each side */
    BG_CHAR_INSEP,   /* — and … : kept in pairs, never split, never stretched inside */
    BG_CHAR_LATIN_PUNCT, /* ASCII and Latin punctuation inside Latin text */
} bg_char_class;

bg_char_class bg_char_classify(uint32_t cp);

/* What a code point says about the language of its text: nothing (digits, punctuation,
 * spaces, symbols), a letter of the Latin script, or a letter of another one (Han, kana,
 * Hangul, Greek, Cyrillic, ...). */
typedef enum { BG_LETTER_NONE, BG_LETTER_LATIN, BG_LETTER_OTHER } bg_letter_script;
bg_letter_script bg_char_letter_script(uint32_t cp);

/* Full-width CJK punctuation whose blank baogao adjusts (open, close, middle). */
static inline bool bg_char_is_cjk_punct(bg_char_class c)
{
    return c == BG_CHAR_OPEN || c == BG_CHAR_CLOSE || c == BG_CHAR_MIDDLE;
}

/* May not start a line / may not end a line (clreq). */
bool bg_char_no_line_start(uint32_t cp);
bool bg_char_no_line_end(uint32_t cp);

/* Characters that bind a number to its unit or sign: 15.41:1, 98.85%, 2022-2025, ±3. */
bool bg_char_numeric_joiner(uint32_t cp);

#endif
