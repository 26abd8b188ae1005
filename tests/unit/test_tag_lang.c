/* test_tag_lang.c: the /Lang layout gives structure elements (layout/page.c,
 * bg_pages_tag_languages): in a Chinese document a block whose text is all in Latin
 * letters is English, Latin words in Chinese text and digits are nothing, an inline link
 * gets nothing of its own, an element inside an English one inherits its /Lang, and a
 * document in English marks nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/xalloc.h"
#include "layout/page.h"

static void S_text(bg_page *page, unsigned tag, const char *text)
{
    bg_item *it = bg_page_add(page, BG_ITEM_GLYPHS);
    it->tag = tag;
    it->u.glyphs.text = bg_xstrdup(text);
}

typedef struct S_doc {
    bg_pages pages;
    unsigned zh, words, digits, en, en_link, sect, sect_p, url_p, url;
} S_doc;

static void S_build(S_doc *d, const char *language)
{
    bg_pages *p = &d->pages;
    bg_pages_init(p);
    p->info.language = bg_xstrdup(language);
    bg_page *page = bg_pages_add(p, 595, 842);
    unsigned doc = bg_pages_add_tag(p, BG_TAG_DOCUMENT, 0);
    d->zh = bg_pages_add_tag(p, BG_TAG_P, doc);
    S_text(page, d->zh, "全市在校生 51486 人。");
    d->words = bg_pages_add_tag(p, BG_TAG_P, doc);
    S_text(page, d->words, "开设 PLC 与 CAD 课程。");
    d->digits = bg_pages_add_tag(p, BG_TAG_TD, doc);
    S_text(page, d->digits, "3,390 (98.5%)");
    d->en = bg_pages_add_tag(p, BG_TAG_H, doc);
    S_text(page, d->en, "Annual Report ");
    d->en_link = bg_pages_add_tag(p, BG_TAG_LINK, d->en);
    p->tags[d->en_link].is_inline = true;
    S_text(page, d->en_link, "2023");
    d->sect = bg_pages_add_tag(p, BG_TAG_SECT, doc);
    d->sect_p = bg_pages_add_tag(p, BG_TAG_P, d->sect);
    S_text(page, d->sect_p, "Café society, naïve résumé.");
    d->url_p = bg_pages_add_tag(p, BG_TAG_P, doc);
    S_text(page, d->url_p, "详见网站");
    d->url = bg_pages_add_tag(p, BG_TAG_LINK, d->url_p);
    p->tags[d->url].is_inline = true;
    S_text(page, d->url, "https://example.org/report");
    bg_pages_tag_languages(p);
}

static void test_chinese_document(void **state)
{
    (void)state;
    S_doc d;
    S_build(&d, "zh-Hans");
    const bg_tag *t = d.pages.tags;
    assert_null(t[0].lang);
    assert_null(t[d.zh].lang);
    assert_null(t[d.words].lang);  /* Latin words in Chinese text */
    assert_null(t[d.digits].lang); /* no letters at all */
    assert_non_null(t[d.en].lang);
    assert_string_equal(t[d.en].lang, "en");
    assert_null(t[d.en_link].lang); /* inherits its heading's */
    assert_non_null(t[d.sect].lang); /* the outermost element that is all English */
    assert_string_equal(t[d.sect].lang, "en");
    assert_null(t[d.sect_p].lang);
    assert_null(t[d.url_p].lang);
    assert_null(t[d.url].lang); /* a URL in Chinese text needs nothing */
    bg_pages_free(&d.pages);
}

static void test_english_document(void **state)
{
    (void)state;
    S_doc d;
    S_build(&d, "en-GB");
    for (size_t i = 0; i < d.pages.tag_count; i++)
        assert_null(d.pages.tags[i].lang);
    bg_pages_free(&d.pages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chinese_document),
        cmocka_unit_test(test_english_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
