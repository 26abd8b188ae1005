/* style.c: reading a layout file (see style.h and docs/layout.md). Every key is
 * optional and falls back to the report-a4 defaults; unknown keys and bad values are
 * errors with their JSON path. */
#include "style.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/datadir.h"
#include "../base/suggest.h"
#include "../base/limits.h"
#include "../base/xalloc.h"
#include "../model/encoding.h"
#include "../model/jsonpos.h"
#include "../model/jsonsyntax.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#define MM (72.0 / 25.4)

typedef struct sctx {
    const char *file;
    char *text;
    size_t len;
    bg_jsonpos *positions; /* built on the first error */
    bg_diags *diags;
    int errors;
} sctx;

static void S_err(sctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_warn(sctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_warn(sctx *c, const char *path, const char *fmt, ...)
{
    bg_loc loc = {.file = c->file, .path = path};
    if (!c->positions)
        c->positions = bg_jsonpos_build(c->text, c->len);
    bg_jsonpos_find(c->positions, path, &loc.line, &loc.col);
    va_list ap;
    va_start(ap, fmt);
    bg_diag_addv(c->diags, BG_WARNING, loc, fmt, ap);
    va_end(ap);
}

static void S_err(sctx *c, const char *path, const char *fmt, ...)
{
    bg_loc loc = {.file = c->file, .path = path};
    if (!c->positions)
        c->positions = bg_jsonpos_build(c->text, c->len);
    bg_jsonpos_find(c->positions, path, &loc.line, &loc.col);
    va_list ap;
    va_start(ap, fmt);
    bg_diag_addv(c->diags, BG_ERROR, loc, fmt, ap);
    va_end(ap);
    c->errors++;
}

static void S_keys(sctx *c, json_t *obj, const char *path, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            ok = ok || strcmp(*a, key) == 0;
        if (!ok) {
            char *p = bg_strprintf("%s.%s", path, key);
            const char *near = bg_suggest(key, allowed, (size_t)-1);
            if (near)
                S_err(c, p, _("unknown layout key '%s'; did you mean '%s'?"), key, near);
            else
                S_err(c, p, _("unknown layout key '%s'"), key);
            free(p);
        }
    }
}

static json_t *S_obj(sctx *c, json_t *parent, const char *key, const char *path,
                     const char *const *allowed, char **subpath)
{
    json_t *v = json_object_get(parent, key);
    *subpath = bg_strprintf("%s.%s", path, key);
    if (!v)
        return NULL;
    if (!json_is_object(v)) {
        S_err(c, *subpath, _("'%s' must be an object"), key);
        return NULL;
    }
    S_keys(c, v, *subpath, allowed);
    return v;
}

static const struct {
    const char *name;
    double pt;
} chinese_sizes[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5},
};

double bg_style_size_named(const char *name)
{
    for (size_t i = 0; i < sizeof chinese_sizes / sizeof *chinese_sizes; i++)
        if (strcmp(chinese_sizes[i].name, name) == 0)
            return chinese_sizes[i].pt;
    return -1;
}

/* A size: number of points or a Chinese size name. */
static void S_size(sctx *c, json_t *obj, const char *key, const char *path, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    char *p = bg_strprintf("%s.%s", path, key);
    double pt = -1;
    if (json_is_number(v))
        pt = json_number_value(v);
    else if (json_is_string(v))
        pt = bg_style_size_named(json_string_value(v));
    if (pt <= 0 || pt > 200)
        S_err(c, p, _("'%s' must be a size in points or a Chinese size name (初号 … 八号, 五号, 小四 …)"), key);
    else
        *out = pt;
    free(p);
}

static void S_number(sctx *c, json_t *obj, const char *key, const char *path, double lo,
                     double hi, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    if (!json_is_number(v) || json_number_value(v) < lo || json_number_value(v) > hi) {
        char *p = bg_strprintf("%s.%s", path, key);
        S_err(c, p, _("'%s' must be a number from %g to %g"), key, lo, hi);
        free(p);
        return;
    }
    *out = json_number_value(v);
}

static void S_string(sctx *c, json_t *obj, const char *key, const char *path, char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    if (json_is_null(v)) {
        free(*out);
        *out = NULL;
        return;
    }
    if (!json_is_string(v)) {
        char *p = bg_strprintf("%s.%s", path, key);
        S_err(c, p, _("'%s' must be a string"), key);
        free(p);
        return;
    }
    free(*out);
    *out = bg_xstrdup(json_string_value(v));
}

static void S_bool(sctx *c, json_t *obj, const char *key, const char *path, bool *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    if (!json_is_boolean(v)) {
        char *p = bg_strprintf("%s.%s", path, key);
        S_err(c, p, _("'%s' must be true or false"), key);
        free(p);
        return;
    }
    *out = json_is_true(v);
}

/* {"gray": g} | {"rgb": [r,g,b]} | {"cmyk": [c,m,y,k]}, components 0..1. */
static void S_color_value(sctx *c, json_t *v, const char *p, bg_color *out)
{
    bool ok = json_is_object(v) && json_object_size(v) == 1;
    if (ok) {
        json_t *g = json_object_get(v, "gray"), *rgb = json_object_get(v, "rgb"),
               *cmyk = json_object_get(v, "cmyk");
        if (g && json_is_number(g)) {
            *out = bg_gray(json_number_value(g));
        } else if ((rgb && json_is_array(rgb) && json_array_size(rgb) == 3) ||
                   (cmyk && json_is_array(cmyk) && json_array_size(cmyk) == 4)) {
            json_t *a = rgb ? rgb : cmyk;
            out->space = rgb ? BG_COLOR_RGB : BG_COLOR_CMYK;
            for (size_t i = 0; i < json_array_size(a); i++) {
                json_t *x = json_array_get(a, i);
                ok = ok && json_is_number(x);
                out->v[i] = json_number_value(x);
            }
        } else {
            ok = false;
        }
    }
    for (int i = 0; ok && i < 4; i++)
        ok = out->v[i] >= 0 && out->v[i] <= 1;
    if (!ok)
        S_err(c, p, _("a colour is {\"gray\": g}, {\"rgb\": [r, g, b]} or {\"cmyk\": [c, m, y, k]} with components from 0 to 1"));
}

static void S_color(sctx *c, json_t *obj, const char *key, const char *path, bg_color *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    char *p = bg_strprintf("%s.%s", path, key);
    S_color_value(c, v, p, out);
    free(p);
}

/* A CMYK print run gets the default chart colours in CMYK (the plain conversion, which
 * keeps their lightness); RGB colours the layout names itself are warned about. */
static void S_chart_cmyk(sctx *c, bg_style *s)
{
    if (!s->print_cmyk)
        return;
    for (size_t i = 0; i < s->chart_color_count; i++) {
        bg_color *col = &s->chart_colors[i];
        if (col->space != BG_COLOR_RGB)
            continue;
        if (s->chart_colors_given) {
            char *p = bg_strprintf("$.charts.colors[%zu]", i);
            S_warn(c, p, _("chart colour %zu is RGB but the layout prints CMYK (print.color); the printer will convert it"),
                   i + 1);
            free(p);
            continue;
        }
        double r = col->v[0], g = col->v[1], b = col->v[2];
        double k = 1 - fmax(r, fmax(g, b));
        double d = k < 1 ? 1 - k : 1;
        *col = (bg_color){BG_COLOR_CMYK, {(1 - r - k) / d, (1 - g - k) / d, (1 - b - k) / d, k}};
    }
}

/* charts: {"scale": "axis" | "values" | "both", "colors": [colour, ...]}. */
static void S_charts(sctx *c, json_t *o, const char *path, bg_style *s)
{
    char *scale = NULL;
    S_string(c, o, "scale", path, &scale);
    if (scale) {
        if (strcmp(scale, "both") == 0)
            s->chart_scale = BG_CHART_SCALE_BOTH;
        else if (strcmp(scale, "axis") == 0)
            s->chart_scale = BG_CHART_SCALE_AXIS;
        else if (strcmp(scale, "values") == 0)
            s->chart_scale = BG_CHART_SCALE_VALUES;
        else {
            char *p = bg_strprintf("%s.scale", path);
            S_err(c, p, _("chart scale must be \"axis\", \"values\" or \"both\""));
            free(p);
        }
    }
    free(scale);
    json_t *colors = json_object_get(o, "colors");
    if (!colors)
        return;
    s->chart_colors_given = true;
    char *p = bg_strprintf("%s.colors", path);
    if (!json_is_array(colors) || json_array_size(colors) == 0 || json_array_size(colors) > BG_CHART_MAX_COLORS) {
        S_err(c, p, _("chart colors must be an array of 1 to %d colours"), BG_CHART_MAX_COLORS);
    } else {
        s->chart_color_count = json_array_size(colors);
        for (size_t i = 0; i < s->chart_color_count; i++) {
            char *ip = bg_strprintf("%s[%zu]", p, i);
            S_color_value(c, json_array_get(colors, i), ip, &s->chart_colors[i]);
            free(ip);
        }
        /* Neighbours (series side by side, slices that touch, the last and the first)
         * must differ in greyscale. */
        size_t n = s->chart_color_count;
        for (size_t i = 0; n > 1 && i < (n > 2 ? n : 1); i++) {
            size_t j = (i + 1) % n;
            double d = fabs(bg_color_lightness(s->chart_colors[i]) - bg_color_lightness(s->chart_colors[j]));
            if (d < 0.1) {
                char *ip = bg_strprintf("%s[%zu]", p, j);
                S_warn(c, ip, _("chart colours %zu and %zu differ by only %.2f in lightness; a greyscale print will not tell them apart"),
                       i + 1, j + 1, d);
                free(ip);
            }
        }
    }
    free(p);
}

/* A running head or foot may hold {page}, {pages}, {chapter} and {title}; anything else
 * in braces would print literally, so it is an error at the key. */
static void S_placeholders(sctx *c, const char *text, const char *path)
{
    static const char *const known[] = {"{page}", "{pages}", "{chapter}", "{title}", NULL};
    for (const char *p = text ? strchr(text, '{') : NULL; p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        size_t n = end ? (size_t)(end - p + 1) : strlen(p);
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++)
            ok = end && strlen(*k) == n && strncmp(*k, p, n) == 0;
        if (ok)
            continue;
        char *word = bg_xstrndup(p, n);
        const char *near = bg_suggest(word, known, (size_t)-1);
        if (near)
            S_err(c, path, _("unknown placeholder '%s' in a running head or foot; did you mean '%s'?"),
                  word, near);
        else
            S_err(c, path, _("unknown placeholder '%s' in a running head or foot; use {page}, "
                             "{pages} (the page count), {chapter} (the level-1 title) or {title}"),
                  word);
        free(word);
    }
}

static void S_families_free(char **list)
{
    for (int i = 0; list[i]; i++) {
        free(list[i]);
        list[i] = NULL;
    }
}

/* A font list: a family name, or an array of them in order of preference (the first
 * installed wins); null empties a Latin list (may_be_null). */
static void S_families(sctx *c, json_t *obj, const char *key, const char *path, char **list, bool *given,
                       bool may_be_null)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    char *p = bg_strprintf("%s.%s", path, key);
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    bool ok = (json_is_string(v) && *json_string_value(v)) || (json_is_null(v) && may_be_null) ||
              (json_is_array(v) && n >= 1 && n <= BG_MAX_FAMILIES);
    for (size_t i = 0; ok && json_is_array(v) && i < n; i++)
        ok = json_is_string(json_array_get(v, i)) && *json_string_value(json_array_get(v, i));
    if (!ok) {
        S_err(c, p, _("'%s' must be a font family or a list of 1 to %d families in order of preference"), key,
              BG_MAX_FAMILIES);
        free(p);
        return;
    }
    S_families_free(list);
    if (json_is_string(v))
        list[0] = bg_xstrdup(json_string_value(v));
    for (size_t i = 0; json_is_array(v) && i < n; i++)
        list[i] = bg_xstrdup(json_string_value(json_array_get(v, i)));
    *given = true;
    free(p);
}

static void S_families_copy(char **to, char *const *from)
{
    S_families_free(to);
    for (int i = 0; from[i]; i++)
        to[i] = bg_xstrdup(from[i]);
}

static void S_defaults(bg_style *s)
{
    s->page_width = 210 * MM;
    s->page_height = 297 * MM;
    s->margin_top = 30 * MM;
    s->margin_bottom = 28 * MM;
    s->margin_inner = 28 * MM;
    s->margin_outer = 25 * MM;
    s->font_family[BG_ROLE_BODY][0] = bg_xstrdup("Noto Serif CJK SC");
    s->font_family[BG_ROLE_HEADING][0] = bg_xstrdup("Noto Sans CJK SC");
    s->font_dir = bg_data_path("fonts");
    s->body_size = 10.5;
    s->leading = 10.5 * 1.75;
    s->indent = 2;
    s->small_size = 9;
    s->cover_title_size = 26;
    s->cover_subtitle_size = 18;
    s->caption_size = 10.5;
    s->heading_count = 3;
    static const char *numbering[] = {"{1}", "{1}.{2}", "{1}.{2}.{3}", "{1}.{2}.{3}.{4}",
                                      "{1}.{2}.{3}.{4}.{5}", "{1}.{2}.{3}.{4}.{5}.{6}"};
    static const double sizes[] = {16, 14, 12, 10.5, 10.5, 10.5};
    for (int i = 0; i < BG_MAX_LEVELS; i++) {
        bg_heading_style *h = &s->headings[i];
        h->numbering = bg_xstrdup(numbering[i]);
        h->size = sizes[i];
        h->font = BG_ROLE_HEADING;
        h->bold = i == 0;
        h->space_before = i == 0 ? 18 : 9;
        h->space_after = i == 0 ? 9 : 4;
        h->align = BG_ALIGN_LEFT;
    }
    s->caption_table = bg_xstrdup("表 {n}");
    s->caption_table_cont = bg_xstrdup("续表 {n}");
    s->caption_figure = bg_xstrdup("图 {n}");
    s->caption_case = bg_xstrdup("案例 {n}");
    s->caption_case_cont = bg_xstrdup("案例 {n}（续）");
    s->figure_min_scale = 0.8;
    s->space_stretch = 1.0;
    s->space_shrink = 0.25;
    s->footer_text = bg_xstrdup("{page}");
    s->header_text = bg_xstrdup("{title}");
    s->header_size = 9;
    s->footer_size = 9;
    s->footer_below = -1;
    s->toc_levels = 2;
    s->case_frame = bg_gray(0.45);
    s->case_fill = bg_gray(0.95);
    /* Chart colours ordered so that neighbours differ in lightness by at least 0.25 and all
     * six by at least 0.1 (luminance 0.23, 0.65, 0.34, 0.76, 0.50, 0.89): a greyscale
     * print still tells the series apart. */
    static const bg_color palette[] = {
        {BG_COLOR_RGB, {0.10, 0.25, 0.45, 0}}, {BG_COLOR_RGB, {0.95, 0.58, 0.20, 0}},
        {BG_COLOR_RGB, {0.70, 0.20, 0.15, 0}}, {BG_COLOR_RGB, {0.62, 0.80, 0.92, 0}},
        {BG_COLOR_RGB, {0.25, 0.62, 0.50, 0}}, {BG_COLOR_RGB, {0.98, 0.90, 0.60, 0}},
    };
    s->chart_color_count = sizeof palette / sizeof palette[0];
    memcpy(s->chart_colors, palette, sizeof palette);
    s->chart_scale = BG_CHART_SCALE_BOTH;
    s->rule_color = bg_gray(0);
    s->typo = bg_typo_default();
}

static void S_load(sctx *c, json_t *root, bg_style *s)
{
    static const char *const top[] = {"$schema", "page", "print", "fonts", "body", "headings", "captions",
                                      "header", "footer", "toc", "footnotes", "case",
                                      "charts", "typography", "chapters", "small_size", "figures", "spacing", "cover", NULL};
    S_keys(c, root, "$", top);
    char *p;
    json_t *o;

    static const char *const page_keys[] = {"size", "width", "height", "margins", NULL};
    if ((o = S_obj(c, root, "page", "$", page_keys, &p))) {
        json_t *size = json_object_get(o, "size");
        if (size) {
            if (json_is_string(size) && strcmp(json_string_value(size), "A4") == 0)
                s->page_width = 210 * MM, s->page_height = 297 * MM;
            else if (json_is_string(size) && strcmp(json_string_value(size), "A5") == 0)
                s->page_width = 148 * MM, s->page_height = 210 * MM;
            else if (json_is_string(size) && strcmp(json_string_value(size), "B5") == 0)
                s->page_width = 176 * MM, s->page_height = 250 * MM;
            else {
                char *sp = bg_strprintf("%s.size", p);
                S_err(c, sp, _("page size must be A4, A5 or B5 (or give width and height in mm)"));
                free(sp);
            }
        }
        double w = s->page_width / MM, h = s->page_height / MM;
        S_number(c, o, "width", p, 50, 1000, &w);
        S_number(c, o, "height", p, 50, 1000, &h);
        s->page_width = w * MM, s->page_height = h * MM;
        static const char *const mkeys[] = {"top", "bottom", "inner", "outer", NULL};
        char *mp;
        json_t *m = S_obj(c, o, "margins", p, mkeys, &mp);
        if (m) {
            double t = s->margin_top / MM, b = s->margin_bottom / MM, in = s->margin_inner / MM,
                   out = s->margin_outer / MM;
            S_number(c, m, "top", mp, 0, 200, &t);
            S_number(c, m, "bottom", mp, 0, 200, &b);
            S_number(c, m, "inner", mp, 0, 200, &in);
            S_number(c, m, "outer", mp, 0, 200, &out);
            s->margin_top = t * MM, s->margin_bottom = b * MM;
            s->margin_inner = in * MM, s->margin_outer = out * MM;
        }
        free(mp);
    }
    free(p);

    static const char *const font_keys[] = {"body", "heading", "title", "accent", "latin", "heading_latin",
                                            "title_latin", "accent_latin", "latin_scale", "dir", NULL};
    if ((o = S_obj(c, root, "fonts", "$", font_keys, &p))) {
        static const char *const roles[BG_ROLE_COUNT] = {"body", "heading", "title", "accent"};
        static const char *const latins[BG_ROLE_COUNT] = {"latin", "heading_latin", "title_latin", "accent_latin"};
        for (int r = 0; r < BG_ROLE_COUNT; r++) {
            S_families(c, o, roles[r], p, s->font_family[r], &s->family_given[r], false);
            S_families(c, o, latins[r], p, s->latin_family[r], &s->latin_given[r], true);
        }
        json_t *scale = json_object_get(o, "latin_scale");
        if (scale && (!json_is_number(scale) || json_number_value(scale) < 0.5 || json_number_value(scale) > 2)) {
            char *sp = bg_strprintf("%s.latin_scale", p);
            S_err(c, sp, _("'latin_scale' must be a number from 0.5 to 2"));
            free(sp);
        } else if (scale) {
            s->typo.latin_scale = json_number_value(scale);
        }
        char *dir = NULL;
        S_string(c, o, "dir", p, &dir);

        if (dir) {
            free(s->font_dir);
            s->font_dir = dir[0] == '/' ? dir : bg_data_path(dir);
            if (dir[0] != '/')
                free(dir);
        }
    }
    free(p);

    static const char *const body_keys[] = {"size", "line_height", "indent", "paragraph_space", NULL};
    double line_height = s->leading / s->body_size;
    if ((o = S_obj(c, root, "body", "$", body_keys, &p))) {
        S_size(c, o, "size", p, &s->body_size);
        S_number(c, o, "line_height", p, 1, 4, &line_height);
        S_number(c, o, "indent", p, 0, 10, &s->indent);
        S_number(c, o, "paragraph_space", p, 0, 100, &s->paragraph_space);
    }
    s->leading = line_height * s->body_size;
    free(p);
    S_size(c, root, "small_size", "$", &s->small_size);

    json_t *hs = json_object_get(root, "headings");
    if (hs) {
        if (!json_is_array(hs) || json_array_size(hs) == 0 || json_array_size(hs) > BG_MAX_LEVELS) {
            S_err(c, "$.headings", _("'headings' must be an array of 1 to %d level styles"), BG_MAX_LEVELS);
        } else {
            s->heading_count = (int)json_array_size(hs);
            for (size_t i = 0; i < json_array_size(hs); i++) {
                json_t *h = json_array_get(hs, i);
                char *hp = bg_strprintf("$.headings[%zu]", i);
                static const char *const hkeys[] = {"size", "font", "bold", "numbering", "ref", "indent",
                                                    "space_before", "space_after", "align", NULL};
                bg_heading_style *hd = &s->headings[i];
                if (!json_is_object(h)) {
                    S_err(c, hp, _("a heading style must be an object"));
                    free(hp);
                    continue;
                }
                S_keys(c, h, hp, hkeys);
                S_size(c, h, "size", hp, &hd->size);
                S_bool(c, h, "bold", hp, &hd->bold);
                S_string(c, h, "numbering", hp, &hd->numbering);
                S_string(c, h, "ref", hp, &hd->ref);
                S_number(c, h, "indent", hp, 0, 10, &hd->indent);
                S_number(c, h, "space_before", hp, 0, 200, &hd->space_before);
                S_number(c, h, "space_after", hp, 0, 200, &hd->space_after);
                char *font = NULL, *align = NULL;
                S_string(c, h, "font", hp, &font);
                if (font) {
                    if (strcmp(font, "body") == 0)
                        hd->font = BG_ROLE_BODY;
                    else if (strcmp(font, "heading") == 0)
                        hd->font = BG_ROLE_HEADING;
                    else if (strcmp(font, "title") == 0)
                        hd->font = BG_ROLE_TITLE;
                    else if (strcmp(font, "accent") == 0)
                        hd->font = BG_ROLE_ACCENT;
                    else {
                        char *fp = bg_strprintf("%s.font", hp);
                        S_err(c, fp, _("font must be \"body\", \"heading\", \"title\" or \"accent\""));
                        free(fp);
                    }
                }
                S_string(c, h, "align", hp, &align);
                if (align) {
                    if (strcmp(align, "left") == 0)
                        hd->align = BG_ALIGN_LEFT;
                    else if (strcmp(align, "center") == 0)
                        hd->align = BG_ALIGN_CENTER;
                    else {
                        char *ap = bg_strprintf("%s.align", hp);
                        S_err(c, ap, _("align must be \"left\" or \"center\""));
                        free(ap);
                    }
                }
                free(font);
                free(align);
                free(hp);
            }
            /* Levels the layout leaves out look like its last one, numbered by default. */
            for (int i = s->heading_count; i < BG_MAX_LEVELS; i++) {
                char *numbering = s->headings[i].numbering, *ref = s->headings[i].ref;
                s->headings[i] = s->headings[s->heading_count - 1];
                s->headings[i].numbering = numbering;
                s->headings[i].ref = ref;
            }
        }
    }

    static const char *const cap_keys[] = {"table", "figure", "case", "continued", "case_continued", "size", NULL};
    if ((o = S_obj(c, root, "captions", "$", cap_keys, &p))) {
        S_string(c, o, "table", p, &s->caption_table);
        S_string(c, o, "figure", p, &s->caption_figure);
        S_string(c, o, "case", p, &s->caption_case);
        S_string(c, o, "continued", p, &s->caption_table_cont);
        S_string(c, o, "case_continued", p, &s->caption_case_cont);
        S_size(c, o, "size", p, &s->caption_size);
    }
    free(p);

    static const char *const cover_keys[] = {"title_size", "subtitle_size", NULL};
    if ((o = S_obj(c, root, "cover", "$", cover_keys, &p))) {
        S_size(c, o, "title_size", p, &s->cover_title_size);
        S_size(c, o, "subtitle_size", p, &s->cover_subtitle_size);
    }
    free(p);

    static const char *const fig_keys[] = {"min_scale", NULL};
    if ((o = S_obj(c, root, "figures", "$", fig_keys, &p)))
        S_number(c, o, "min_scale", p, 0.1, 1, &s->figure_min_scale);
    free(p);

    static const char *const space_keys[] = {"stretch", "shrink", NULL};
    if ((o = S_obj(c, root, "spacing", "$", space_keys, &p))) {
        S_number(c, o, "stretch", p, 0, 2, &s->space_stretch);
        S_number(c, o, "shrink", p, 0, 0.5, &s->space_shrink);
    }
    free(p);

    static const char *const hf_keys[] = {"text", "size", NULL};
    if ((o = S_obj(c, root, "header", "$", hf_keys, &p))) {
        S_string(c, o, "text", p, &s->header_text);
        S_placeholders(c, s->header_text, "$.header.text");
        S_size(c, o, "size", p, &s->header_size);
    }
    free(p);
    static const char *const foot_keys[] = {"text", "size", "align", "inset", "below", NULL};
    if ((o = S_obj(c, root, "footer", "$", foot_keys, &p))) {
        S_string(c, o, "text", p, &s->footer_text);
        S_placeholders(c, s->footer_text, "$.footer.text");
        S_size(c, o, "size", p, &s->footer_size);
        char *align = NULL;
        S_string(c, o, "align", p, &align);
        if (align) {
            if (strcmp(align, "center") == 0 || strcmp(align, "outside") == 0)
                s->footer_outside = strcmp(align, "outside") == 0;
            else {
                char *ap = bg_strprintf("%s.align", p);
                S_err(c, ap, _("a footer's align must be \"center\" or \"outside\""));
                free(ap);
            }
        }
        free(align);
        S_number(c, o, "inset", p, 0, 10, &s->footer_inset);
        double below = -1;
        S_number(c, o, "below", p, 0, 50, &below);
        s->footer_below = below >= 0 ? below * MM : -1;
    }
    free(p);

    static const char *const toc_keys[] = {"levels", NULL};
    if ((o = S_obj(c, root, "toc", "$", toc_keys, &p))) {
        double levels = s->toc_levels;
        S_number(c, o, "levels", p, 1, BG_MAX_LEVELS, &levels);
        s->toc_levels = (int)levels;
    }
    free(p);

    static const char *const fn_keys[] = {"numbering", "style", NULL};
    if ((o = S_obj(c, root, "footnotes", "$", fn_keys, &p))) {
        char *numbering = NULL, *style = NULL;
        S_string(c, o, "numbering", p, &numbering);
        S_string(c, o, "style", p, &style);
        if (style) {
            if (strcmp(style, "circled") == 0)
                s->footnotes_circled = s->footnotes_per_page = true; /* CY/T 121-2015 */
            else if (strcmp(style, "decimal") != 0) {
                char *sp = bg_strprintf("%s.style", p);
                S_err(c, sp, _("footnote style must be \"decimal\" or \"circled\""));
                free(sp);
            }
            free(style);
        }
        if (numbering) {
            if (strcmp(numbering, "page") == 0)
                s->footnotes_per_page = true;
            else if (strcmp(numbering, "document") == 0)
                s->footnotes_per_page = false;
            else {
                char *np = bg_strprintf("%s.numbering", p);
                S_err(c, np, _("footnote numbering must be \"document\" or \"page\""));
                free(np);
            }
            free(numbering);
        }
    }
    free(p);

    static const char *const print_keys[] = {"bleed", "color", NULL};
    if ((o = S_obj(c, root, "print", "$", print_keys, &p))) {
        double bleed = 0;
        S_number(c, o, "bleed", p, 0, 20, &bleed);
        s->bleed = bleed * MM;
        char *color = NULL;
        S_string(c, o, "color", p, &color);
        if (color && strcmp(color, "cmyk") == 0)
            s->print_cmyk = true;
        else if (color && strcmp(color, "rgb") != 0) {
            char *cp = bg_strprintf("%s.color", p);
            S_err(c, cp, _("print color must be \"rgb\" or \"cmyk\""));
            free(cp);
        }
        free(color);
    }
    free(p);

    static const char *const ch_keys[] = {"open", "recto", NULL};
    if ((o = S_obj(c, root, "chapters", "$", ch_keys, &p))) {
        bool recto = false;
        S_bool(c, o, "recto", p, &recto); /* the older spelling of "open": "recto" */
        if (recto)
            s->chapter_open = BG_CHAPTER_RECTO;
        char *open = NULL;
        S_string(c, o, "open", p, &open);
        if (open) {
            if (strcmp(open, "any") == 0)
                s->chapter_open = BG_CHAPTER_ANY;
            else if (strcmp(open, "page") == 0)
                s->chapter_open = BG_CHAPTER_PAGE;
            else if (strcmp(open, "recto") == 0)
                s->chapter_open = BG_CHAPTER_RECTO;
            else {
                char *cp = bg_strprintf("%s.open", p);
                S_err(c, cp, _("chapters open must be \"any\", \"page\" or \"recto\""));
                free(cp);
            }
        }
        free(open);
    }
    free(p);

    static const char *const chart_keys[] = {"scale", "colors", NULL};
    if ((o = S_obj(c, root, "charts", "$", chart_keys, &p)))
        S_charts(c, o, p, s);
    free(p);

    static const char *const case_keys[] = {"frame", "fill", NULL};
    if ((o = S_obj(c, root, "case", "$", case_keys, &p))) {
        S_color(c, o, "frame", p, &s->case_frame);
        S_color(c, o, "fill", p, &s->case_fill);
    }
    free(p);

    static const char *const ty_keys[] = {"punctuation", "line_break", "line_end_adjust",
                                          "han_latin_space", "grid", "min_last_line", NULL};
    if ((o = S_obj(c, root, "typography", "$", ty_keys, &p))) {
        char *punct = NULL, *lb = NULL;
        S_string(c, o, "punctuation", p, &punct);
        if (punct) {
            if (strcmp(punct, "quanjiao") == 0)
                s->typo.punct = BG_PUNCT_QUANJIAO;
            else if (strcmp(punct, "kaiming") == 0)
                s->typo.punct = BG_PUNCT_KAIMING;
            else if (strcmp(punct, "banjiao") == 0)
                s->typo.punct = BG_PUNCT_BANJIAO;
            else {
                char *pp = bg_strprintf("%s.punctuation", p);
                S_err(c, pp, _("punctuation must be quanjiao, kaiming or banjiao"));
                free(pp);
            }
        }
        S_string(c, o, "line_break", p, &lb);
        if (lb) {
            if (strcmp(lb, "strict") == 0)
                s->typo.strictness = BG_LB_STRICT;
            else if (strcmp(lb, "normal") == 0)
                s->typo.strictness = BG_LB_NORMAL;
            else if (strcmp(lb, "loose") == 0)
                s->typo.strictness = BG_LB_LOOSE;
            else {
                char *lp = bg_strprintf("%s.line_break", p);
                S_err(c, lp, _("line_break must be strict, normal or loose"));
                free(lp);
            }
        }
        free(punct);
        free(lb);
        S_bool(c, o, "line_end_adjust", p, &s->typo.line_end_adjust);
        S_number(c, o, "han_latin_space", p, 0, 1, &s->typo.han_latin_gap);
        double min_last = s->typo.min_last;
        S_number(c, o, "min_last_line", p, 1, 10, &min_last);
        s->typo.min_last = (int)min_last;
        static const char *const grid_keys[] = {"lines", "chars", "line_end", NULL};
        char *gp;
        json_t *g = S_obj(c, o, "grid", p, grid_keys, &gp);
        if (g) {
            double lines = 0, chars = 0;
            S_number(c, g, "lines", gp, 1, 100, &lines);
            S_number(c, g, "chars", gp, 1, 100, &chars);
            s->grid_lines = (int)lines;
            s->typo.grid_chars = (int)chars;
            if (!lines || !chars)
                S_err(c, gp, _("a grid needs both \"lines\" and \"chars\""));
            char *le = NULL;
            S_string(c, g, "line_end", gp, &le);
            if (le) {
                if (strcmp(le, "hang") == 0 || strcmp(le, "push") == 0)
                    s->typo.grid_hang = strcmp(le, "hang") == 0;
                else {
                    char *lp = bg_strprintf("%s.line_end", gp);
                    S_err(c, lp, _("line_end must be hang or push"));
                    free(lp);
                }
            }
            free(le);
        }
        free(gp);
    }
    free(p);
}

static char *S_read(const char *path, size_t *len)
{
    bg_buf b;
    bg_buf_init(&b);
    if (bg_buf_read_file_max(&b, path, BG_MAX_LAYOUT_BYTES) != 0) {
        int saved = errno;
        bg_buf_free(&b);
        errno = saved;
        return NULL;
    }
    *len = b.len;
    return bg_buf_take(&b);
}

/* The layout as a whole: the margins must leave a text block that holds at least
 * MIN_BLOCK characters by MIN_BLOCK lines of body text, or nothing can be set in it. */
#define MIN_BLOCK 10
static void S_validate(sctx *c, json_t *root, bg_style *s)
{
    json_t *page = json_object_get(root, "page");
    const char *path = !page ? "$" : json_object_get(page, "margins") ? "$.page.margins" : "$.page";
    double w = s->page_width - s->margin_inner - s->margin_outer;
    double h = s->page_height - s->margin_top - s->margin_bottom;
    double leading = s->grid_lines > 0 ? h / s->grid_lines : s->leading;
    if (w < MIN_BLOCK * s->body_size || h < MIN_BLOCK * leading || h <= 0)
        S_err(c, path,
              _("the margins leave a text block of %.1f × %.1f mm on a %.0f × %.0f mm page; it must hold at "
                "least %d characters by %d lines of body text (%.1f × %.1f mm)"),
              w / MM, h / MM, s->page_width / MM, s->page_height / MM, MIN_BLOCK, MIN_BLOCK,
              MIN_BLOCK * s->body_size / MM, MIN_BLOCK * leading / MM);
    else if (s->grid_lines > 0 && leading < s->body_size)
        S_err(c, "$.typography.grid.lines",
              _("a grid of %d lines gives a leading of %.1f pt, less than the body size %.1f pt"), s->grid_lines,
              leading, s->body_size);
}

bg_style *bg_style_load(const char *path, bg_diags *diags)
{
    sctx c = {.file = path, .diags = diags};
    c.text = S_read(path, &c.len);
    if (!c.text) {
        bg_error(diags, (bg_loc){.file = path}, _("cannot read the layout file: %s"), strerror(errno));
        return NULL;
    }
    int bom = bg_encoding_check_json(path, c.text, c.len, diags);
    if (bom < 0) {
        free(c.text);
        return NULL;
    }
    json_error_t err;
    json_t *root = json_loadb(c.text + bom, c.len - (size_t)bom, JSON_REJECT_DUPLICATES, &err);
    bg_style *s = bg_xcalloc(1, sizeof *s);
    s->file = bg_xstrdup(path);
    S_defaults(s);
    if (!root) {
        bg_json_syntax_error(path, c.text + bom, c.len - (size_t)bom, &err, diags);
        c.errors++;
    } else if (!json_is_object(root)) {
        S_err(&c, "$", _("a layout must be a JSON object"));
    } else if (json_object_get(root, "meta") || json_is_array(json_object_get(root, "body"))) {
        /* A report given with -l: one error, not one per report key. */
        S_err(&c, "$", _("this looks like a report, not a layout (it has \"meta\" or \"body\" blocks)"));
        bg_diag_hint(diags, _("give the report first and the layout with -l: baogao build %s -l LAYOUT.json"),
                     path);
    } else {
        S_load(&c, root, s);
        if (!c.errors)
            S_validate(&c, root, s);
    }
    json_decref(root);
    bg_jsonpos_free(c.positions);
    free(c.text);
    if (s->grid_lines > 0) {
        /* A grid fixes the leading: the text block height divided into lines. */
        double block = s->page_height - s->margin_top - s->margin_bottom;
        s->leading = block / s->grid_lines;
    }
    if (s->typo.grid_chars > 0)
        s->typo.grid_cell = (s->page_width - s->margin_inner - s->margin_outer) / s->typo.grid_chars;
    /* A title or accent face the layout does not name is the heading's or the body's. */
    static const bg_font_role inherit[BG_ROLE_COUNT] = {BG_ROLE_BODY, BG_ROLE_HEADING, BG_ROLE_HEADING, BG_ROLE_BODY};
    for (int r = BG_ROLE_TITLE; r < BG_ROLE_COUNT; r++) {
        if (!s->family_given[r])
            S_families_copy(s->font_family[r], s->font_family[inherit[r]]);
        if (!s->latin_given[r])
            S_families_copy(s->latin_family[r], s->latin_family[inherit[r]]);
    }
    S_chart_cmyk(&c, s);
    if (c.errors) {
        bg_style_free(s);
        return NULL;
    }
    return s;
}

void bg_style_free(bg_style *s)
{
    if (!s)
        return;
    free(s->file);
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        S_families_free(s->font_family[r]);
        S_families_free(s->latin_family[r]);
    }
    free(s->font_dir);
    for (int i = 0; i < BG_MAX_LEVELS; i++) {
        free(s->headings[i].numbering);
        free(s->headings[i].ref);
    }
    free(s->caption_table);
    free(s->caption_table_cont);
    free(s->caption_case_cont);
    free(s->caption_figure);
    free(s->caption_case);
    free(s->header_text);
    free(s->footer_text);
    free(s);
}

static void S_cn_numeral(bg_buf *b, int n)
{
    static const char *digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) {
        bg_buf_printf(b, "%d", n);
        return;
    }
    if (n < 10) {
        bg_buf_puts(b, digits[n]);
        return;
    }
    if (n / 10 > 1)
        bg_buf_puts(b, digits[n / 10]);
    bg_buf_puts(b, "十");
    if (n % 10)
        bg_buf_puts(b, digits[n % 10]);
}

static void S_roman(bg_buf *b, int n)
{
    static const int vals[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *syms[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
    for (int i = 0; i < 13 && n > 0; i++)
        while (n >= vals[i]) {
            bg_buf_puts(b, syms[i]);
            n -= vals[i];
        }
}

char *bg_style_number(const char *format, const int *numbers, int level)
{
    bg_buf b;
    bg_buf_init(&b);
    for (const char *p = format; *p; p++) {
        if (*p == '{' && p[1] >= '1' && p[1] <= '6') {
            int k = p[1] - '1';
            const char *end = strchr(p, '}');
            if (end) {
                int n = k < level ? numbers[k] : 0;
                if (strncmp(p + 2, ":cn}", 4) == 0)
                    S_cn_numeral(&b, n);
                else if (strncmp(p + 2, ":roman}", 7) == 0)
                    S_roman(&b, n);
                else if (strncmp(p + 2, ":circled}", 9) == 0 && n >= 1 && n <= 20)
                    bg_buf_printf(&b, "\xE2\x91%c", (char)(0xA0 + n - 1)); /* ① U+2460 … ⑳ */
                else
                    bg_buf_printf(&b, "%d", n);
                p = end;
                continue;
            }
        }
        bg_buf_putc(&b, *p);
    }
    return bg_buf_take(&b);
}
