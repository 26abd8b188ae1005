/* words.c: word boundaries from ICU over the UTF-8 text itself (see words.h). */
#include "words.h"
#include "../base/icu.h"
#include "../base/xalloc.h"

#include <limits.h>

size_t bg_word_boundaries(const char *text, size_t len, const char *locale, size_t **out)
{
    size_t cap = 8, n = 0;
    size_t *b = bg_xmalloc(cap * sizeof *b);
    const bg_icu_api *icu = bg_icu();
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = icu && len <= INT32_MAX ? icu->utext_openUTF8(NULL, text, (int64_t)len, &err) : NULL;
    UBreakIterator *it = ut && U_SUCCESS(err) ? icu->ubrk_open(UBRK_WORD, locale, NULL, 0, &err) : NULL;
    if (it && U_SUCCESS(err))
        icu->ubrk_setUText(it, ut, &err);
    if (it && U_SUCCESS(err)) {
        /* With UTF-8 UText, ICU's indexes are byte offsets. */
        for (int32_t at = icu->ubrk_first(it); at != UBRK_DONE; at = icu->ubrk_next(it)) {
            BG_GROW(b, cap, n + 1);
            b[n++] = (size_t)at;
        }
    }
    if (n < 2 || b[0] != 0 || b[n - 1] != len) {
        n = 0;
        b[n++] = 0;
        b[n++] = len;
    }
    if (it)
        icu->ubrk_close(it);
    if (ut)
        icu->utext_close(ut);
    *out = b;
    return n;
}
