/* test_jsonsyntax.c: JSON syntax errors explained (model/jsonsyntax.c): each mistake
 * people type gives its own message at the right line:col, and an error the scanner does
 * not know falls back to jansson's message at jansson's position. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/jsonsyntax.h"

/* Runs text through jansson and the explainer; checks the one diagnostic. */
static void S_expect(const char *text, int line, int col, const char *message_part)
{
    json_error_t err;
    json_t *root = json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, &err);
    assert_null(root);
    bg_diags d;
    bg_diags_init(&d);
    bg_json_syntax_error("t.json", text, strlen(text), &err, &d);
    assert_int_equal(d.count, 1);
    if (!strstr(d.items[0].message, message_part))
        fail_msg("'%s' lacks '%s'", d.items[0].message, message_part);
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    bg_diags_free(&d);
}

static void test_commas(void **state)
{
    (void)state;
    S_expect("{\"a\": 1,\n}", 1, 8, "trailing comma before '}'");
    S_expect("[1, 2, ]", 1, 6, "trailing comma before ']'");
    S_expect("{\"a\": 1\n \"b\": 2}", 1, 7, "missing comma");
    S_expect("[\"一二三\" \"四\"]", 1, 6, "missing comma");
    S_expect("{\"a\": [1]\n\n  \"b\": 2}", 1, 9, "missing comma");
}

static void test_full_width(void **state)
{
    (void)state;
    S_expect("{\"a\"： 1}", 1, 5, "full-width '：'");
    S_expect("{\"a\": 1， \"b\": 2}", 1, 8, "full-width '，'");
    S_expect("{“a”: 1}", 1, 2, "full-width '“'");
    S_expect("{\"a\": “文字”}", 1, 7, "full-width '“'");
    S_expect("{\"a\":\u30001}", 1, 6, "full-width or no-break space");
}

static void test_other_mistakes(void **state)
{
    (void)state;
    S_expect("{\n  // note\n  \"a\": 1}", 2, 3, "no comments");
    S_expect("{\"a\": 1 /* x */}", 1, 9, "no comments");
    S_expect("{'a': 1}", 1, 2, "double quotes, not single");
    S_expect("{a: 1}", 1, 2, "text 'a' without quotes");
    S_expect("{\"a\": True}", 1, 7, "write true");
    /* Unquoted Chinese text: the quoted word is cut at a character boundary (valid UTF-8). */
    S_expect("{\"a\": 嘉兴市中等职业教育质量年度报告嘉兴市中等职业教育}", 1, 7, "text '嘉兴市中等职业教育质量年度");
    S_expect("{\"a\": 007}", 1, 7, "cannot start with 0");
    S_expect("{\"a\": .5}", 1, 7, "starts with a digit");
    S_expect("{\"a\": \"C:\\data\"}", 1, 10, "'\\d' is not an escape");
    S_expect("{\"a\": \"open\n}", 1, 7, "not closed before the end of the line");
    S_expect("{\"a\": [1, 2}", 1, 12, "the '[' opened at 1:7 is not closed");
    S_expect("{\"a\": {\"b\": 1}", 1, 1, "'{' is never closed");
    S_expect("{\"a\": 1} {\"b\": 2}", 1, 10, "text after the end");
}

static void test_fallback_to_jansson(void **state)
{
    (void)state;
    /* Duplicate keys are well-formed JSON: the scanner finds nothing, jansson's message stays. */
    S_expect("{\"a\": 1, \"a\": 2}", 1, 12, "duplicate object key");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commas),
        cmocka_unit_test(test_full_width),
        cmocka_unit_test(test_other_mistakes),
        cmocka_unit_test(test_fallback_to_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
