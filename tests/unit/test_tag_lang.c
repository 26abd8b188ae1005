/* test_tag_lang.c: the /Lang layout gives structure elements (layout/page.c,
 * bg_pages_tag_languages): in a Chinese document a block whose text is all in Latin
 * letters is English, Latin words in Chinese text and digits are nothing, an inline link
 * gets nothing of its own, an element inside an English one inherits its /Lang, and a
 * document in English marks nothing. The letters' scripts come from text/chars.c, whose
 * shortcuts for ideographs and Chinese punctuation must agree with the Unicode data
 * (HarfBuzz's general category and script) at every code point. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/xalloc.h"
#include "layout/page.h"
#include "text/chars.h"

#include <hb.h>

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

/* bg_char_letter_script as the Unicode data has it, without shortcuts. */
static bg_letter_script S_by_lookup(uint32_t cp)
{
    hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
    hb_unicode_general_category_t gc = hb_unicode_general_category(u, cp);
    if (gc != HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER && gc != HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER &&
        gc != HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER && gc != HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER &&
        gc != HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER)
        return BG_LETTER_NONE;
    hb_script_t sc = hb_unicode_script(u, cp);
    if (sc == HB_SCRIPT_LATIN)
        return BG_LETTER_LATIN;
    return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ? BG_LETTER_NONE : BG_LETTER_OTHER;
}

static void test_letter_scripts(void **state)
{
    (void)state;
    for (uint32_t cp = 0x80; cp < 0x40000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        if (bg_char_letter_script(cp) != S_by_lookup(cp))
            fail_msg("U+%04X: %d, the Unicode data says %d", (unsigned)cp, (int)bg_char_letter_script(cp),
                     (int)S_by_lookup(cp));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chinese_document),
        cmocka_unit_test(test_english_document),
        cmocka_unit_test(test_letter_scripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
