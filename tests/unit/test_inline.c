/* test_inline.c: the inline markup parser: bold, footnotes, references, sup/sub,
 * escapes, and the errors for unclosed or malformed markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/inline.h"

static int S_parse(const char *s, bg_inline *in, bg_diags *d)
{
    memset(in, 0, sizeof *in);
    bg_diags_init(d);
    return bg_inline_parse(s, 0, (bg_loc){.path = "$.t"}, in, d);
}

static void test_bold_run_in_head(void **state)
{
    (void)state;
    bg_inline in;
    bg_diags d;
    assert_int_equal(S_parse("**办学规模均衡发展。**嘉兴市共有", &in, &d), 0);
    assert_int_equal(in.count, 2);
    assert_int_equal(in.spans[0].style, BG_STYLE_BOLD);
    assert_string_equal(in.spans[0].text, "办学规模均衡发展。");
    assert_int_equal(in.spans[1].style, 0);
    assert_string_equal(in.spans[1].text, "嘉兴市共有");
    bg_inline_free(&in);
    bg_diags_free(&d);
}

static void test_footnote_and_ref(void **state)
{
    (void)state;
    bg_inline in;
    bg_diags d;
    assert_int_equal(S_parse("在校生 51486 人^[数据来源：**全国**系统。]，见[@t-1]。", &in, &d), 0);
    assert_int_equal(in.count, 5);
    assert_int_equal(in.spans[1].kind, BG_SPAN_FOOTNOTE);
    assert_int_equal(in.spans[1].note->count, 3);
    assert_string_equal(in.spans[1].note->spans[1].text, "全国");
    assert_int_equal(in.spans[1].note->spans[1].style, BG_STYLE_BOLD);
    assert_int_equal(in.spans[3].kind, BG_SPAN_REF);
    assert_string_equal(in.spans[3].target, "t-1");
    bg_inline_free(&in);
    bg_diags_free(&d);
}

static void test_sup_sub_escape(void **state)
{
    (void)state;
    bg_inline in;
    bg_diags d;
    assert_int_equal(S_parse("m^{2} H_{2}O \\*\\*not bold\\*\\* a*b [x] 3^5", &in, &d), 0);
    char *plain = bg_inline_plain(&in);
    assert_string_equal(plain, "m2 H2O **not bold** a*b [x] 3^5");
    assert_int_equal(in.spans[1].style, BG_STYLE_SUP);
    assert_int_equal(in.spans[3].style, BG_STYLE_SUB);
    free(plain);
    bg_inline_free(&in);
    bg_diags_free(&d);
}

static void test_errors(void **state)
{
    (void)state;
    static const char *bad[] = {"**不闭合", "注^[没有结束", "见[@]", "[@1abc]", "x^{y", "^[]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bg_inline in;
        bg_diags d;
        assert_true(S_parse(bad[i], &in, &d) > 0);
        assert_true(d.errors > 0);
        assert_string_equal(d.items[0].path, "$.t");
        bg_inline_free(&in);
        bg_diags_free(&d);
    }
}

static void test_error_position(void **state)
{
    (void)state;
    bg_inline in;
    bg_diags d;
    S_parse("前言**加粗", &in, &d);
    assert_non_null(strstr(d.items[0].message, "at character 3"));
    bg_inline_free(&in);
    bg_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bold_run_in_head), cmocka_unit_test(test_footnote_and_ref),
        cmocka_unit_test(test_sup_sub_escape),   cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
