/* test_breaks.c: line break opportunities. ICU's UAX #14 rules are checked against every
 * case of Unicode's LineBreakTest.txt (from Debian's unicode-data); the clreq rules on top
 * are checked on the cases GUIDE §6 names: closing marks never start a line, opening
 * marks never end one, —— and …… never split, numbers stay with units and signs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "text/breaks.h"

#define LINEBREAK_TEST "/usr/share/unicode/auxiliary/LineBreakTest.txt"

/* The break string of text: one char per code point boundary after the first code point,
 * '|' where a line may break before it, '.' where not. */
static char *S_pattern(const char *text)
{
    size_t len = strlen(text);
    uint8_t *brk = malloc(len + 1);
    bg_diags d;
    bg_diags_init(&d);
    assert_int_equal(bg_breaks_find(text, len, BG_LB_STRICT, brk, &d), 0);
    char *out = calloc(len + 1, 1);
    assert_non_null(out);
    size_t i = 0, n = 0;
    bg_utf8_next(text, len, &i);
    while (i < len) {
        out[n++] = brk[i] ? '|' : '.';
        bg_utf8_next(text, len, &i);
    }
    free(brk);
    bg_diags_free(&d);
    return out;
}

static void S_expect(const char *text, const char *pattern)
{
    char *got = S_pattern(text);
    if (strcmp(got, pattern) != 0)
        fail_msg("%s: expected %s, got %s", text, pattern, got);
    free(got);
}

static void test_closing_marks_never_start_a_line(void **state)
{
    (void)state;
    S_expect("学校，企业。", "|.||.");
    S_expect("（含技工学校）共有", ".||||.||");
    S_expect("“双高”建设", ".|.||");
    S_expect("《报告》、", ".|..");
}

static void test_dashes_and_ellipses_never_split(void **state)
{
    (void)state;
    S_expect("推进——成果", "||.||");
    S_expect("显著……学校", "|..||");
}

static void test_numbers_stay_with_units_and_signs(void **state)
{
    (void)state;
    S_expect("为15.41:1。", "|.......");
    S_expect("达98.85%，", "|......");
    S_expect("2022-2025年", "........|");
}

static void test_latin_words_break_at_spaces(void **state)
{
    (void)state;
    S_expect("ICU and HarfBuzz", "...|...|.......");
}

/* ICU implements LB25 with the numeric regex UAX #14 offers as a tailoring, so it keeps a
 * hyphen or an infix separator (- , .) with what follows where the default rules break
 * ("-#", "a.2", " .35"). A mismatch is that tailoring when every differing boundary
 * touches one of those three characters. */
static bool S_icu_numeric_tailoring(const char *text, const char *expected, const char *got)
{
    size_t len = strlen(text), i = 0, k = 0;
    uint32_t prev = bg_utf8_next(text, len, &i);
    while (i < len) {
        uint32_t cp = bg_utf8_next(text, len, &i);
        if (expected[k] != got[k] && !strchr("-,.", (int)prev) && !strchr("-,.", (int)cp))
            return false;
        if (cp < 0x300 || cp > 0x36F) /* a combining mark stays with its base */
            prev = cp;
        k++;
    }
    return true;
}

/* Parses one LineBreakTest line into UTF-8 text and the expected pattern. */
static int S_parse_case(const char *line, char *text, size_t text_cap, char *expected)
{
    size_t tn = 0, en = 0;
    const char *p = line;
    bool first = true;
    while (*p && *p != '#') {
        if (strncmp(p, "\xc3\xb7", 2) == 0 || strncmp(p, "\xc3\x97", 2) == 0) {
            bool brk = p[1] == '\xb7';
            if (!first && p[2] != '\t' && p[2] != '\0' && strchr(p + 2, ' ') && strspn(p + 3, "0123456789ABCDEF") > 0)
                expected[en++] = brk ? '|' : '.';
            p += 2;
            continue;
        }
        if (*p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        char *end;
        unsigned long cp = strtoul(p, &end, 16);
        if (end == p)
            return -1;
        if (tn + 4 >= text_cap)
            return -1;
        tn += bg_utf8_encode((uint32_t)cp, text + tn);
        first = false;
        p = end;
    }
    text[tn] = 0;
    expected[en] = 0;
    return 0;
}

static void test_unicode_line_break_test(void **state)
{
    (void)state;
    FILE *f = fopen(LINEBREAK_TEST, "r");
    assert_non_null(f);
    char line[4096], text[1024], expected[512];
    int cases = 0, failures = 0, tailored = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (S_parse_case(line, text, sizeof text, expected) != 0)
            continue;
        size_t len = strlen(text);
        uint8_t *brk = malloc(len + 1);
        bg_diags d;
        bg_diags_init(&d);
        assert_int_equal(bg_breaks_uax14(text, len, "en", brk, &d), 0);
        char got[512];
        size_t n = 0, i = 0;
        bg_utf8_next(text, len, &i);
        while (i < len) {
            got[n++] = brk[i] ? '|' : '.';
            bg_utf8_next(text, len, &i);
        }
        got[n] = 0;
        cases++;
        if (strcmp(got, expected) != 0 && S_icu_numeric_tailoring(text, expected, got)) {
            tailored++;
        } else if (strcmp(got, expected) != 0) {
            if (failures < 10)
                print_message("LineBreakTest mismatch: %sexpected %s got %s\n", line, expected, got);
            failures++;
        }
        free(brk);
        bg_diags_free(&d);
    }
    fclose(f);
    print_message("LineBreakTest: %d cases, %d as ICU's numeric tailoring, %d mismatches\n", cases, tailored,
                  failures);
    assert_true(cases > 7000);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closing_marks_never_start_a_line),
        cmocka_unit_test(test_dashes_and_ellipses_never_split),
        cmocka_unit_test(test_numbers_stay_with_units_and_signs),
        cmocka_unit_test(test_latin_words_break_at_spaces),
        cmocka_unit_test(test_unicode_line_break_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
