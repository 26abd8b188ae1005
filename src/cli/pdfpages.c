/* pdfpages.c: reading a PDF's pages for `baogao diff` (see pdfpages.h). poppler-glib gives
 * labels, the title and each page's text; libqpdf's C API reads the /PieceInfo that
 * src/pdf/pieceinfo.c writes. The file is read once into memory and handed to both.
 * Both libraries are loaded by the first open (base/dynlib.h), not at start-up:
 * BG_POPPLER_GLIB_SONAME (from CMake) names poppler-glib, whose table below also holds
 * the few glib functions we call (found through poppler-glib's own dependencies). */
#include "pdfpages.h"
#include "base/buf.h"
#include "base/dynlib.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "pdf/qpdf_api.h"

#include <errno.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#ifndef BG_POPPLER_GLIB_SONAME
#define BG_POPPLER_GLIB_SONAME "libpoppler-glib.so.8"
#endif

#define S_POPPLER_FUNCTIONS(X)                                                                         \
    X(poppler_document_get_n_pages) X(poppler_document_get_page) X(poppler_document_get_title)         \
    X(poppler_document_new_from_bytes) X(poppler_page_get_label) X(poppler_page_get_text)              \
    X(poppler_page_get_text_layout) X(g_bytes_new_static) X(g_bytes_unref) X(g_clear_error) X(g_free)  \
    X(g_object_unref) X(g_utf8_strlen)

typedef struct S_poppler_api {
#define S_SLOT(f) __typeof__(&f) f;
    S_POPPLER_FUNCTIONS(S_SLOT)
#undef S_SLOT
} S_poppler_api;

static S_poppler_api S_p_table;
static const S_poppler_api *S_p; /* set once loaded */
static const bg_qpdf_api *S_q;

/* Loads both libraries (once); -1 with *why (malloc'd) when one cannot be loaded. */
static int S_load(char **why)
{
    *why = NULL;
    if (!S_q && !(S_q = bg_qpdf_api_load(why)))
        return -1;
    if (S_p)
        return 0;
    void *lib = bg_dynlib_open(BG_POPPLER_GLIB_SONAME, why);
    if (!lib)
        return -1;
    S_poppler_api api;
#define S_BIND(f)                                                                                      \
    if (!(api.f = (__typeof__(api.f))bg_dynlib_sym(lib, BG_POPPLER_GLIB_SONAME, #f, why)))          \
        return -1;
    S_POPPLER_FUNCTIONS(S_BIND)
#undef S_BIND
    S_p_table = api;
    S_p = &S_p_table;
    return 0;
}

/* The digests and cells baogao recorded on page i, read with libqpdf. */
static void S_piece_info(qpdf_data q, size_t i, bg_pdf_page *page)
{
    qpdf_oh oh = S_q->qpdf_get_page_n(q, i);
    qpdf_oh pi = S_q->qpdf_oh_get_key(q, oh, "/PieceInfo");
    qpdf_oh data = S_q->qpdf_oh_is_dictionary(q, pi) ? S_q->qpdf_oh_get_key(q, pi, "/Baogao") : 0;
    qpdf_oh priv = data && S_q->qpdf_oh_is_dictionary(q, data) ? S_q->qpdf_oh_get_key(q, data, "/Private") : 0;
    if (!priv || !S_q->qpdf_oh_is_dictionary(q, priv))
        return;
    static const char *const keys[] = {"/Content", "/Page"};
    char *outs[] = {page->content, page->whole};
    for (int k = 0; k < 2; k++) {
        qpdf_oh s = S_q->qpdf_oh_get_key(q, priv, keys[k]);
        if (S_q->qpdf_oh_is_string(q, s)) {
            const char *v = S_q->qpdf_oh_get_string_value(q, s);
            if (strlen(v) == 64)
                memcpy(outs[k], v, 65);
        }
    }
    qpdf_oh cells = S_q->qpdf_oh_get_key(q, priv, "/Cells");
    if (!S_q->qpdf_oh_is_stream(q, cells))
        return;
    unsigned char *buf = NULL;
    size_t len = 0;
    QPDF_BOOL filtered = 0;
    if (S_q->qpdf_oh_get_stream_data(q, cells, qpdf_dl_generalized, &filtered, &buf, &len) & QPDF_ERRORS || !filtered) {
        free(buf);
        return;
    }
    page->cell_text = bg_xstrndup((const char *)buf, len);
    free(buf);
    size_t cap = 0;
    for (char *line = page->cell_text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *f[5];
        int n = 0;
        for (char *p = line; n < 5; n++) {
            f[n] = p;
            p = strchr(p, '\t');
            if (!p) {
                n++;
                break;
            }
            *p++ = '\0';
        }
        if (n != 5)
            continue;
        BG_GROW(page->cells, cap, page->cell_count + 1);
        page->cells[page->cell_count++] = (bg_pdf_cell){f[0], f[1], f[2], f[3], f[4]};
    }
}

int bg_pdfpages_open(const char *path, bg_pdfpages *doc, char **why)
{
    memset(doc, 0, sizeof *doc);
    if (S_load(why) != 0)
        return -1;
    bg_buf b;
    bg_buf_init(&b);
    if (bg_buf_read_file(&b, path) != 0) {
        *why = bg_strprintf("%s", strerror(errno ? errno : EIO));
        bg_buf_free(&b);
        return -1;
    }
    doc->len = b.len;
    doc->data = bg_buf_take(&b);

    GBytes *bytes = S_p->g_bytes_new_static(doc->data, doc->len);
    GError *err = NULL;
    PopplerDocument *pd = S_p->poppler_document_new_from_bytes(bytes, NULL, &err);
    S_p->g_bytes_unref(bytes);
    if (!pd) {
        *why = bg_strprintf(_("not a readable PDF (%s)"), err ? err->message : "?");
        S_p->g_clear_error(&err);
        return -1;
    }
    doc->poppler = pd;
    gchar *title = S_p->poppler_document_get_title(pd);
    if (title && *title)
        doc->title = bg_xstrdup(title);
    S_p->g_free(title);
    int n = S_p->poppler_document_get_n_pages(pd);
    doc->count = n > 0 ? (size_t)n : 0;
    doc->pages = bg_xcalloc(doc->count ? doc->count : 1, sizeof *doc->pages);
    for (size_t i = 0; i < doc->count; i++) {
        PopplerPage *pp = S_p->poppler_document_get_page(pd, (int)i);
        gchar *label = pp ? S_p->poppler_page_get_label(pp) : NULL;
        doc->pages[i].label = label && *label ? bg_xstrdup(label) : bg_strprintf("#%zu", i + 1);
        S_p->g_free(label);
        if (pp)
            S_p->g_object_unref(pp);
    }

    qpdf_data q = S_q->qpdf_init();
    S_q->qpdf_set_suppress_warnings(q, QPDF_TRUE);
    S_q->qpdf_silence_errors(q);
    if (!(S_q->qpdf_read_memory(q, path, doc->data, (unsigned long long)doc->len, NULL) & QPDF_ERRORS) &&
        S_q->qpdf_get_num_pages(q) == (int)doc->count) {
        doc->ours = doc->count > 0;
        for (size_t i = 0; i < doc->count; i++) {
            S_piece_info(q, i, &doc->pages[i]);
            if (!doc->pages[i].content[0] || !doc->pages[i].whole[0])
                doc->ours = false;
        }
    }
    S_q->qpdf_cleanup(&q);
    return 0;
}

/* poppler's text joins the words of a line without the gaps between them (a table row
 * comes out as "202251486155951959744.31%"): put a space where the next character starts
 * more than half its height after the previous one ends. The layout gives one rectangle
 * per character of the text. */
static char *S_spaced_text(PopplerPage *pp)
{
    gchar *text = S_p->poppler_page_get_text(pp);
    if (!text)
        return bg_xstrdup("");
    PopplerRectangle *rects = NULL;
    guint n = 0;
    if (!S_p->poppler_page_get_text_layout(pp, &rects, &n) || (glong)n != S_p->g_utf8_strlen(text, -1)) {
        S_p->g_free(rects);
        char *copy = bg_xstrdup(text);
        S_p->g_free(text);
        return copy;
    }
    bg_buf b;
    bg_buf_init(&b);
    const char *p = text, *end = text + strlen(text);
    for (guint k = 0; k < n && *p; k++) {
        size_t at = 0;
        bg_utf8_next(p, (size_t)(end - p), &at);
        const char *next = p + (at ? at : 1);
        if (k > 0 && *p != '\n' && p[-1] != '\n') {
            const PopplerRectangle *r = &rects[k], *q = &rects[k - 1];
            double h = r->y2 - r->y1;
            if (r->x1 - q->x2 > 0.5 * h && fabs(r->y1 - q->y1) < h)
                bg_buf_putc(&b, ' ');
        }
        bg_buf_put(&b, p, (size_t)(next - p));
        p = next;
    }
    S_p->g_free(rects);
    S_p->g_free(text);
    char *out = bg_buf_take(&b);
    return out ? out : bg_xstrdup("");
}

const char *bg_pdfpages_text(bg_pdfpages *doc, size_t i)
{
    bg_pdf_page *page = &doc->pages[i];
    if (!page->text) {
        PopplerPage *pp = S_p->poppler_document_get_page(doc->poppler, (int)i);
        page->text = pp ? S_spaced_text(pp) : bg_xstrdup("");
        if (pp)
            S_p->g_object_unref(pp);
    }
    return page->text;
}

void bg_pdfpages_close(bg_pdfpages *doc)
{
    for (size_t i = 0; i < doc->count; i++) {
        free(doc->pages[i].label);
        free(doc->pages[i].text);
        free(doc->pages[i].cells);
        free(doc->pages[i].cell_text);
    }
    free(doc->pages);
    free(doc->title);
    if (doc->poppler)
        S_p->g_object_unref(doc->poppler);
    free(doc->data);
    memset(doc, 0, sizeof *doc);
}
