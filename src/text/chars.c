/* chars.c: code point classes for Chinese typography; the tables follow clreq §3.1 and
 * GB/T 15834-2011 (see chars.h). */
#include "chars.h"

#include <hb.h>
#include <string.h>

static bool S_in(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

static const uint32_t OPENING[] = {
    0xFF08, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0xFF3B, 0xFF5B,
    0x201C, 0x2018, 0x3018, 0x301A, 0x301D, 0xFF62,
};
static const uint32_t CLOSING[] = {
    0xFF09, 0x300B, 0x3009, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0xFF3D, 0xFF5D,
    0x201D, 0x2019, 0x3019, 0x301B, 0x301E, 0x301F, 0xFF63,
    0x3001, 0xFF0C, 0x3002, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
};
static const uint32_t MIDDLE[] = {0x00B7, 0x30FB, 0xFF65, 0x2027};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool S_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x3100 && cp <= 0x312F) ||
           cp == 0x3007 || cp == 0x3005;
}

bg_char_class bg_char_classify(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp == ' ' || cp == '\t')
            return BG_CHAR_SPACE;
        if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            return BG_CHAR_LATIN;
        return cp < 0x20 ? BG_CHAR_OTHER : BG_CHAR_LATIN_PUNCT;
    }
    if (S_is_han(cp))
        return BG_CHAR_HAN;
    if (S_in(cp, OPENING, COUNT(OPENING)))
        return BG_CHAR_OPEN;
    if (S_in(cp, CLOSING, COUNT(CLOSING)))
        return BG_CHAR_CLOSE;
    if (S_in(cp, MIDDLE, COUNT(MIDDLE)))
        return BG_CHAR_MIDDLE;
    if (cp == 0x2014 || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B)
        return BG_CHAR_INSEP;
    if (cp >= 0x2460 && cp <= 0x24FF) /* ① ⑴ ⒈ Ⓐ: enclosed forms are full-width in CJK faces */
        return BG_CHAR_HAN;
    if (cp == 0x3000) /* the ideographic space: a fixed 1 em blank, e.g. after 案例 3 */
        return BG_CHAR_OTHER;
    if (cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A))
        return BG_CHAR_SPACE;
    hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    switch (gc) {
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
    case HB_UNICODE_GENERAL_CATEGORY_LETTER_NUMBER:
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
        /* Full-width forms of Latin letters and digits sit on the em grid like Han. */
        return (cp >= 0xFF10 && cp <= 0xFF5A) ? BG_CHAR_HAN : BG_CHAR_LATIN;
    default:
        return cp >= 0x2E80 ? BG_CHAR_HAN : BG_CHAR_LATIN_PUNCT;
    }
}

bool bg_char_no_line_start(uint32_t cp)
{
    bg_char_class c = bg_char_classify(cp);
    return c == BG_CHAR_CLOSE || c == BG_CHAR_MIDDLE || cp == 0x30FC || cp == 0x3005 ||
           (cp < 0x80 && strchr(")]},.:;!?%", (int)cp) && cp != 0) || cp == 0x2030 || cp == 0x2103;
}

bool bg_char_no_line_end(uint32_t cp)
{
    return bg_char_classify(cp) == BG_CHAR_OPEN || (cp < 0x80 && cp != 0 && strchr("([{", (int)cp));
}

bg_letter_script bg_char_letter_script(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ? BG_LETTER_LATIN : BG_LETTER_NONE;
    /* Most of a report's text, answered without the two Unicode lookups below (a tenth
     * of the layout's last step on the 2023 report): the ideographs every Unicode version
     * since 11 has as Han letters (Lo), and the punctuation of Chinese text. */
    if ((cp >= 0x4E00 && cp <= 0x9FEF) || (cp >= 0x3400 && cp <= 0x4DB5))
        return BG_LETTER_OTHER;
    if (cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2014 || cp == 0x2026 ||
        cp == 0x00B7)
        return BG_LETTER_NONE;
    hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
    switch (hb_unicode_general_category(u, cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
        break;
    default:
        return BG_LETTER_NONE;
    }
    hb_script_t sc = hb_unicode_script(u, cp);
    if (sc == HB_SCRIPT_LATIN)
        return BG_LETTER_LATIN;
    return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ? BG_LETTER_NONE : BG_LETTER_OTHER;
}

bool bg_char_numeric_joiner(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == ':' || cp == '%' || cp == '-' ||
           cp == '/' || cp == 0x2030 || cp == 0xB1 || cp == 0x2013 || cp == 0x2212 || cp == '+' ||
           cp == 0xFF05;
}
