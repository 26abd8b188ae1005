/* test_textcache.c: the paragraphs `baogao watch` keeps between builds
 * (layout/textcache.h). A paragraph shaped and broken again with the same text, runs and
 * settings comes back equal, glyph for glyph and line for line, to one shaped afresh, with
 * its links pointing at the new caller's names; a change of text, size, link or measure
 * misses; a sweep drops what the last build did not use; a paragraph whose shaping
 * warned is never kept, so the warning comes again on every build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "layout/linetrace.h"
#include "layout/textcache.h"

#define SIZE 10.0

static bg_font *font, *latin;
static bg_diags diags;

static const char *const TEXT = "2023年全市共有中小学校 128 所，比上年增加 3 所¹，其中普通高中 20 所。";

/* Three runs: text with a Latin face, a linked superscript mark, text. */
static void S_runs(bg_style_run runs[3], const char *link, double size)
{
    const char *mark = strstr(TEXT, "¹");
    size_t a = (size_t)(mark - TEXT), b = a + strlen("¹"), n = strlen(TEXT);
    runs[0] = (bg_style_run){0, a, font, size, 0, NULL, latin};
    runs[1] = (bg_style_run){a, b, font, size * 0.6, size * 0.36, link, NULL};
    runs[2] = (bg_style_run){b, n, font, size, 0, NULL, latin};
}

static char *S_trace(const bg_shaped *s, double measure, bg_textcache_entry *e)
{
    bg_lines l;
    assert_int_equal(bg_textcache_break(e, s, measure, 2 * SIZE, BG_ALIGN_JUSTIFY, &l), 0);
    char *t = bg_lines_trace(s, &l);
    bg_lines_free(&l);
    return t;
}

static void S_same_shaping(const bg_shaped *a, const bg_shaped *b)
{
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->text, b->text, a->len);
    assert_int_equal(a->count, b->count);
    assert_memory_equal(a->glyphs, b->glyphs, a->count * sizeof *a->glyphs);
    assert_int_equal(a->run_count, b->run_count);
    for (size_t i = 0; i < a->run_count; i++) {
        assert_true(a->runs[i].font == b->runs[i].font);
        assert_true(a->runs[i].size == b->runs[i].size);
        assert_int_equal(a->runs[i].start, b->runs[i].start);
        assert_true(!a->runs[i].link == !b->runs[i].link);
    }
    assert_true(a->natural_width == b->natural_width);
}

static void test_hit_equals_fresh(void **state)
{
    (void)state;
    bg_typo typo = bg_typo_default();
    bg_style_run runs[3];
    char *link1 = strdup("fn-1"), *link2 = strdup("fn-1");
    bg_textcache_enable();

    S_runs(runs, link1, SIZE);
    bg_shaped *fresh = bg_shape_paragraph(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags);
    char *fresh_trace = S_trace(fresh, 18 * SIZE, NULL);

    bg_textcache_entry *e1, *e2;
    bg_shaped *first = bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e1);
    assert_non_null(e1);
    char *first_trace = S_trace(first, 18 * SIZE, e1);
    bg_shaped_free(first);
    free(link1); /* the first build's names are gone */
    bg_textcache_sweep();

    S_runs(runs, link2, SIZE);
    bg_shaped *again = bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e2);
    assert_true(e1 == e2); /* a hit */
    S_same_shaping(fresh, again);
    bool linked = false;
    for (size_t i = 0; i < again->run_count; i++)
        if (again->runs[i].link) {
            assert_true(again->runs[i].link == link2);
            linked = true;
        }
    assert_true(linked);
    char *again_trace = S_trace(again, 18 * SIZE, e2);
    assert_string_equal(fresh_trace, first_trace);
    assert_string_equal(fresh_trace, again_trace);
    /* Another measure is broken afresh, and equals a fresh breaking. */
    char *narrow = S_trace(again, 11 * SIZE, e2), *narrow_fresh = S_trace(fresh, 11 * SIZE, NULL);
    assert_string_equal(narrow, narrow_fresh);
    assert_string_not_equal(narrow, again_trace);

    free(fresh_trace);
    free(first_trace);
    free(again_trace);
    free(narrow);
    free(narrow_fresh);
    bg_shaped_free(again);
    bg_shaped_free(fresh);
    free(link2);
    bg_textcache_free();
}

static void test_changes_miss(void **state)
{
    (void)state;
    bg_typo typo = bg_typo_default();
    bg_style_run runs[3];
    bg_textcache_entry *base, *e;
    S_runs(runs, "fn-1", SIZE);
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &base));
    assert_non_null(base);

    S_runs(runs, "fn-2", SIZE); /* another link name */
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    assert_true(e != base);
    S_runs(runs, "fn-1", SIZE * 1.2); /* another size */
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    assert_true(e != base);
    bg_typo kaiming = typo;
    kaiming.punct = BG_PUNCT_KAIMING;
    S_runs(runs, "fn-1", SIZE);
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &kaiming, (bg_loc){0}, &diags, &e));
    assert_true(e != base);
    char *other = strdup(TEXT);
    other[0] = '3'; /* 3023年: one digit changed */
    bg_shaped_free(bg_textcache_shape(other, strlen(other), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    assert_true(e != base);
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    assert_true(e == base);

    /* A build that does not use the paragraph drops it. */
    bg_textcache_sweep();
    bg_shaped_free(bg_textcache_shape(other, strlen(other), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    bg_textcache_sweep();
    bg_shaped_free(bg_textcache_shape(TEXT, strlen(TEXT), runs, 3, &typo, (bg_loc){0}, &diags, &e));
    assert_non_null(e);
    free(other);
    bg_textcache_free();
}

static void test_warning_not_kept(void **state)
{
    (void)state;
    bg_typo typo = bg_typo_default();
    const char *text = "古文字\xF0\x93\x80\x80"; /* U+13000, an Egyptian hieroglyph: no glyph */
    bg_style_run run = {0, strlen(text), font, SIZE, 0, NULL, NULL};
    for (int build = 0; build < 2; build++) {
        size_t before = diags.warnings;
        bg_textcache_entry *e = (bg_textcache_entry *)&e;
        bg_shaped *s = bg_textcache_shape(text, strlen(text), &run, 1, &typo, (bg_loc){0}, &diags, &e);
        assert_non_null(s);
        assert_null(e);
        assert_int_equal(diags.warnings, before + 1);
        bg_shaped_free(s);
        bg_textcache_sweep();
        bg_diags_free(&diags);
        bg_diags_init(&diags);
    }
    bg_textcache_free();
}

static int S_setup(void **state)
{
    (void)state;
    bg_diags_init(&diags);
    font = bg_font_find("Noto Serif CJK SC", "Regular", NULL, &diags);
    latin = bg_font_find("Noto Serif CJK SC", "Bold", NULL, &diags);
    return font && latin ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    bg_font_drop(font);
    bg_font_drop(latin);
    bg_font_config_free();
    bg_diags_free(&diags);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_equals_fresh),
        cmocka_unit_test(test_changes_miss),
        cmocka_unit_test(test_warning_not_kept),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
