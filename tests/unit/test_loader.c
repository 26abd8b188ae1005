/* test_loader.c: the report loader: a valid report numbers sections, tables, figures,
 * cases and footnotes in order; errors carry the JSON path and line:col; every error is
 * reported, not just the first; duplicate keys and duplicate ids are refused; totals are
 * computed or checked; number formats print as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/csv.h"
#include "model/jsonpos.h"
#include "model/model.h"
#include "model/numfmt.h"

static char *S_write(const char *name, const char *text)
{
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/bg-test-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static bg_document *S_load(const char *text, bg_diags *d, char **path)
{
    *path = S_write("r.json", text);
    bg_diags_init(d);
    return bg_model_load(*path, d);
}

static bool S_has(const bg_diags *d, const char *path, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if ((!path || (d->items[i].path && strcmp(d->items[i].path, path) == 0)) &&
            strstr(d->items[i].message, needle))
            return true;
    return false;
}

static void test_numbering(void **state)
{
    (void)state;
    bg_diags d;
    char *path;
    bg_document *doc = S_load(
        "{\"meta\": {\"title\": \"T\", \"date\": \"2024-01\"}, \"body\": ["
        "{\"type\": \"section\", \"title\": \"A\", \"children\": ["
        "  {\"type\": \"section\", \"id\": \"s\", \"title\": \"A1\"},"
        "  {\"type\": \"paragraph\", \"text\": \"x^[n1]y^[n2] [@s] [@t] [@c]\"},"
        "  {\"type\": \"table\", \"id\": \"t\", \"caption\": \"C\", \"columns\": [{\"title\": \"a\"}, {\"title\": \"b\", \"format\": \"0\"}],"
        "   \"rows\": [[\"x\", 1], [\"y\", 2]], \"total\": {\"label\": \"合计\"}}]},"
        "{\"type\": \"section\", \"title\": \"B\", \"children\": ["
        "  {\"type\": \"case\", \"id\": \"c\", \"title\": \"K\", \"children\": [{\"type\": \"paragraph\", \"text\": \"z^[n3]\"}]}]}"
        "]}",
        &d, &path);
    assert_non_null(doc);
    assert_int_equal(d.errors, 0);
    bg_node *a = doc->root->first_child, *b = a->next;
    assert_int_equal(a->number, 1);
    assert_int_equal(b->number, 2);
    assert_int_equal(a->first_child->numbers[0], 1);
    assert_int_equal(a->first_child->numbers[1], 1);
    assert_int_equal(a->first_child->level, 2);
    bg_node *table = a->first_child->next->next;
    assert_int_equal(table->number, 1);
    assert_int_equal(table->u.table.body_rows, 3);
    assert_true(table->u.table.has_total);
    assert_int_equal(table->u.table.body[2 * 2 + 1].number, 3); /* computed total */
    assert_string_equal(table->u.table.body[2 * 2 + 1].text.spans[0].text, "3");
    assert_int_equal(b->first_child->number, 1);
    assert_int_equal(doc->footnote_count, 3);
    assert_int_equal(a->first_child->next->u.text.spans[3].number, 2);
    bg_document_free(doc);
    bg_diags_free(&d);
    unlink(path);
    free(path);
}

static void test_all_errors_located(void **state)
{
    (void)state;
    bg_diags d;
    char *path;
    bg_document *doc = S_load("{\n"
                              "  \"meta\": {\"title\": \"T\", \"date\": \"2024-13\"},\n"
                              "  \"body\": [\n"
                              "    {\"type\": \"paragraph\", \"text\": 5},\n"
                              "    {\"type\": \"sektion\", \"title\": \"x\"},\n"
                              "    {\"type\": \"section\", \"children\": []},\n"
                              "    {\"type\": \"paragraph\", \"text\": \"see [@nowhere]\", \"colour\": 1}\n"
                              "  ]\n"
                              "}\n",
                              &d, &path);
    assert_null(doc);
    assert_true(d.errors >= 5);
    assert_true(S_has(&d, "$.meta.date", "YYYY-MM"));
    assert_true(S_has(&d, "$.body[0].text", "must be a string or an array"));
    assert_true(S_has(&d, "$.body[1].type", "unknown block type 'sektion'"));
    assert_true(S_has(&d, "$.body[2].title", "missing required key 'title'"));
    assert_true(S_has(&d, "$.body[3].colour", "unknown key 'colour'"));
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].path && strcmp(d.items[i].path, "$.body[0].text") == 0) {
            assert_int_equal(d.items[i].line, 4);
            assert_int_equal(d.items[i].col, 35);
        }
    bg_diags_free(&d);
    unlink(path);
    free(path);
}

static void test_syntax_and_duplicates(void **state)
{
    (void)state;
    bg_diags d;
    char *path;
    assert_null(S_load("{\"meta\": {\"title\": \"T\", \"title\": \"U\", \"date\": \"2024-01\"}, \"body\": []}", &d, &path));
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 1);
    assert_non_null(strstr(d.items[0].message, "duplicate"));
    bg_diags_free(&d);
    unlink(path);
    free(path);
    assert_null(S_load("{\"meta\": {\"title\": \"T\", \"date\": \"2024-01\"}, \"body\": ["
                       "{\"type\": \"section\", \"id\": \"a\", \"title\": \"x\"},"
                       "{\"type\": \"section\", \"id\": \"a\", \"title\": \"y\"}]}",
                       &d, &path));
    assert_true(S_has(&d, "$.body[1].id", "duplicate id 'a'"));
    bg_diags_free(&d);
    unlink(path);
    free(path);
}

static void test_total_checked(void **state)
{
    (void)state;
    bg_diags d;
    char *path;
    assert_null(S_load("{\"meta\": {\"title\": \"T\", \"date\": \"2024-01\"}, \"body\": ["
                       "{\"type\": \"table\", \"caption\": \"C\", \"columns\": [{\"title\": \"a\"}, {\"title\": \"b\"}],"
                       " \"rows\": [[\"x\", 1], [\"y\", \"2\"]], \"total\": {\"label\": \"合计\", \"values\": [4]}}]}",
                       &d, &path));
    assert_true(S_has(&d, "$.body[0].total.values[0]", "is 4 but its rows add up to 1"));
    bg_diags_free(&d);
    unlink(path);
    free(path);
}

static void test_jsonpos(void **state)
{
    (void)state;
    const char *t = "\xEF\xBB\xBF{\"a\": [1, {\"b\": \"中]\\\"文\", \"c\": [true, null]}],\n \"d\": {}, \"e\": [[], 3]}";
    bg_jsonpos *x = bg_jsonpos_build(t, strlen(t));
    int line, col;
    assert_true(bg_jsonpos_find(x, "$.a[1].c[1]", &line, &col));
    assert_int_equal(line, 1);
    assert_int_equal(col, 38);
    assert_true(bg_jsonpos_find(x, "$.d", &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 7);
    /* an absent key: the object that should hold it */
    assert_true(bg_jsonpos_find(x, "$.d.missing", &line, &col));
    assert_int_equal(col, 7);
    assert_true(bg_jsonpos_find(x, "$.e[1]", &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 21);
    assert_false(bg_jsonpos_find(x, "$.e[2]", &line, &col));
    assert_false(bg_jsonpos_find(x, "$.a[0].b", &line, &col));
    bg_jsonpos_free(x);
    /* Text that is not JSON (a NUL byte, a stray ':') is indexed to the end, never
     * looped on (fuzz_layout found the NUL case: an endless loop). */
    static const char odd[] = "{\"a\": 28\0, \"b\": 1} : :";
    x = bg_jsonpos_build(odd, sizeof odd - 1);
    assert_true(bg_jsonpos_find(x, "$.a", &line, &col));
    assert_int_equal(col, 7);
    bg_jsonpos_free(x);
    static const char colons[] = "[1, : , 2]";
    x = bg_jsonpos_build(colons, sizeof colons - 1);
    assert_true(bg_jsonpos_find(x, "$[0]", &line, &col));
    bg_jsonpos_free(x);
}

static void test_numfmt(void **state)
{
    (void)state;
    struct {
        const char *fmt;
        double v;
        const char *unit, *want;
    } cases[] = {
        {"0", 52266, NULL, "52266"},        {"0.00%", 0.4889, NULL, "48.89%"},
        {"0.0%", 0.987, NULL, "98.7%"},     {"0.00\":1\"", 15.41, NULL, "15.41:1"},
        {"#,##0", 1234567, NULL, "1,234,567"}, {"0.00", 43406.18, "元", "43406.18 元"},
        {"0.00", -0.001, NULL, "0.00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bg_numfmt f;
        assert_true(bg_numfmt_parse(cases[i].fmt, &f));
        char *s = bg_numfmt_format(&f, cases[i].v, cases[i].unit);
        assert_string_equal(s, cases[i].want);
        free(s);
    }
    bg_numfmt f;
    assert_false(bg_numfmt_parse("0.", &f));
    assert_false(bg_numfmt_parse("abc", &f));
    assert_false(bg_numfmt_parse("0.00\"x", &f));
}

static void test_csv(void **state)
{
    (void)state;
    char *p = S_write("t.csv", "\xEF\xBB\xBF" "学年,人数\r\n2021,\"52,266\"\n\n2022,\"a \"\"q\"\"\"\n");
    bg_csv csv;
    bg_diags d;
    bg_diags_init(&d);
    assert_int_equal(bg_csv_read(p, &csv, &d), 0);
    assert_int_equal(csv.row_count, 3);
    assert_string_equal(csv.rows[0].fields[0].text, "学年");
    assert_string_equal(csv.rows[1].fields[1].text, "52,266");
    assert_string_equal(csv.rows[2].fields[1].text, "a \"q\"");
    assert_int_equal(csv.rows[2].line, 4);
    bg_csv_free(&csv);
    bg_diags_free(&d);
    unlink(p);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbering),     cmocka_unit_test(test_all_errors_located),
        cmocka_unit_test(test_syntax_and_duplicates), cmocka_unit_test(test_total_checked),
        cmocka_unit_test(test_jsonpos),       cmocka_unit_test(test_numfmt),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
