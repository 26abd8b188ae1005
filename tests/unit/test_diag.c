/* test_diag.c: bg_diags_merge puts late diagnostics before the ones at their indices (at
 * the front, between, several at one place, at the end) with the counts right and the
 * de-duplication still working on every item afterwards; bg_diags_truncate drops the tail,
 * its counts and its de-duplication entries (a dropped message can be added again). */
#include "base/diag.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static void S_add(bg_diags *d, bg_severity sev, const char *msg)
{
    bg_diag_add(d, sev, (bg_loc){.file = "r.json", .line = 1, .col = 1, .path = "$"}, "%s", msg);
}

static void S_expect(const bg_diags *d, const char *const *want, size_t n)
{
    assert_int_equal(d->count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(d->items[i].message, want[i]);
}

static void test_merge(void **state)
{
    (void)state;
    bg_diags d, late;
    bg_diags_init(&d);
    bg_diags_init(&late);
    S_add(&d, BG_ERROR, "b");
    S_add(&d, BG_WARNING, "d");
    S_add(&d, BG_ERROR, "f");
    S_add(&late, BG_ERROR, "a");
    S_add(&late, BG_ERROR, "c1");
    S_add(&late, BG_WARNING, "c2");
    S_add(&late, BG_ERROR, "g");
    bg_diag_hint(&late, "hint of g");
    const size_t at[] = {0, 1, 1, 3};
    bg_diags_merge(&d, &late, at);
    static const char *const want[] = {"a", "b", "c1", "c2", "d", "f", "g"};
    S_expect(&d, want, 7);
    assert_int_equal(d.errors, 5);
    assert_int_equal(d.warnings, 2);
    assert_string_equal(d.items[6].hint, "hint of g");
    assert_int_equal(late.count, 0);
    /* every item, moved or not, is still known to the de-duplication */
    for (size_t i = 0; i < 7; i++)
        S_add(&d, d.items[i].severity, d.items[i].message);
    assert_int_equal(d.count, 7);
    /* many more, so the set grows past what it was rebuilt with */
    char msg[32];
    for (int i = 0; i < 200; i++) {
        snprintf(msg, sizeof msg, "m%d", i);
        S_add(&late, BG_NOTE, msg);
    }
    size_t many[200];
    for (int i = 0; i < 200; i++)
        many[i] = 7;
    bg_diags_merge(&d, &late, many);
    assert_int_equal(d.count, 207);
    assert_string_equal(d.items[7].message, "m0");
    S_add(&d, BG_NOTE, "m199");
    S_add(&d, BG_ERROR, "a");
    assert_int_equal(d.count, 207);
    bg_diags_free(&d);
    bg_diags_free(&late);
}

static void test_truncate(void **state)
{
    (void)state;
    bg_diags d;
    bg_diags_init(&d);
    S_add(&d, BG_ERROR, "a");
    S_add(&d, BG_WARNING, "b");
    S_add(&d, BG_ERROR, "c");
    S_add(&d, BG_WARNING, "d");
    bg_diags_truncate(&d, 2);
    static const char *const want[] = {"a", "b"};
    S_expect(&d, want, 2);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 1);
    S_add(&d, BG_ERROR, "c"); /* dropped, so new again */
    S_add(&d, BG_ERROR, "a"); /* kept, so a duplicate */
    static const char *const again[] = {"a", "b", "c"};
    S_expect(&d, again, 3);
    bg_diags_truncate(&d, 5); /* beyond the end: nothing */
    assert_int_equal(d.count, 3);
    bg_diags_truncate(&d, 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(d.errors, 0);
    S_add(&d, BG_ERROR, "a");
    assert_int_equal(d.count, 1);
    bg_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_truncate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
