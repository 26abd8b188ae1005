/* test_linebreak.c: the paragraph builder on hard paragraphs. Each case of
 * golden/linebreak.txt is shaped with Noto Serif CJK SC at 10 pt, broken at its measure
 * and compared, as a line trace (layout/linetrace.h), with the golden trace; run with
 * BG_UPDATE_GOLDEN=1 to rewrite the file after a deliberate change, then read the diff.
 * Every case is also checked for the rules themselves: no line starts with a closing
 * mark or ends with an opening one, no line is wider than the measure, every justified
 * line but the last ends flush, Han–Latin gaps stay within ⅛–½ em. And the breaker's
 * shortcut for short lines (linebreak.c: starts not measured one by one in a paragraph
 * with no negative advance, gap or shrink) gives the breaks of measuring every start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/linetrace.h"
#include "text/chars.h"

#define SIZE 10.0

typedef struct {
    char name[128];
    double measure_em;
    char punct[16]; /* "" (全角), "kaiming" or "banjiao" */
    char text[4096];
    char *expected; /* trace */
} golden_case;

static bg_font *font;
static bg_diags diags;

static char *S_read_file(const char *path)
{
    bg_buf b = {0};
    if (bg_buf_read_file(&b, path) != 0) {
        bg_buf_free(&b);
        return NULL;
    }
    return bg_buf_take(&b);
}

/* Cases are `# name`, `measure N` (em), `text ...`, `---`, the trace, `===`. */
static size_t S_parse(char *data, golden_case *cases, size_t cap)
{
    size_t n = 0;
    char *line = data, *trace_start = NULL;
    golden_case *c = NULL;
    while (line && *line) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (strncmp(line, "# ", 2) == 0 && n < cap) {
            c = &cases[n++];
            memset(c, 0, sizeof *c);
            snprintf(c->name, sizeof c->name, "%s", line + 2);
        } else if (c && strncmp(line, "measure ", 8) == 0) {
            c->measure_em = atof(line + 8);
        } else if (c && strncmp(line, "punct ", 6) == 0) {
            snprintf(c->punct, sizeof c->punct, "%s", line + 6);
        } else if (c && strncmp(line, "text ", 5) == 0) {
            snprintf(c->text, sizeof c->text, "%s", line + 5);
        } else if (c && strcmp(line, "---") == 0) {
            trace_start = next;
        } else if (c && strcmp(line, "===") == 0) {
            size_t len = trace_start ? (size_t)(line - trace_start) : 0;
            c->expected = bg_xstrndup(trace_start ? trace_start : "", len);
            for (char *p = c->expected; (p = strchr(p, 0)) && p < c->expected + len; p++)
                *p = '\n';
            trace_start = NULL;
        }
        line = next;
    }
    return n;
}

static bg_shaped *S_shape(const char *text, const char *punct)
{
    /* A footnote mark is written ^N: a superscript run like the layout's. */
    bg_buf t = {0};
    bg_style_run runs[64];
    size_t nruns = 0;
    const char *p = text;
    while (*p && nruns + 2 < 64) {
        const char *mark = strchr(p, '^');
        size_t plain = mark ? (size_t)(mark - p) : strlen(p);
        if (plain) {
            runs[nruns++] = (bg_style_run){t.len, t.len + plain, font, SIZE, 0, NULL, NULL};
            bg_buf_put(&t, p, plain);
        }
        if (!mark)
            break;
        size_t digits = strspn(mark + 1, "0123456789");
        runs[nruns++] = (bg_style_run){t.len, t.len + digits, font, SIZE * 0.6, SIZE * 0.36, "fn", NULL};
        bg_buf_put(&t, mark + 1, digits);
        p = mark + 1 + digits;
    }
    bg_typo typo = bg_typo_default();
    if (strcmp(punct, "kaiming") == 0)
        typo.punct = BG_PUNCT_KAIMING;
    else if (strcmp(punct, "banjiao") == 0)
        typo.punct = BG_PUNCT_BANJIAO;
    bg_shaped *s = bg_shape_paragraph(t.data, t.len, runs, nruns, &typo, (bg_loc){0}, &diags);
    bg_buf_free(&t);
    return s;
}

static uint32_t S_first_cp(const bg_shaped *s, size_t glyph)
{
    size_t at = s->glyphs[glyph].cluster;
    return bg_utf8_next(s->text, s->len, &at);
}

/* The rules every set paragraph obeys, whatever the golden file says. */
static void S_check_rules(const golden_case *c, const bg_shaped *s, const bg_lines *l, double measure)
{
    for (size_t i = 0; i < l->count; i++) {
        const bg_line *line = &l->lines[i];
        uint32_t first = S_first_cp(s, line->first);
        size_t last_g = line->first + line->count - 1;
        while (last_g > line->first && !(s->glyphs[last_g].flags & BG_GLYPH_CLUSTER_START))
            last_g--;
        uint32_t last = S_first_cp(s, last_g);
        if (i > 0 && bg_char_no_line_start(first))
            fail_msg("%s: line %zu starts with U+%04X", c->name, i + 1, (unsigned)first);
        if (i + 1 < l->count && bg_char_no_line_end(last))
            fail_msg("%s: line %zu ends with U+%04X", c->name, i + 1, (unsigned)last);
        double right = line->indent + line->width;
        if (right > measure + 0.01)
            fail_msg("%s: line %zu is %.2f pt wider than the measure", c->name, i + 1, right - measure);
        if (i + 1 < l->count && fabs(right - measure) > 0.01)
            fail_msg("%s: line %zu ends %.2f pt short of the edge", c->name, i + 1, measure - right);
        for (size_t k = line->first + 1; k < line->first + line->count; k++) {
            const bg_shaped_glyph *g = &s->glyphs[k];
            if (g->gap_before <= 0)
                continue;
            double gap = l->x[k] - (l->x[k - 1] + s->glyphs[k - 1].advance);
            if (gap < SIZE / 8 - 0.01 || gap > SIZE / 2 + 0.01)
                fail_msg("%s: line %zu: Han–Latin gap of %.3f em", c->name, i + 1, gap / SIZE);
        }
    }
}

/* Reads tests/unit/golden/linebreak.txt (its path into path) and parses its cases; the
 * caller frees the text returned. */
static char *S_load_golden(char *path, size_t path_size, golden_case *cases, size_t max, size_t *n)
{
    const char *dir = getenv("BG_SOURCE_DIR");
    assert_non_null(dir);
    snprintf(path, path_size, "%s/tests/unit/golden/linebreak.txt", dir);
    char *data = S_read_file(path);
    assert_non_null(data);
    *n = S_parse(data, cases, max);
    return data;
}

static void test_golden_traces(void **state)
{
    (void)state;
    char path[1024];
    static golden_case cases[64];
    size_t n;
    char *data = S_load_golden(path, sizeof path, cases, 64, &n);
    assert_true(n >= 8);
    bool update = getenv("BG_UPDATE_GOLDEN") != NULL;
    bg_buf rewritten = {0};
    int mismatches = 0;
    for (size_t i = 0; i < n; i++) {
        golden_case *c = &cases[i];
        bg_shaped *s = S_shape(c->text, c->punct);
        assert_non_null(s);
        bg_lines l;
        double measure = c->measure_em * SIZE;
        assert_int_equal(bg_break_lines(s, measure, 2 * SIZE, BG_ALIGN_JUSTIFY, &l), 0);
        S_check_rules(c, s, &l, measure);
        char *trace = bg_lines_trace(s, &l);
        if (!c->expected || strcmp(trace, c->expected) != 0) {
            mismatches++;
            if (!update)
                print_message("%s: expected\n%sgot\n%s", c->name, c->expected ? c->expected : "", trace);
        }
        bg_buf_printf(&rewritten, "# %s\nmeasure %g\n", c->name, c->measure_em);
        if (c->punct[0])
            bg_buf_printf(&rewritten, "punct %s\n", c->punct);
        bg_buf_printf(&rewritten, "text %s\n---\n%s===\n\n", c->text, trace);
        free(trace);
        free(c->expected);
        bg_lines_free(&l);
        bg_shaped_free(s);
    }
    if (update) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(rewritten.data, 1, rewritten.len, f);
        fclose(f);
        mismatches = 0;
    }
    bg_buf_free(&rewritten);
    free(data);
    assert_int_equal(mismatches, 0);
}

/* Every case, followed by the others (a paragraph of many lines), at many measures and
 * indents, broken as it is and with one glyph's shrink_at_start made negative, which no
 * measure reads (only a positive one counts) but which turns the shortcut off: the same
 * lines, glyph for glyph. */
static void test_shortcut_same_breaks(void **state)
{
    (void)state;
    char path[1024];
    static golden_case cases[64];
    size_t n;
    char *data = S_load_golden(path, sizeof path, cases, 64, &n);
    static const double measures[] = {6, 8, 9.5, 11.25, 13, 15.5, 17.25, 20, 23.75, 26, 33, 40};
    static const double indents[] = {0, 2, 3.5};
    size_t compared = 0;
    for (size_t i = 0; i < n; i++) {
        golden_case *c = &cases[i];
        /* a paragraph of many lines: the case, then the next ones, while they fit */
        char text[sizeof c->text];
        snprintf(text, sizeof text, "%s", c->text);
        for (size_t k = 1; k < n; k++) {
            size_t len = strlen(text), more = strlen(cases[(i + k) % n].text);
            if (len + more + 1 > sizeof text)
                break;
            memcpy(text + len, cases[(i + k) % n].text, more + 1);
        }
        bg_shaped *s = S_shape(text, c->punct);
        assert_non_null(s);
        size_t flag = 0;
        while (flag < s->count && s->glyphs[flag].shrink_at_start != 0)
            flag++;
        assert_true(flag < s->count);
        for (size_t m = 0; m < sizeof measures / sizeof *measures; m++)
            for (size_t k = 0; k < sizeof indents / sizeof *indents; k++) {
                bg_lines fast, full;
                assert_int_equal(bg_break_lines(s, measures[m] * SIZE, indents[k] * SIZE, BG_ALIGN_JUSTIFY, &fast), 0);
                s->glyphs[flag].shrink_at_start = -1;
                assert_int_equal(bg_break_lines(s, measures[m] * SIZE, indents[k] * SIZE, BG_ALIGN_JUSTIFY, &full), 0);
                s->glyphs[flag].shrink_at_start = 0;
                char *a = bg_lines_trace(s, &fast), *b = bg_lines_trace(s, &full);
                if (strcmp(a, b) != 0)
                    print_message("%s at %g em, indent %g em: with the shortcut\n%swithout\n%s", c->name,
                                  measures[m], indents[k], a, b);
                assert_string_equal(a, b);
                assert_true(fast.badness == full.badness);
                compared++;
                free(a);
                free(b);
                bg_lines_free(&fast);
                bg_lines_free(&full);
            }
        free(c->expected);
        bg_shaped_free(s);
    }
    free(data);
    assert_true(compared >= 8 * 36);
}

static int S_setup(void **state)
{
    (void)state;
    bg_diags_init(&diags);
    font = bg_font_find("Noto Serif CJK SC", "Regular", NULL, &diags);
    return font ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    bg_font_drop(font);
    bg_font_config_free();
    bg_diags_free(&diags);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_traces),
        cmocka_unit_test(test_shortcut_same_breaks),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
