/* breaks.c: line break opportunities from ICU, then the clreq prohibitions (breaks.h). */
#include "breaks.h"
#include "../base/i18n.h"
#include "../base/icu.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "chars.h"

#include <stdlib.h>
#include <string.h>

/* One line break iterator per thread (the layout's, and the one shaping ahead, ahead.h),
 * given each paragraph's text with ubrk_setText: opening one per paragraph cost 1.84 ms
 * over the 2023 report's 670 paragraphs, reusing it 0.53 ms. Reopened when the locale
 * changes; freed by bg_breaks_cache_free on the thread that used it. */
static _Thread_local UBreakIterator *S_iter;
static _Thread_local char S_iter_locale[64];

static UBreakIterator *S_iterator(const bg_icu_api *icu, const char *locale, const UChar *u, int32_t ulen,
                                  UErrorCode *err)
{
    if (S_iter && strcmp(S_iter_locale, locale) == 0) {
        icu->ubrk_setText(S_iter, u, ulen, err);
        return U_SUCCESS(*err) ? S_iter : NULL;
    }
    bg_breaks_cache_free();
    if (strlen(locale) >= sizeof S_iter_locale)
        return icu->ubrk_open(UBRK_LINE, locale, u, ulen, err); /* not kept: closed by the caller */
    S_iter = icu->ubrk_open(UBRK_LINE, locale, u, ulen, err);
    if (S_iter)
        strcpy(S_iter_locale, locale);
    return U_SUCCESS(*err) ? S_iter : NULL;
}

void bg_breaks_cache_free(void)
{
    if (S_iter) /* ICU is loaded: it made the iterator */
        bg_icu()->ubrk_close(S_iter);
    S_iter = NULL;
    S_iter_locale[0] = '\0';
}

int bg_breaks_uax14(const char *text, size_t len, const char *locale, uint8_t *out, bg_diags *diags)
{
    memset(out, BG_BREAK_NONE, len + 1);
    out[len] = BG_BREAK_HARD;
    if (len == 0)
        return 0;
    const bg_icu_api *icu = bg_icu();
    if (!icu) {
        bg_error(diags, (bg_loc){0}, _("cannot break lines: %s"), bg_icu_error());
        return -1;
    }
    int rc = -1;
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    icu->u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto fail;
    err = U_ZERO_ERROR;
    UChar *u = bg_xmalloc(((size_t)ulen + 1) * sizeof *u);
    /* byte offset of each UTF-16 unit index (ulen+1 entries) */
    size_t *byte_at = bg_xmalloc(((size_t)ulen + 1) * sizeof *byte_at);
    icu->u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &err);
    size_t bi = 0;
    int32_t ui = 0;
    while (bi < len) {
        size_t start = bi;
        uint32_t cp = bg_utf8_next(text, len, &bi);
        byte_at[ui++] = start;
        if (cp > 0xFFFF)
            byte_at[ui++] = start;
    }
    byte_at[ui] = len;
    UBreakIterator *it = U_SUCCESS(err) ? S_iterator(icu, locale, u, ulen, &err) : NULL;
    if (U_SUCCESS(err) && it) {
        for (int32_t pos = icu->ubrk_first(it); pos != UBRK_DONE; pos = icu->ubrk_next(it)) {
            if (pos <= 0 || pos > ulen)
                continue;
            int32_t status = icu->ubrk_getRuleStatus(it);
            size_t b = byte_at[pos];
            out[b] = (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) ? BG_BREAK_HARD
                                                                                : BG_BREAK_ALLOWED;
        }
        out[len] = BG_BREAK_HARD;
        rc = 0;
    }
    if (it && it != S_iter)
        icu->ubrk_close(it);
    else if (it) {
        static const UChar empty[1] = {0};
        UErrorCode ignored = U_ZERO_ERROR;
        icu->ubrk_setText(S_iter, empty, 0, &ignored); /* u is freed below: keep no pointer to it */
    }
    free(u);
    free(byte_at);
    if (rc == 0)
        return 0;
fail:
    bg_error(diags, (bg_loc){0}, _("ICU line breaking failed for locale %s: %s"), locale, icu->u_errorName(err));
    return -1;
}

void bg_breaks_apply_clreq(const char *text, size_t len, uint8_t *out)
{
    size_t i = 0;
    uint32_t prev = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = bg_utf8_next(text, len, &i);
        if (at > 0 && out[at] == BG_BREAK_ALLOWED) {
            bool forbid = bg_char_no_line_start(cp) || bg_char_no_line_end(prev);
            if (prev == cp && bg_char_classify(cp) == BG_CHAR_INSEP)
                forbid = true; /* —— and …… */
            bool digit_near = (prev >= '0' && prev <= '9') || (cp >= '0' && cp <= '9');
            if (digit_near && bg_char_numeric_joiner(prev) && bg_char_numeric_joiner(cp))
                forbid = true;
            if (forbid)
                out[at] = BG_BREAK_NONE;
        }
        prev = cp;
    }
}

/* End of a URL starting at i (ASCII without spaces, trailing punctuation left out). */
static size_t S_url_end(const char *text, size_t len, size_t i)
{
    size_t e = i;
    while (e < len && (unsigned char)text[e] > 0x20 && (unsigned char)text[e] < 0x7F)
        e++;
    while (e > i && strchr(".,;:!?)", text[e - 1]))
        e--;
    return e;
}

/* URLs: UAX #14 gives no break inside one, so a long address would stretch the line
 * before it; allow breaks after a slash, before a dot and around ?&#=_- as style guides
 * do, and after the scheme's "//", never inside it. Runs after the clreq rules, which
 * would forbid a line starting with a dot. */
static void S_url_breaks(const char *text, size_t len, uint8_t *out)
{
    for (size_t i = 0; i < len; i++) {
        if (text[i] != 'h' && text[i] != 'w')
            continue; /* three strncmp a byte were 160,000 calls on the 2023 report */
        bool http = strncmp(text + i, "http://", 7) == 0 || strncmp(text + i, "https://", 8) == 0;
        if (!http && strncmp(text + i, "www.", 4) != 0)
            continue;
        size_t end = S_url_end(text, len, i);
        /* past "http://" (7), "https://" (8) or "www." (4); never a search of the rest of
         * the text, which made a text of many "www." quadratic */
        size_t k = !http ? i + 4 : text[i + 4] == ':' ? i + 7 : i + 8;
        if (k < end)
            out[k] = BG_BREAK_ALLOWED; /* after the scheme's "//" or "www." */
        for (; k + 1 < end; k++) {
            char c = text[k], next = text[k + 1];
            if ((c == '/' && next != '/') || c == '-' || c == '_')
                out[k + 1] = BG_BREAK_ALLOWED;
            if (next == '.' || next == '?' || next == '&' || next == '#' || next == '=')
                out[k + 1] = BG_BREAK_ALLOWED;
        }
        i = end;
    }
}

int bg_breaks_find(const char *text, size_t len, bg_lb_strictness strictness, uint8_t *out,
                   bg_diags *diags)
{
    const char *locale = strictness == BG_LB_LOOSE    ? "zh@lb=loose"
                         : strictness == BG_LB_NORMAL ? "zh@lb=normal"
                                                      : "zh@lb=strict";
    if (bg_breaks_uax14(text, len, locale, out, diags) != 0)
        return -1;
    bg_breaks_apply_clreq(text, len, out);
    S_url_breaks(text, len, out);
    return 0;
}

void bg_breaks_graphemes(const char *text, size_t len, uint8_t *out)
{
    out[0] = out[len] = 1;
    const bg_icu_api *icu = bg_icu();
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = icu ? icu->utext_openUTF8(NULL, text, (int64_t)len, &err) : NULL;
    UBreakIterator *it = ut && U_SUCCESS(err) ? icu->ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err) : NULL;
    if (it && U_SUCCESS(err))
        icu->ubrk_setUText(it, ut, &err);
    if (it && U_SUCCESS(err)) {
        /* On UTF-8 text the iterator's positions are byte offsets. */
        for (int32_t pos = icu->ubrk_first(it); pos != UBRK_DONE; pos = icu->ubrk_next(it))
            if (pos >= 0 && (size_t)pos <= len)
                out[pos] = 1;
    } else {
        /* Without ICU's answer: code point boundaries, still never inside a character. */
        for (size_t i = 0; i < len; i++)
            if (((unsigned char)text[i] & 0xC0) != 0x80)
                out[i] = 1;
    }
    if (it)
        icu->ubrk_close(it);
    if (ut)
        icu->utext_close(ut);
}
