/* test_page_digest.c: the page digests `baogao diff` matches pages by (layout/page.c).
 * The content digest ignores the running head and foot and where the text block sits
 * across the page (a page moved from a recto to a verso), and changes with one rule moved
 * by 0.1 pt or one colour; the whole-page digest sees the furniture and the shift. Kept
 * between builds (`baogao watch`), a digest is reused only for the same page: the kept
 * digests equal the computed ones, and a page that changed gets its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "layout/page.h"

/* A page with a rule of the text block at (x0 + 10, 700) and a folio rule below it. */
static void S_page(bg_pages *pages, double x0, double folio_y, double rule_dy, double gray)
{
    bg_page *p = bg_pages_add(pages, 595, 842);
    p->content_x = x0;
    bg_item *l = bg_page_add(p, BG_ITEM_LINE);
    l->u.line.x0 = x0 + 10;
    l->u.line.x1 = x0 + 200;
    l->u.line.y0 = l->u.line.y1 = 700 + rule_dy;
    l->u.line.width = 0.5;
    l->u.line.color = (bg_color){BG_COLOR_GRAY, {gray, 0, 0, 0}};
    p->furniture = p->count;
    bg_item *f = bg_page_add(p, BG_ITEM_LINE);
    f->u.line.x0 = 290;
    f->u.line.x1 = 300;
    f->u.line.y0 = f->u.line.y1 = folio_y;
    f->u.line.width = 0.5;
}

static void test_digests(void **state)
{
    (void)state;
    bg_pages pages;
    bg_pages_init(&pages);
    S_page(&pages, 79.4, 40, 0, 0);   /* 0: a recto */
    S_page(&pages, 70.9, 45, 0, 0);   /* 1: the same content on a verso, another folio */
    S_page(&pages, 79.4, 40, 0.1, 0); /* 2: the rule 0.1 pt lower */
    S_page(&pages, 79.4, 40, 0, 0.5); /* 3: the rule grey */
    S_page(&pages, 79.4, 40, 0, 0);   /* 4: the same as 0 */
    char c[5][65], w[5][65];
    for (int i = 0; i < 5; i++) {
        bg_page_digest(&pages.pages[i], true, c[i]);
        bg_page_digest(&pages.pages[i], false, w[i]);
        assert_int_equal(strlen(c[i]), 64);
    }
    assert_string_equal(c[0], c[1]);
    assert_string_not_equal(w[0], w[1]);
    assert_string_not_equal(c[0], c[2]);
    assert_string_not_equal(c[0], c[3]);
    assert_string_equal(c[0], c[4]);
    assert_string_equal(w[0], w[4]);
    assert_string_not_equal(c[0], w[0]);
    bg_pages_free(&pages);
}

static void test_kept_digests(void **state)
{
    (void)state;
    bg_pages pages;
    bg_pages_init(&pages);
    S_page(&pages, 79.4, 40, 0, 0);
    S_page(&pages, 70.9, 45, 0, 0);
    S_page(&pages, 79.4, 40, 0.1, 0);
    S_page(&pages, 79.4, 40, 0, 0.5);
    char c[4][65], w[4][65];
    for (int i = 0; i < 4; i++)
        bg_page_digests(&pages.pages[i], c[i], w[i]);
    bg_page_digests_keep();
    for (int build = 0; build < 3; build++) {
        /* Each build sees the pages in another order; the first build's page 0 was kept. */
        for (int k = 0; k < 4; k++) {
            int i = (k + build) % 4;
            char kc[65], kw[65];
            bg_page_digests(&pages.pages[i], kc, kw);
            assert_string_equal(kc, c[i]);
            assert_string_equal(kw, w[i]);
        }
        bg_page_digests_sweep();
    }
    /* A page changed in place after it was kept. */
    pages.pages[0].items[0].u.line.y0 += 0.1;
    pages.pages[0].items[0].u.line.y1 += 0.1;
    char kc[65], kw[65];
    bg_page_digests(&pages.pages[0], kc, kw);
    assert_string_equal(kc, c[2]);
    assert_string_not_equal(kw, w[0]);
    bg_page_digests_free();
    bg_pages_free(&pages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_digests), cmocka_unit_test(test_kept_digests)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
