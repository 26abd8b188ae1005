/* pdfread.c: reading back what a PDF records, through libqpdf's C API (pdfread.h).
 * qpdf parses the file (cross-reference tables or streams, object streams, repairs);
 * here we only walk the objects we need: the trailer's /Info, the catalog's /Metadata
 * and /Names /EmbeddedFiles name tree (/Names and /Kids, to a bounded depth: a crafted
 * tree may loop). Errors qpdf records while we walk are drained and treated as "absent". */
#include "pdfread.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include "qpdf_api.h"

#include <stdlib.h>
#include <string.h>

/* libqpdf, loaded by the first open (qpdf_api.h); every other call has an open reader. */
static const bg_qpdf_api *S_q;

struct bg_pdfread {
    qpdf_data q;
};

enum { S_MAX_DEPTH = 32, S_MAX_FILES = 100000 };

/* Forgets the errors and warnings qpdf recorded (a damaged object reads as null). */
static void S_drain(qpdf_data q)
{
    while (S_q->qpdf_has_error(q))
        S_q->qpdf_get_error(q);
    while (S_q->qpdf_more_warnings(q))
        S_q->qpdf_next_warning(q);
}

static bg_pdfread *S_opened(qpdf_data q, QPDF_ERROR_CODE code, bg_pdfread_status *status, char **error)
{
    if (code & QPDF_ERRORS) {
        qpdf_error e = S_q->qpdf_get_error(q);
        const char *detail = e ? S_q->qpdf_get_error_message_detail(q, e) : NULL;
        *status = e && S_q->qpdf_get_error_code(q, e) == qpdf_e_system ? BG_PDFREAD_IO : BG_PDFREAD_BAD;
        *error = bg_xstrdup(detail && *detail ? detail : _("not a PDF file"));
        S_q->qpdf_cleanup(&q);
        return NULL;
    }
    S_drain(q);
    *status = BG_PDFREAD_OK;
    *error = NULL;
    bg_pdfread *pdf = bg_xcalloc(1, sizeof *pdf);
    pdf->q = q;
    return pdf;
}

static qpdf_data S_init(void)
{
    qpdf_data q = S_q->qpdf_init();
    S_q->qpdf_silence_errors(q);
    S_q->qpdf_set_suppress_warnings(q, QPDF_TRUE);
    return q;
}

/* Loads libqpdf; false with *status and *error set when it cannot be loaded. */
static bool S_load(bg_pdfread_status *status, char **error)
{
    if (!S_q)
        S_q = bg_qpdf_api_load(error);
    if (!S_q)
        *status = BG_PDFREAD_IO;
    return S_q != NULL;
}

bg_pdfread *bg_pdfread_open(const char *path, bg_pdfread_status *status, char **error)
{
    if (!S_load(status, error))
        return NULL;
    qpdf_data q = S_init();
    return S_opened(q, S_q->qpdf_read(q, path, ""), status, error);
}

bg_pdfread *bg_pdfread_open_memory(const char *data, size_t len, bg_pdfread_status *status, char **error)
{
    if (!S_load(status, error))
        return NULL;
    qpdf_data q = S_init();
    return S_opened(q, S_q->qpdf_read_memory(q, "memory", data, len, ""), status, error);
}

void bg_pdfread_close(bg_pdfread *pdf)
{
    if (!pdf)
        return;
    S_q->qpdf_cleanup(&pdf->q);
    free(pdf);
}

/* A string object's value as UTF-8 (malloc'd, NUL-terminated, *len bytes), or NULL. */
static char *S_utf8(qpdf_data q, qpdf_oh oh, size_t *len)
{
    if (!S_q->qpdf_oh_is_string(q, oh))
        return NULL;
    size_t n = 0;
    const char *s = S_q->qpdf_oh_get_binary_utf8_value(q, oh, &n);
    char *copy = NULL;
    if (s) { /* every byte, NUL included: the caller decides what a NUL means */
        copy = bg_xcalloc(n + 1, 1);
        memcpy(copy, s, n);
    }
    S_drain(q);
    if (copy && len)
        *len = n;
    return copy;
}

/* A stream's bytes decoded (malloc'd by qpdf, *len bytes, not NUL-terminated), or NULL
 * when it is not a stream, its filters cannot be undone or memory runs out (qpdf traps
 * the exception). The buffer is qpdf's own, not copied: an attachment may be large. */
static char *S_stream(qpdf_data q, qpdf_oh oh, size_t *len)
{
    if (!S_q->qpdf_oh_is_stream(q, oh))
        return NULL;
    unsigned char *buf = NULL;
    size_t n = 0;
    QPDF_BOOL filtered = QPDF_FALSE;
    QPDF_ERROR_CODE code = S_q->qpdf_oh_get_stream_data(q, oh, qpdf_dl_specialized, &filtered, &buf, &n);
    S_drain(q);
    if ((code & QPDF_ERRORS) || !filtered) {
        free(buf);
        return NULL;
    }
    if (!buf) /* an empty stream */
        buf = bg_xcalloc(1, 1);
    *len = n;
    return (char *)buf;
}

char *bg_pdfread_info(bg_pdfread *pdf, const char *key, size_t *len)
{
    qpdf_data q = pdf->q;
    char *slash = bg_strprintf("/%s", key);
    qpdf_oh info = S_q->qpdf_oh_get_key_if_dict(q, S_q->qpdf_get_trailer(q), "/Info");
    char *value = S_utf8(q, S_q->qpdf_oh_get_key_if_dict(q, info, slash), len);
    free(slash);
    S_drain(q);
    return value;
}

char *bg_pdfread_metadata(bg_pdfread *pdf, size_t *len)
{
    qpdf_data q = pdf->q;
    char *value = S_stream(q, S_q->qpdf_oh_get_key_if_dict(q, S_q->qpdf_get_root(q), "/Metadata"), len);
    S_drain(q);
    return value;
}

static void S_add_file(qpdf_data q, qpdf_oh spec, bool with_data, bg_pdfread_files *out)
{
    if (!S_q->qpdf_oh_is_dictionary(q, spec) || out->count >= S_MAX_FILES)
        return;
    BG_GROW(out->items, out->cap, out->count + 1);
    bg_pdfread_file *f = &out->items[out->count++];
    memset(f, 0, sizeof *f);
    f->name = S_utf8(q, S_q->qpdf_oh_get_key_if_dict(q, spec, "/UF"), &f->name_len);
    if (!f->name)
        f->name = S_utf8(q, S_q->qpdf_oh_get_key_if_dict(q, spec, "/F"), &f->name_len);
    f->source = S_q->qpdf_oh_is_name_and_equals(q, S_q->qpdf_oh_get_key_if_dict(q, spec, "/AFRelationship"), "/Source");
    if (with_data) {
        qpdf_oh ef = S_q->qpdf_oh_get_key_if_dict(q, spec, "/EF");
        qpdf_oh stream = S_q->qpdf_oh_get_key_if_dict(q, ef, "/UF");
        if (!S_q->qpdf_oh_is_stream(q, stream))
            stream = S_q->qpdf_oh_get_key_if_dict(q, ef, "/F");
        f->data = S_stream(q, stream, &f->len);
    }
    S_drain(q);
}

static void S_walk(qpdf_data q, qpdf_oh node, int depth, bool with_data, bg_pdfread_files *out)
{
    if (depth > S_MAX_DEPTH || !S_q->qpdf_oh_is_dictionary(q, node))
        return;
    qpdf_oh names = S_q->qpdf_oh_get_key_if_dict(q, node, "/Names");
    if (S_q->qpdf_oh_is_array(q, names)) {
        int n = S_q->qpdf_oh_get_array_n_items(q, names);
        for (int i = 0; i + 1 < n; i += 2)
            S_add_file(q, S_q->qpdf_oh_get_array_item(q, names, i + 1), with_data, out);
    }
    qpdf_oh kids = S_q->qpdf_oh_get_key_if_dict(q, node, "/Kids");
    if (S_q->qpdf_oh_is_array(q, kids)) {
        int n = S_q->qpdf_oh_get_array_n_items(q, kids);
        for (int i = 0; i < n && out->count < S_MAX_FILES; i++)
            S_walk(q, S_q->qpdf_oh_get_array_item(q, kids, i), depth + 1, with_data, out);
    }
    S_drain(q);
}

void bg_pdfread_embedded(bg_pdfread *pdf, bool with_data, bg_pdfread_files *out)
{
    memset(out, 0, sizeof *out);
    qpdf_data q = pdf->q;
    qpdf_oh names = S_q->qpdf_oh_get_key_if_dict(q, S_q->qpdf_get_root(q), "/Names");
    S_walk(q, S_q->qpdf_oh_get_key_if_dict(q, names, "/EmbeddedFiles"), 0, with_data, out);
    S_q->qpdf_oh_release_all(q);
    S_drain(q);
}

void bg_pdfread_files_free(bg_pdfread_files *files)
{
    for (size_t i = 0; i < files->count; i++) {
        free(files->items[i].name);
        free(files->items[i].data);
    }
    free(files->items);
    memset(files, 0, sizeof *files);
}
