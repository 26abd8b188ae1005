/* test_objstm.c: packing libharu's file into object streams (src/pdf/objstm.c). A small
 * document rendered classic (--no-object-streams) is packed: qpdf --check accepts the
 * result, which has object streams and a cross-reference stream and no table, and is
 * smaller; packing deflated and not deflated both read back. A file of another shape is
 * left byte for byte as it was: every truncation, every byte changed in turn (under
 * ASan in the sanitizer build: no read outside the file), a stream that does not end
 * as libharu's do, a wrong /Size, an /Encrypt or /Prev in the trailer, a free object,
 * objects out of order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "layout/page.h"
#include "pdf/pdf.h"
#include "pdf/pdf_ctx.h"

/* A classic file from libharu: two pages with a rule, a link, an outline and labels. */
static void S_classic(bg_buf *out)
{
    bg_pages pages;
    bg_pages_init(&pages);
    for (int p = 0; p < 2; p++) {
        bg_page *page = bg_pages_add(&pages, 200, 300);
        bg_item *line = bg_page_add(page, BG_ITEM_LINE);
        line->u.line.x0 = 10, line->u.line.y0 = 10, line->u.line.x1 = 190, line->u.line.y1 = 10;
        line->u.line.width = 1;
        line->u.line.color = bg_gray(0);
        bg_item *dest = bg_page_add(page, BG_ITEM_DEST);
        dest->u.dest.name = strdup(p ? "b" : "a");
        dest->u.dest.x = 10, dest->u.dest.y = 290;
    }
    bg_item *link = bg_page_add(&pages.pages[0], BG_ITEM_LINK);
    link->u.link.x = 10, link->u.link.y = 20, link->u.link.w = 30, link->u.link.h = 10;
    link->u.link.dest = strdup("b");
    bg_pages_add_outline(&pages, "一", 1, "a");
    bg_pages_add_outline(&pages, "二", 1, "b");
    bg_pages_add_label(&pages, 0, BG_LABEL_DECIMAL, 1);
    pages.info.title = strdup("测试");
    pages.info.date = strdup("2024-03-01");
    bg_diags d;
    bg_diags_init(&d);
    bg_pdf_options opts = {.creator = "baogao test", .compress = true, .no_object_streams = true};
    assert_int_equal(bg_pdf_render(&pages, &opts, "test.pdf", out, &d), 0);
    assert_int_equal(d.errors, 0);
    bg_diags_free(&d);
    bg_pages_free(&pages);
}

static int S_qpdf_check(const bg_buf *pdf)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/bg-test-objstm-%d.pdf", (int)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf->data, 1, pdf->len, f), pdf->len);
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1 | grep -q WARNING && exit 9; qpdf --check '%s' >/dev/null 2>&1",
             path, path);
    int rc = system(cmd);
    unlink(path);
    return rc;
}

/* The first occurrence of s in data[0, n), or NULL. */
static char *S_find(char *data, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(data + i, s, k) == 0)
            return data + i;
    return NULL;
}

static bool S_has(const bg_buf *b, const char *s)
{
    return S_find(b->data, b->len, s) != NULL;
}

static void test_packs(void **state)
{
    (void)state;
    for (int compress = 0; compress < 2; compress++) {
        bg_buf pdf = {0};
        S_classic(&pdf);
        size_t classic = pdf.len;
        assert_true(S_has(&pdf, "\nxref\n0 "));
        assert_int_equal(bg_pdf_pack_objects(&pdf, compress), 0);
        assert_true(pdf.len < classic || !compress);
        assert_true(S_has(&pdf, "/Type/ObjStm"));
        assert_true(S_has(&pdf, "/Type/XRef"));
        assert_false(S_has(&pdf, "\nxref\n"));
        assert_false(S_has(&pdf, "\ntrailer\n"));
        assert_int_equal(memcmp(pdf.data, "%PDF-1.7\n", 9), 0);
        assert_int_equal(pdf.data[pdf.len], '\0');
        assert_int_equal(S_qpdf_check(&pdf), 0);
        /* Packed once, the file is no longer of libharu's shape. */
        bg_buf copy = {0};
        bg_buf_put(&copy, pdf.data, pdf.len);
        assert_int_equal(bg_pdf_pack_objects(&pdf, compress), 1);
        assert_int_equal(pdf.len, copy.len);
        assert_memory_equal(pdf.data, copy.data, pdf.len);
        bg_buf_free(&copy);
        bg_buf_free(&pdf);
    }
}

/* Packs a copy of data with n bytes; when refused, the copy must be unchanged. */
static int S_try(const char *data, size_t n)
{
    bg_buf b = {0};
    bg_buf_put(&b, data, n);
    int rc = bg_pdf_pack_objects(&b, true);
    if (rc != 0) {
        assert_int_equal(b.len, n);
        assert_memory_equal(b.data, data, n);
    }
    bg_buf_free(&b);
    return rc;
}

static void test_other_shapes(void **state)
{
    (void)state;
    bg_buf pdf = {0};
    S_classic(&pdf);
    /* Every truncation (the tail is gone or moved). */
    for (size_t n = 0; n < pdf.len; n++)
        assert_int_equal(S_try(pdf.data, n), 1);
    /* Every byte changed: packed or refused, never a read outside the file. */
    char *m = malloc(pdf.len);
    size_t refused = 0;
    for (size_t i = 0; i < pdf.len; i++) {
        memcpy(m, pdf.data, pdf.len);
        m[i] = m[i] == '0' ? '\n' : '0';
        refused += S_try(m, pdf.len) == 1;
    }
    assert_true(refused > 0);
    free(m);

    /* A stream that does not end as libharu's do is not taken for a dictionary. */
    char *es = S_find(pdf.data, pdf.len, "\nendstream\nendobj\n");
    assert_non_null(es);
    es[9] = 'x';
    assert_int_equal(S_try(pdf.data, pdf.len), 1);
    es[9] = 'm';
    /* A /Size that is not the table's. */
    char *size = S_find(pdf.data, pdf.len, "\n/Size ");
    assert_non_null(size);
    size[7]++;
    assert_int_equal(S_try(pdf.data, pdf.len), 1);
    size[7]--;
    assert_int_equal(S_try(pdf.data, pdf.len), 0);

    const char *xref = S_find(pdf.data, pdf.len, "\nxref\n");
    assert_non_null(xref);
    size_t at = (size_t)(xref + 1 - pdf.data);
    /* An /Encrypt or a /Prev in the trailer. */
    for (int k = 0; k < 2; k++) {
        bg_buf b = {0};
        const char *t = S_find(pdf.data, pdf.len, "trailer\n<<\n");
        assert_non_null(t);
        size_t cut = (size_t)(t - pdf.data) + 11;
        bg_buf_put(&b, pdf.data, cut);
        bg_buf_puts(&b, k ? "/Prev 9\n" : "/Encrypt 3 0 R\n");
        bg_buf_put(&b, pdf.data + cut, pdf.len - cut);
        assert_int_equal(S_try(b.data, b.len), 1);
        bg_buf_free(&b);
    }
    /* Object 1 marked free, then objects 1 and 2 swapped in the table. */
    char *e1 = pdf.data + at + strlen("xref\n0 ");
    e1 = strchr(e1, '\n') + 1 + 20; /* entry 1 */
    e1[17] = 'f';
    assert_int_equal(S_try(pdf.data, pdf.len), 1);
    e1[17] = 'n';
    char tmp[20];
    memcpy(tmp, e1, 20);
    memcpy(e1, e1 + 20, 20);
    memcpy(e1 + 20, tmp, 20);
    assert_int_equal(S_try(pdf.data, pdf.len), 1);
    memcpy(e1 + 20, e1, 20);
    memcpy(e1, tmp, 20);
    assert_int_equal(S_try(pdf.data, pdf.len), 0);
    bg_buf_free(&pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_packs),
        cmocka_unit_test(test_other_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
