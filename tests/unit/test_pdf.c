/* test_pdf.c: the PDF writer. Pages built by hand (glyph runs shaped here with HarfBuzz)
 * are written and inspected with the tools a reader's software stands for: qpdf --check
 * accepts the file, pdffonts sees every font embedded, subset and with a ToUnicode map,
 * pdftotext gives the text back, qpdf --json shows the outline titles, labels and links;
 * writing twice gives the same bytes; a ligature and an astral character map back to
 * their text; a bad path is one error, and so is a broken image. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "layout/page.h"
#include "pdf/pdf.h"
#include "pdf/pdf_ctx.h"
#include "text/font.h"

/* Removes a test file unless BG_TEST_KEEP is set (to inspect the PDFs). */
static void S_unlink(const char *path)
{
    if (!getenv("BG_TEST_KEEP"))
        unlink(path);
}

static char *S_tmp(const char *name)
{
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/bg-test-pdf-%d-%s", (int)getpid(), name);
    return path;
}

/* Runs a shell command and returns its whole stdout (caller frees). */
static char *S_run(const char *fmt, const char *arg)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, arg);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    bg_buf out;
    bg_buf_init(&out);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        bg_buf_put(&out, chunk, n);
    pclose(p);
    return bg_buf_take(&out);
}

static int S_system(const char *fmt, const char *arg)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, arg);
    return system(cmd);
}

/* Shapes text with HarfBuzz into a glyph run at (x, y), clusters mapped to their text. */
static void S_add_run(bg_page *page, bg_font *font, const char *text, double size, double x, double y)
{
    bg_item *it = bg_page_add(page, BG_ITEM_GLYPHS);
    bg_glyph_run *run = &it->u.glyphs;
    run->font = bg_font_keep(font); /* the page holds a reference */
    run->size = size;
    run->x = x;
    run->y = y;
    run->color = bg_gray(0);
    run->text = strdup(text);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font->hb, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    run->glyphs = calloc(n, sizeof *run->glyphs);
    run->count = n;
    double pen = 0, scale = size / font->upem;
    for (unsigned i = 0; i < n; i++) {
        uint32_t end = i + 1 < n ? info[i + 1].cluster : (uint32_t)strlen(text);
        bool first = i == 0 || info[i - 1].cluster != info[i].cluster;
        run->glyphs[i] = (bg_placed_glyph){info[i].codepoint, (float)(pen + pos[i].x_offset * scale),
                                           (float)(pos[i].y_offset * scale), info[i].cluster,
                                           first ? end - info[i].cluster : 0};
        pen += pos[i].x_advance * scale;
    }
    hb_buffer_destroy(buf);
}

static bg_font *S_font(const char *family, const char *style)
{
    bg_diags d;
    bg_diags_init(&d);
    bg_font *f = bg_font_find(family, style, NULL, &d);
    assert_non_null(f);
    bg_diags_free(&d);
    return f;
}

static char *S_write(const bg_pages *pages, const char *name)
{
    char *path = S_tmp(name);
    bg_diags d;
    bg_diags_init(&d);
    bg_pdf_options opts = {.creator = "baogao test", .compress = true};
    assert_int_equal(bg_pdf_write(pages, &opts, path, &d), 0);
    assert_int_equal(d.errors, 0);
    bg_diags_free(&d);
    return path;
}

static bool S_same_bytes(const char *a, const char *b)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

/* Every font line of pdffonts says emb yes, sub yes, uni yes. */
static void S_assert_fonts_embedded(const char *path, int expected)
{
    char *out = S_run("pdffonts '%s'", path);
    int fonts = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
            continue;
        assert_non_null(strstr(line, "CID"));
        assert_non_null(strstr(line, "Identity-H"));
        assert_non_null(strstr(line, "yes yes yes"));
        fonts++;
    }
    assert_int_equal(fonts, expected);
    free(out);
}

static void S_pages_with_text(bg_pages *pages, bg_font *serif, const char *text)
{
    bg_pages_init(pages);
    bg_page *page = bg_pages_add(pages, 595.276, 841.89);
    S_add_run(page, serif, text, 12, 72, 700);
    pages->info.title = strdup("2023年度报告");
    pages->info.date = strdup("2024-03-01");
    pages->info.language = strdup("zh-CN");
}

static void test_text_roundtrip(void **state)
{
    (void)state;
    bg_font *serif = S_font("Noto Serif CJK SC", "Regular");
    bg_pages pages;
    S_pages_with_text(&pages, serif, "报告2023");
    char *a = S_write(&pages, "a.pdf");
    char *b = S_write(&pages, "b.pdf");

    char *head = S_run("head -c 5 '%s'", a);
    assert_string_equal(head, "%PDF-");
    assert_int_equal(S_system("qpdf --check '%s' >/dev/null 2>&1", a), 0);
    S_assert_fonts_embedded(a, 1);
    char *text = S_run("pdftotext '%s' - | tr -d '\\n\\f'", a);
    assert_string_equal(text, "报告2023");
    assert_true(S_same_bytes(a, b));
    char *info = S_run("pdfinfo '%s'", a);
    assert_non_null(strstr(info, "2023年度报告"));
    assert_non_null(strstr(info, "baogao test"));

    free(head);
    free(text);
    free(info);
    S_unlink(a);
    S_unlink(b);
    free(a);
    free(b);
    bg_pages_free(&pages);
    bg_font_drop(serif);
}

/* Several fonts on one page (CFF and TrueType, one synthetic bold), a ligature. */
static void test_several_fonts(void **state)
{
    (void)state;
    bg_font *serif = S_font("Noto Serif CJK SC", "Regular");
    bg_font *sans = S_font("Noto Sans CJK SC", "Regular");
    bg_font *dejavu = S_font("DejaVu Sans", "Book");
    bg_pages pages;
    bg_pages_init(&pages);
    bg_page *page = bg_pages_add(&pages, 595.276, 841.89);
    S_add_run(page, serif, "第一章", 16, 72, 760);
    S_add_run(page, sans, "统计表", 10.5, 72, 740);
    S_add_run(page, dejavu, "office", 10.5, 72, 720);
    S_add_run(page, serif, "完", 10.5, 72, 700);
    assert_true(bg_pdf_cff_is_cid_keyed(serif->face)); /* subset without renumbering CIDs */
    assert_false(bg_pdf_cff_is_cid_keyed(dejavu->face)); /* no CFF at all */
    sans->synthetic_bold = true;
    char *path = S_write(&pages, "fonts.pdf");
    sans->synthetic_bold = false;

    assert_int_equal(S_system("qpdf --check '%s' >/dev/null 2>&1", path), 0);
    S_assert_fonts_embedded(path, 3);
    char *text = S_run("pdftotext '%s' - | tr -d '\\f'", path);
    assert_string_equal(text, "第一章\n统计表\noffice\n完\n\n");
    char *ff = S_run("pdffonts '%s' | grep -c 'CID TrueType'", path);
    assert_string_equal(ff, "1\n");

    free(ff);
    free(text);
    S_unlink(path);
    free(path);
    bg_pages_free(&pages);
    bg_font_drop(serif);
    bg_font_drop(sans);
    bg_font_drop(dejavu);
}

static char *S_png(void)
{
    char *path = S_tmp("img.png");
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = 4;
    img.height = 4;
    img.format = PNG_FORMAT_RGB;
    unsigned char px[4 * 4 * 3];
    for (size_t i = 0; i < sizeof px; i++)
        px[i] = (unsigned char)(i * 16);
    assert_true(png_image_write_to_file(&img, path, 0, px, 0, NULL));
    return path;
}

static void S_add_graphics(bg_page *page, const char *png)
{
    bg_item *it = bg_page_add(page, BG_ITEM_LINE);
    it->u.line.x0 = 72, it->u.line.y0 = 600, it->u.line.x1 = 300, it->u.line.y1 = 600;
    it->u.line.width = 0.5;
    it->u.line.color = (bg_color){BG_COLOR_CMYK, {0, 0, 0, 1}};
    it = bg_page_add(page, BG_ITEM_RECT);
    it->u.rect.x = 72, it->u.rect.y = 500, it->u.rect.w = 100, it->u.rect.h = 50;
    it->u.rect.fill = it->u.rect.stroke = true;
    it->u.rect.fill_color = (bg_color){BG_COLOR_RGB, {0.9, 0.9, 1, 0}};
    it->u.rect.stroke_color = bg_gray(0.2);
    it->u.rect.stroke_width = 1;
    it = bg_page_add(page, BG_ITEM_PATH);
    it->u.path.xy = malloc(6 * sizeof(double));
    memcpy(it->u.path.xy, (double[]){200, 500, 250, 550, 300, 500}, 6 * sizeof(double));
    it->u.path.count = 3;
    it->u.path.closed = it->u.path.stroke = true;
    it->u.path.stroke_color = bg_gray(0);
    it->u.path.stroke_width = 0.75;
    for (int i = 0; i < 2; i++) {
        it = bg_page_add(page, BG_ITEM_IMAGE);
        it->u.image.file = strdup(png);
        it->u.image.x = 72 + 60 * i, it->u.image.y = 400, it->u.image.w = 40, it->u.image.h = 40;
    }
}

/* Outline, links, labels, graphics and an image used twice. */
static void test_navigation_and_graphics(void **state)
{
    (void)state;
    bg_font *serif = S_font("Noto Serif CJK SC", "Regular");
    char *png = S_png();
    bg_pages pages;
    S_pages_with_text(&pages, serif, "目录");
    bg_item *link = bg_page_add(&pages.pages[0], BG_ITEM_LINK);
    link->u.link.x = 72, link->u.link.y = 695, link->u.link.w = 30, link->u.link.h = 14;
    link->u.link.dest = strdup("sec-1");
    link = bg_page_add(&pages.pages[0], BG_ITEM_LINK);
    link->u.link.dest = strdup("nowhere");
    for (int p = 0; p < 2; p++) {
        bg_page *page = bg_pages_add(&pages, 595.276, 841.89);
        bg_item *dest = bg_page_add(page, BG_ITEM_DEST);
        dest->u.dest.name = strdup(p == 0 ? "sec-1" : "sec-1.1");
        dest->u.dest.x = 72, dest->u.dest.y = 770;
        S_add_run(page, serif, p == 0 ? "第一章" : "第一节", 16, 72, 760);
        S_add_graphics(page, png);
    }
    bg_pages_add_outline(&pages, "第一章 总论", 1, "sec-1");
    bg_pages_add_outline(&pages, "第一节 𠀀", 2, "sec-1.1");
    bg_pages_add_label(&pages, 0, BG_LABEL_ROMAN_LOWER, 1);
    bg_pages_add_label(&pages, 1, BG_LABEL_DECIMAL, 1);

    char *path = S_tmp("nav.pdf");
    bg_diags d;
    bg_diags_init(&d);
    bg_pdf_options opts = {.creator = "baogao test", .compress = false};
    assert_int_equal(bg_pdf_write(&pages, &opts, path, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1); /* the link to "nowhere" */
    bg_diags_free(&d);

    assert_int_equal(S_system("qpdf --check '%s' >/dev/null 2>&1", path), 0);
    char *json = S_run("qpdf --json '%s'", path);
    assert_non_null(strstr(json, "\"title\": \"第一章 总论\""));
    assert_non_null(strstr(json, "\"title\": \"第一节 𠀀\""));
    assert_non_null(strstr(json, "\"/S\": \"/r\""));
    char *npages = S_run("qpdf --show-npages '%s'", path);
    assert_string_equal(npages, "3\n");
    char *images = S_run("grep -a -c '/Subtype /Image' '%s'", path);
    assert_string_equal(images, "1\n"); /* one object for the file used four times */
    char *annots = S_run("grep -a -c '/Subtype /Link' '%s'", path);
    assert_string_equal(annots, "1\n");

    free(images);
    free(annots);
    free(npages);
    free(json);
    S_unlink(path);
    S_unlink(png);
    free(path);
    free(png);
    bg_pages_free(&pages);
    bg_font_drop(serif);
}

/* Glyphs placed away from their advance (letter spacing, a raised glyph) land where
 * layout put them: pdftotext -bbox reports each glyph's box. */
static void test_positions(void **state)
{
    (void)state;
    bg_font *serif = S_font("Noto Serif CJK SC", "Regular");
    bg_pages pages;
    bg_pages_init(&pages);
    bg_page *page = bg_pages_add(&pages, 300, 300);
    S_add_run(page, serif, "报告书", 10, 100, 100);
    bg_glyph_run *run = &page->items[0].u.glyphs;
    run->glyphs[1].x = 25; /* 15 pt of space after the first glyph */
    run->glyphs[2].x = 50;
    run->glyphs[2].y = 4; /* raised */
    char *path = S_write(&pages, "pos.pdf");
    char *boxes = S_run("pdftotext -bbox '%s' - | grep '<word' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*yMax=\"\\([0-9.]*\\)\".*/\\1 \\2/'", path);
    double x[3] = {0}, y[3] = {0};
    assert_int_equal(sscanf(boxes, "%lf %lf %lf %lf %lf %lf", &x[0], &y[0], &x[1], &y[1], &x[2], &y[2]), 6);
    assert_true(fabs(x[0] - 100) < 0.2);
    assert_true(fabs(x[1] - 125) < 0.2);
    assert_true(fabs(x[2] - 150) < 0.2);
    assert_true(fabs((y[1] - y[2]) - 4) < 0.2);
    free(boxes);
    S_unlink(path);
    free(path);
    bg_pages_free(&pages);
    bg_font_drop(serif);
}

static void test_tounicode(void **state)
{
    (void)state;
    uint32_t gids[150];
    const char *texts[150];
    for (int i = 0; i < 150; i++) {
        gids[i] = (uint32_t)(i + 1);
        texts[i] = i == 0 ? "ffi" : i == 1 ? "𠀀" : "报";
    }
    bg_buf out;
    bg_buf_init(&out);
    bg_pdf_tounicode(&out, gids, texts, 150);
    assert_non_null(strstr(out.data, "<0001> <006600660069>\n"));
    assert_non_null(strstr(out.data, "<0002> <D840DC00>\n"));
    assert_non_null(strstr(out.data, "100 beginbfchar\n"));
    assert_non_null(strstr(out.data, "50 beginbfchar\n"));
    assert_null(strstr(out.data, "cidrange"));
    assert_non_null(strstr(out.data, "<0000> <FFFF>"));
    bg_buf_free(&out);
}

static void test_bad_path(void **state)
{
    (void)state;
    bg_pages pages;
    bg_pages_init(&pages);
    bg_pages_add(&pages, 100, 100);
    bg_diags d;
    bg_diags_init(&d);
    bg_pdf_options opts = {.creator = "baogao test", .compress = true};
    assert_int_equal(bg_pdf_write(&pages, &opts, "/nonexistent-dir/x.pdf", &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].file, "/nonexistent-dir/x.pdf"));
    assert_non_null(strstr(d.items[0].message, "cannot create a temporary file beside the output"));
    bg_diags_free(&d);
    bg_pages_free(&pages);
}

/* A broken image handed to the writer directly (as if it changed after the report was
 * checked) is one error naming the file, never libharu's loaders: the 80-byte truncated
 * RGBA PNG made libharu fail and HPDF_Free then free an object twice (issue 14, case 5),
 * a bad CRC made libpng abort the process. */
static void test_broken_images(void **state)
{
    (void)state;
    static const char *const names[] = {"png-rgba-cut-80.png", "png-bad-crc.png", "png-interlaced-bad-filter.png",
                                        "jpeg-cut.jpg", "jpeg-sof-9.jpg"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char file[1024];
        snprintf(file, sizeof file, "%s/invalid/images/%s", getenv("BG_FIXTURES"), names[i]);
        bg_pages pages;
        bg_pages_init(&pages);
        bg_page *page = bg_pages_add(&pages, 200, 200);
        bg_item *it = bg_page_add(page, BG_ITEM_IMAGE);
        it->u.image.file = strdup(file);
        it->u.image.x = 10, it->u.image.y = 10, it->u.image.w = 50, it->u.image.h = 50;
        char *path = S_tmp("broken.pdf");
        bg_diags d;
        bg_diags_init(&d);
        bg_pdf_options opts = {.creator = "baogao test", .compress = true};
        assert_int_equal(bg_pdf_write(&pages, &opts, path, &d), -1);
        assert_int_equal(d.errors, 1);
        assert_string_equal(d.items[0].file, file);
        assert_non_null(strstr(d.items[0].message, "cannot be used"));
        bg_diags_free(&d);
        bg_pages_free(&pages);
        S_unlink(path);
        free(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_roundtrip),
        cmocka_unit_test(test_several_fonts),
        cmocka_unit_test(test_navigation_and_graphics),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_tounicode),
        cmocka_unit_test(test_bad_path),
        cmocka_unit_test(test_broken_images),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    bg_font_config_free();
    return failed;
}
