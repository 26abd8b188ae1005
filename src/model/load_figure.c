/* load_figure.c: loading a figure block: an image file (PNG or JPEG, read and checked
 * whole by image/) or a chart fed from inline series or from a table by id. */
#include "load_ctx.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../image/image.h"
#include "../base/limits.h"
#include "../base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kind of picture file a phone, camera or editor commonly saves that is not PNG or
 * JPEG, from its first bytes; NULL when it is none of them. */
static const char *S_other_image_kind(const unsigned char *d, size_t n)
{
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
        return "GIF";
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return "WebP";
    if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0)
        return memcmp(d + 8, "avif", 4) == 0 ? "AVIF" : "HEIC";
    if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
        return "TIFF";
    if (n >= 2 && memcmp(d, "BM", 2) == 0)
        return "BMP";
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return "PDF";
    return NULL;
}

/* A figure whose image's full check runs on (image/checks.c), and where its error goes. */
typedef struct S_wait {
    char *path;        /* the figure's $….image.src */
    char *src;         /* borrowed from the figure: the file as the report names it */
    size_t job;        /* in checks */
    size_t diag_at;    /* the diagnostics counted when the figure was loaded */
    int errors_before; /* the load errors counted then */
} S_wait;

struct bg_image_waits {
    bg_image_checks *checks;
    S_wait *items;
    size_t count, cap;
};

void bg_image_waits_free(struct bg_image_waits *w)
{
    if (!w)
        return;
    bg_image_checks_free(w->checks);
    for (size_t i = 0; i < w->count; i++)
        free(w->items[i].path);
    free(w->items);
    free(w);
}

int bg_load_images_finish(bg_document *doc, bg_diags *diags, size_t *shown, int *hidden)
{
    struct bg_image_waits *w = doc->image_waits;
    *shown = 0;
    *hidden = 0;
    if (!w)
        return 0;
    bg_image_checks_wait(w->checks);
    bg_diags late;
    bg_diags_init(&late);
    size_t *at = bg_xcalloc(w->count + 1, sizeof *at);
    int failed = 0;
    for (size_t i = 0; i < w->count; i++) {
        const S_wait *x = &w->items[i];
        bg_image_error err;
        if (bg_image_checks_result(w->checks, x->job, &err) == 0)
            continue;
        /* counted as bg_load_error would have counted it in its place (only the errors
         * after it, already shown, are not counted again: past BG_MAX_LOAD_ERRORS a
         * report with late refused images may show a few errors more than the limit) */
        if (x->errors_before + failed++ >= BG_MAX_LOAD_ERRORS) {
            (*hidden)++;
            continue;
        }
        at[late.count] = x->diag_at;
        bg_error(&late, bg_document_loc(doc, x->path), _("image '%s' cannot be used: %s"), x->src, err.msg);
    }
    *shown = late.count;
    bg_diags_merge(diags, &late, at);
    free(at);
    bg_image_waits_free(w);
    doc->image_waits = NULL;
    return failed;
}

void bg_load_finish_images(bg_load_ctx *c)
{
    size_t shown;
    int hidden;
    c->errors += bg_load_images_finish(c->doc, c->diags, &shown, &hidden);
    c->hidden += hidden;
}

/* Reads and checks the whole image (see image/image.h), so that whatever the PDF writer
 * could not embed is refused here, at the figure's path: the header at once, every byte
 * on the worker threads of image/checks.c (bg_load_images_finish collects them). */
static void S_check_image(bg_load_ctx *c, const char *path, bg_figure *fig)
{
    char *p = bg_load_path(path, ".src");
    bg_buf data = {0};
    if (bg_buf_read_file(&data, fig->image) != 0) {
        bg_load_error(c, p, _("image '%s' cannot be opened"), fig->image_src);
    } else {
        bg_image_error err;
        struct bg_image_waits *w = c->doc->image_waits;
        if (!w) {
            w = c->doc->image_waits = bg_xcalloc(1, sizeof *w);
            w->checks = bg_image_checks_new();
        }
        size_t job;
        int rc = bg_image_checks_add(w->checks, &data, &fig->image_info, &err, &job);
        if (rc == 1) {
            BG_GROW(w->items, w->cap, w->count + 1);
            w->items[w->count++] = (S_wait){.path = p, .src = fig->image_src, .job = job,
                                            .diag_at = c->diags->count, .errors_before = c->errors};
            p = NULL;
        } else if (rc == -2) {
            bg_load_error(c, p, _("image '%s' is neither a PNG nor a JPEG file"), fig->image_src);
            const char *kind = S_other_image_kind((const unsigned char *)data.data, data.len);
            if (kind)
                bg_diag_hint(c->diags, _("it is a %s file: open it in an image editor and save it as PNG "
                                         "(drawings, charts) or JPEG (photos)"), kind);
            else
                bg_diag_hint(c->diags, _("give a picture saved as PNG (drawings, charts) or JPEG (photos)"));
        }
        else if (rc != 0)
            bg_load_error(c, p, _("image '%s' cannot be used: %s"), fig->image_src, err.msg);
    }
    bg_buf_free(&data);
    free(p);
}

static void S_load_image(bg_load_ctx *c, json_t *img, const char *path, bg_figure *fig)
{
    static const char *const keys[] = {"src", "width", "alt", NULL};
    if (!json_is_object(img)) {
        bg_load_error(c, path, _("'image' must be an object with \"src\""));
        return;
    }
    bg_load_check_keys(c, img, path, keys);
    const char *src = bg_load_string(c, img, "src", path, true);
    fig->width = 1.0;
    json_t *w = json_object_get(img, "width");
    if (w) {
        if (!json_is_number(w) || json_number_value(w) <= 0 || json_number_value(w) > 1) {
            char *p = bg_load_path(path, ".width");
            bg_load_error(c, p, _("'width' must be a fraction of the text width, above 0 and at most 1"));
            free(p);
        } else {
            fig->width = json_number_value(w);
        }
    }
    const char *alt = bg_load_string(c, img, "alt", path, false);
    if (alt)
        fig->alt = bg_xstrdup(alt);
    if (!src)
        return;
    fig->image_src = bg_xstrdup(src);
    char *src_path = bg_load_path(path, ".src");
    fig->image = bg_load_resolve(c, src, src_path);
    free(src_path);
    if (!fig->image)
        return;
    S_check_image(c, path, fig);
}

static double *S_numbers(bg_load_ctx *c, json_t *arr, const char *path, size_t *count)
{
    *count = 0;
    if (!json_is_array(arr) || json_array_size(arr) == 0) {
        bg_load_error(c, path, _("must be a non-empty array of numbers"));
        return NULL;
    }
    double *v = bg_xcalloc(json_array_size(arr), sizeof *v);
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        char *p = bg_load_path(path, "[%zu]", i);
        if (bg_load_value_ref(c, x, p, &v[i])) {
            /* a named value's number */
        } else if (!json_is_number(x)) {
            bg_load_error(c, p, _("a chart value must be a number or {\"ref\": \"name\"} of a named value"));
        } else {
            v[i] = json_number_value(x);
        }
        free(p);
    }
    *count = json_array_size(arr);
    return v;
}

static void S_load_chart(bg_load_ctx *c, json_t *o, const char *path, bg_figure *fig)
{
    static const char *const keys[] = {"kind", "labels", "series", "table", "label_column",
                                       "value_columns", "unit", NULL};
    if (!json_is_object(o)) {
        bg_load_error(c, path, _("'chart' must be an object with \"kind\""));
        return;
    }
    bg_load_check_keys(c, o, path, keys);
    bg_chart *ch = bg_xcalloc(1, sizeof *ch);
    fig->chart = ch;
    const char *kind = bg_load_string(c, o, "kind", path, true);
    if (kind) {
        if (strcmp(kind, "bar") == 0)
            ch->kind = BG_CHART_BAR;
        else if (strcmp(kind, "line") == 0)
            ch->kind = BG_CHART_LINE;
        else if (strcmp(kind, "pie") == 0)
            ch->kind = BG_CHART_PIE;
        else {
            char *p = bg_load_path(path, ".kind");
            bg_load_error(c, p, _("chart kind must be bar, line or pie, not '%s'"), kind);
            free(p);
        }
    }
    const char *unit = bg_load_string(c, o, "unit", path, false);
    if (unit)
        ch->unit = bg_xstrdup(unit);
    const char *table = bg_load_string(c, o, "table", path, false);
    json_t *labels = json_object_get(o, "labels"), *series = json_object_get(o, "series");
    if (table) {
        if (labels || series)
            bg_load_error(c, path, _("a chart takes either \"table\" or \"labels\" and \"series\""));
        ch->table_id = bg_xstrdup(table);
        json_t *lc = json_object_get(o, "label_column");
        ch->label_column = lc && json_is_integer(lc) ? (int)json_integer_value(lc) : 0;
        json_t *vc = json_object_get(o, "value_columns");
        if (!json_is_array(vc) || json_array_size(vc) == 0) {
            char *p = bg_load_path(path, ".value_columns");
            bg_load_error(c, p, _("a chart from a table needs \"value_columns\": column indices"));
            free(p);
            return;
        }
        ch->value_column_count = json_array_size(vc);
        ch->value_columns = bg_xcalloc(ch->value_column_count, sizeof *ch->value_columns);
        for (size_t i = 0; i < ch->value_column_count; i++) {
            json_t *x = json_array_get(vc, i);
            ch->value_columns[i] = json_is_integer(x) ? (int)json_integer_value(x) : -1;
        }
        return;
    }
    char *lp = bg_load_path(path, ".labels");
    if (!json_is_array(labels) || json_array_size(labels) == 0) {
        bg_load_error(c, lp, _("a chart needs \"labels\" (an array of strings) or a \"table\""));
    } else {
        ch->label_count = json_array_size(labels);
        ch->labels = bg_xcalloc(ch->label_count, sizeof *ch->labels);
        for (size_t i = 0; i < ch->label_count; i++) {
            json_t *x = json_array_get(labels, i);
            ch->labels[i] = bg_xstrdup(json_is_string(x) ? json_string_value(x) : "");
            if (!json_is_string(x)) {
                char *p = bg_load_path(lp, "[%zu]", i);
                bg_load_error(c, p, _("a label must be a string"));
                free(p);
            }
        }
    }
    free(lp);
    char *sp = bg_load_path(path, ".series");
    if (!json_is_array(series) || json_array_size(series) == 0) {
        bg_load_error(c, sp, _("a chart needs \"series\": an array of {\"name\", \"values\"}"));
    } else {
        ch->series_count = json_array_size(series);
        ch->series = bg_xcalloc(ch->series_count, sizeof *ch->series);
        for (size_t i = 0; i < ch->series_count; i++) {
            json_t *s = json_array_get(series, i);
            char *p = bg_load_path(sp, "[%zu]", i);
            static const char *const skeys[] = {"name", "values", NULL};
            if (!json_is_object(s)) {
                bg_load_error(c, p, _("a series must be an object with \"values\""));
            } else {
                bg_load_check_keys(c, s, p, skeys);
                const char *name = bg_load_string(c, s, "name", p, false);
                ch->series[i].name = bg_xstrdup(name ? name : "");
                char *vp = bg_load_path(p, ".values");
                ch->series[i].values = S_numbers(c, json_object_get(s, "values"), vp, &ch->series[i].count);
                if (ch->series[i].values && ch->series[i].count != ch->label_count)
                    bg_load_error(c, vp, _("series has %zu values for %zu labels"),
                                  ch->series[i].count, ch->label_count);
                free(vp);
            }
            free(p);
        }
    }
    free(sp);
}

void bg_load_figure(bg_load_ctx *c, json_t *obj, const char *path, bg_node *n)
{
    static const char *const keys[] = {"type", "id", "caption", "image", "chart", NULL};
    bg_load_check_keys(c, obj, path, keys);
    const char *id = bg_load_string(c, obj, "id", path, false);
    if (id)
        n->id = bg_xstrdup(id);
    json_t *caption = json_object_get(obj, "caption");
    char *cp = bg_load_path(path, ".caption");
    if (!caption)
        bg_load_error(c, cp, _("missing required key 'caption'"));
    else
        bg_load_inline(c, caption, cp, &n->title);
    free(cp);
    json_t *img = json_object_get(obj, "image"), *chart = json_object_get(obj, "chart");
    if (!!img == !!chart) {
        bg_load_error(c, path, _("a figure has exactly one of \"image\" and \"chart\""));
        return;
    }
    char *p = bg_load_path(path, img ? ".image" : ".chart");
    if (img)
        S_load_image(c, img, p, &n->u.figure);
    else
        S_load_chart(c, chart, p, &n->u.figure);
    free(p);
}
