/* title.c: the cover title's lines. The lines the report gives are kept; a line too wide
 * for the measure is broken only between words (ICU word boundaries, so 学校 never
 * splits; never before a closing or after an opening mark) into as few lines as greedy
 * filling needs, with the breaks chosen so the longest line is as short as possible
 * (balanced lines rather than a full line over a stub). */
#include "flow.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../text/chars.h"
#include "../text/words.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

/* Whether a line may break at byte offset at of line (0 < at < len). */
static bool S_can_break(const char *line, size_t len, size_t at)
{
    size_t i = at;
    uint32_t next = bg_utf8_next(line, len, &i);
    size_t start = at - 1; /* back to the first byte of the character before at */
    while (start > 0 && ((unsigned char)line[start] & 0xC0) == 0x80)
        start--;
    uint32_t prev = bg_utf8_next(line, len, &start);
    return !bg_char_no_line_start(next) && !bg_char_no_line_end(prev);
}

/* Appends line[from, to) without blanks at its ends to the list. */
static void S_push(char ***lines, size_t *count, const char *line, size_t from, size_t to)
{
    while (from < to && line[from] == ' ')
        from++;
    while (to > from && line[to - 1] == ' ')
        to--;
    *lines = bg_xrealloc(*lines, (*count + 1) * sizeof **lines);
    (*lines)[(*count)++] = bg_xstrndup(line + from, to - from);
}

/* Breaks one given line into balanced lines at word boundaries; slot numbers the
 * measured pieces in the paragraph cache (key m). */
static void S_balance(bg_flow *f, const bg_meta *m, int *slot, const char *line,
                      const bg_text_spec *spec, double measure, char ***lines, size_t *count)
{
    size_t len = strlen(line);
    size_t *bounds;
    size_t nb = bg_word_boundaries(line, len, "zh", &bounds);
    /* Break points: the boundaries a line may break at, plus both ends. */
    size_t n = 0;
    for (size_t i = 0; i < nb; i++)
        if (bounds[i] == 0 || bounds[i] == len || S_can_break(line, len, bounds[i]))
            bounds[n++] = bounds[i];
    size_t pieces = n - 1;
    double *w = bg_xcalloc(pieces ? pieces : 1, sizeof *w);
    for (size_t i = 0; i < pieces; i++) {
        char *piece = bg_xstrndup(line + bounds[i], bounds[i + 1] - bounds[i]);
        bg_para *p = bg_para_plain(f, m, (*slot)++, piece, spec, measure * 100);
        w[i] = p->lines.count ? p->lines.lines[0].width : 0;
        free(piece);
    }
    /* Greedy filling says how many lines are needed. */
    size_t k = 1;
    double run = 0;
    for (size_t i = 0; i < pieces; i++) {
        if (run > 0 && run + w[i] > measure) {
            k++;
            run = 0;
        }
        run += w[i];
    }
    /* best[j][i]: the least possible longest line setting pieces [0, i) in j lines. */
    double *best = bg_xmalloc((k + 1) * (pieces + 1) * sizeof *best);
    size_t *from = bg_xcalloc((k + 1) * (pieces + 1), sizeof *from);
#define AT(j, i) ((j) * (pieces + 1) + (i))
    for (size_t j = 0; j <= k; j++)
        for (size_t i = 0; i <= pieces; i++)
            best[AT(j, i)] = (j == 0 && i == 0) ? 0 : DBL_MAX;
    for (size_t j = 1; j <= k; j++)
        for (size_t i = 1; i <= pieces; i++) {
            double width = 0;
            for (size_t s = i; s-- > 0;) {
                width += w[s];
                if (best[AT(j - 1, s)] == DBL_MAX)
                    continue;
                double longest = width > best[AT(j - 1, s)] ? width : best[AT(j - 1, s)];
                if (longest < best[AT(j, i)]) {
                    best[AT(j, i)] = longest;
                    from[AT(j, i)] = s;
                }
            }
        }
    size_t *cuts = bg_xcalloc(k + 1, sizeof *cuts);
    size_t i = pieces;
    for (size_t j = k; j > 0; j--) {
        cuts[j] = i;
        i = from[AT(j, i)];
    }
#undef AT
    for (size_t j = 1; j <= k; j++)
        if (cuts[j] > cuts[j - 1])
            S_push(lines, count, line, bounds[cuts[j - 1]], bounds[cuts[j]]);
    free(cuts);
    free(from);
    free(best);
    free(w);
    free(bounds);
}

size_t bg_flow_title_lines(bg_flow *f, const bg_meta *m, const bg_text_spec *spec, char ***out)
{
    char **lines = NULL;
    size_t count = 0;
    int slot = 1000;
    for (size_t i = 0; i < m->title_line_count; i++) {
        const char *line = m->title_lines[i];
        bg_para *whole = bg_para_plain(f, m, slot++, line, spec, f->text_width);
        if (whole->lines.count <= 1)
            S_push(&lines, &count, line, 0, strlen(line));
        else
            S_balance(f, m, &slot, line, spec, f->text_width, &lines, &count);
    }
    *out = lines;
    return count;
}
