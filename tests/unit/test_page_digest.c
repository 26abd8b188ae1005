/* test_page_digest.c: the page digests `baogao diff` matches pages by (layout/page.c).
 * The content digest ignores the running head and foot and where the text block sits
 * across the page (a page moved from a recto to a verso), and changes with one rule moved
 * by 0.1 pt or one colour; the whole-page digest sees the furniture and the shift.
 * bg_page_digests, both in one pass, gives what the two calls give. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
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

/* A glyph run of n glyphs at (x, y), with text. */
static void S_run(bg_page *p, double x, double y, size_t n, const char *text)
{
    bg_item *it = bg_page_add(p, BG_ITEM_GLYPHS);
    bg_glyph_run *r = &it->u.glyphs;
    r->size = 10.5;
    r->x = x;
    r->y = y;
    r->color = (bg_color){BG_COLOR_CMYK, {0, 0.2, 0.4, 1}};
    r->glyphs = calloc(n, sizeof *r->glyphs);
    r->count = n;
    for (size_t g = 0; g < n; g++) {
        r->glyphs[g].gid = (unsigned)(100 + g);
        r->glyphs[g].x = 10.37 * (double)g;
        r->glyphs[g].y = g % 2 ? 0.125 : 0;
    }
    r->text = strdup(text);
}

static void test_both_at_once(void **state)
{
    (void)state;
    bg_pages pages;
    bg_pages_init(&pages);
    for (int furniture = 0; furniture <= 3; furniture++) {
        bg_page *p = bg_pages_add(&pages, 595, 842);
        p->content_x = 79.4;
        S_run(p, 90.2, 700, 5, "\xe6\x95\x99\xe8\x82\xb2");
        bg_item *l = bg_page_add(p, BG_ITEM_LINE);
        l->u.line.x0 = 89.4;
        l->u.line.x1 = 300;
        l->u.line.y0 = l->u.line.y1 = 690;
        l->u.line.width = 0.5;
        S_run(p, 295, 40, 2, "12");
        p->furniture = furniture < 3 ? (size_t)furniture : p->count + 1; /* 3: none */
        char c[65], w[65], c2[65], w2[65];
        bg_page_digest(p, true, c);
        bg_page_digest(p, false, w);
        bg_page_digests(p, c2, w2);
        assert_string_equal(c, c2);
        assert_string_equal(w, w2);
    }
    bg_pages_free(&pages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_digests), cmocka_unit_test(test_both_at_once)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
