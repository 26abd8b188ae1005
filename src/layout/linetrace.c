/* linetrace.c: a paragraph's lines as text, for golden tests and for looking at what the
 * line breaker did (linetrace.h). */
#include "linetrace.h"
#include "../base/buf.h"
#include "../base/xalloc.h"

#include <math.h>
#include <stdio.h>

static long S_milli_em(double pt, double em) { return lround(pt * 1000 / em); }

char *bg_lines_trace(const bg_shaped *s, const bg_lines *l)
{
    bg_buf out = {0};
    for (size_t i = 0; i < l->count; i++) {
        const bg_line *line = &l->lines[i];
        size_t a = line->first, e = a + line->count;
        size_t t0 = s->glyphs[a].cluster, t1 = t0;
        for (size_t k = a; k < e; k++)
            if (s->glyphs[k].cluster + s->glyphs[k].cluster_len > t1)
                t1 = s->glyphs[k].cluster + s->glyphs[k].cluster_len;
        char head[96];
        snprintf(head, sizeof head, "%zu indent=%ld width=%ld |", i + 1, S_milli_em(line->indent, s->em),
                 S_milli_em(line->width, s->em));
        bg_buf_puts(&out, head);
        bg_buf_put(&out, s->text + t0, t1 - t0);
        bg_buf_puts(&out, "|");
        for (size_t k = a; k < e; k++) {
            const bg_shaped_glyph *g = &s->glyphs[k];
            /* the font's advance and the natural gap after it, against the space it got */
            double natural = g->advance + g->squeeze + (k + 1 < e ? s->glyphs[k + 1].gap_before : 0);
            double set = (k + 1 < e ? l->x[k + 1] : line->width) - l->x[k];
            long delta = S_milli_em(set - natural, s->em);
            if (delta == 0 || !(g->flags & BG_GLYPH_CLUSTER_START))
                continue;
            char adj[48];
            int n = snprintf(adj, sizeof adj, " %.*s%+ld", (int)g->cluster_len, s->text + g->cluster, delta);
            bg_buf_put(&out, adj, (size_t)n);
        }
        bg_buf_puts(&out, "\n");
    }
    return bg_buf_take(&out);
}
