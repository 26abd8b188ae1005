/* suggest.c: edit distance and the closest name (see suggest.h). */
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t *S_decode(const char *s, size_t *n)
{
    size_t len = strlen(s), i = 0;
    uint32_t *cps = bg_xmalloc((len + 1) * sizeof *cps);
    *n = 0;
    while (i < len)
        cps[(*n)++] = bg_utf8_next(s, len, &i);
    return cps;
}

size_t bg_edit_distance(const char *a, const char *b)
{
    size_t na, nb;
    uint32_t *x = S_decode(a, &na), *y = S_decode(b, &nb);
    size_t *row = bg_xmalloc((nb + 1) * sizeof *row);
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[nb];
    free(row);
    free(x);
    free(y);
    return d;
}

const char *bg_suggest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = bg_utf8_count(word, strlen(word));
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; n == (size_t)-1 ? candidates[i] != NULL : i < n; i++) {
        size_t d = bg_edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
