/* font.c: finding font faces through fontconfig (the project's fonts/ folder first) and
 * loading them into HarfBuzz (see font.h). */
#include "font.h"
#include "../base/i18n.h"
#include "punct.h"
#include "fontsum.h"
#include "../base/xalloc.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The process's one fontconfig configuration: loading it parses /etc/fonts and reads the
 * font cache (7.4 ms, and seconds when the cache cannot be written), so it is made once,
 * on first use, and freed by bg_font_config_free. It is our own, not fontconfig's global
 * one, so that freeing it leaves nothing behind. font_dirs lists the folders already added. */
static FcConfig *S_shared;
static char **S_dirs;
static size_t S_dir_count;
/* A font folder fontconfig had no cache for after setting up (so it read every font in
 * it, and could not write the cache it made), and the set-up's milliseconds: said once
 * per process in a warning (S_cache_warning). */
static char *S_uncached;
static double S_setup_ms;
static bool S_cache_warned;

static double S_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* After the set-up: the first existing font folder without a valid cache (FcDirCacheLoad
 * maps the cache file fontconfig just used or wrote; 0.1 ms for the usual 8 folders). */
static void S_find_uncached(FcConfig *config)
{
    FcStrList *dirs = FcConfigGetFontDirs(config);
    FcChar8 *dir;
    while (dirs && !S_uncached && (dir = FcStrListNext(dirs))) {
        struct stat st;
        if (stat((const char *)dir, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        FcCache *cache = FcDirCacheLoad(dir, config, NULL);
        if (cache)
            FcDirCacheUnload(cache);
        else
            S_uncached = bg_xstrdup((const char *)dir);
    }
    if (dirs)
        FcStrListDone(dirs);
}

static void S_cache_warning(bg_diags *diags)
{
    if (!S_uncached || S_cache_warned)
        return;
    S_cache_warned = true;
    bg_warning(diags, (bg_loc){0},
               _("fontconfig cannot keep a font cache for %s: every run reads all its fonts again (%.0f ms this time)"),
               S_uncached, S_setup_ms);
    bg_diag_hint(diags, _("run `fc-cache -f` (as root for the system fonts), or make the cache folder writable: "
                          "$XDG_CACHE_HOME/fontconfig or ~/.cache/fontconfig"));
}

/* The shared configuration with dir (if any) added as application fonts, which S_match
 * searches before the system fonts; NULL when fontconfig cannot be set up. */
static FcConfig *S_config(const char *font_dir)
{
    if (!S_shared) {
        double t0 = S_now_ms();
        S_shared = FcInitLoadConfigAndFonts();
        S_setup_ms = S_now_ms() - t0;
        if (S_shared)
            S_find_uncached(S_shared);
    }
    if (!S_shared || !font_dir)
        return S_shared;
    for (size_t i = 0; i < S_dir_count; i++)
        if (strcmp(S_dirs[i], font_dir) == 0)
            return S_shared;
    FcConfigAppFontAddDir(S_shared, (const FcChar8 *)font_dir);
    S_dirs = bg_xrealloc(S_dirs, (S_dir_count + 1) * sizeof *S_dirs);
    S_dirs[S_dir_count++] = bg_xstrdup(font_dir);
    return S_shared;
}

void bg_font_add_dir(const char *dir)
{
    struct stat st;
    if (dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        S_config(dir);
}

/* Faces already loaded in this process, kept with a reference, so that the rebuilds of
 * `baogao watch` load no font again (a face found is the same face for the process's life:
 * fontconfig's configuration is not reloaded either). */
typedef struct S_loaded {
    char *family, *style, *font_dir; /* font_dir may be NULL */
    bg_font *font;
    bool fallback; /* the family's Regular face stands in for style (warned again) */
} S_loaded;
static S_loaded *S_faces;
static size_t S_face_count, S_face_cap;

static void S_fallback_warning(bg_diags *diags, const char *family, const char *style, bool synthetic)
{
    bg_warning(diags, (bg_loc){0}, _("font '%s' has no %s face; using its Regular face%s"), family, style,
               synthetic ? _(" with a synthetic bold stroke") : "");
}

static bg_font *S_face_find(const char *family, const char *style, const char *font_dir, bg_diags *diags)
{
    for (size_t i = 0; i < S_face_count; i++) {
        const S_loaded *l = &S_faces[i];
        if (strcmp(l->family, family) == 0 && strcmp(l->style, style) == 0 &&
            (l->font_dir ? font_dir && strcmp(l->font_dir, font_dir) == 0 : !font_dir)) {
            if (l->fallback)
                S_fallback_warning(diags, family, style, l->font->synthetic_bold);
            return bg_font_keep(l->font);
        }
    }
    return NULL;
}

static void S_face_add(const char *family, const char *style, const char *font_dir, bg_font *font,
                       bool fallback)
{
    BG_GROW(S_faces, S_face_cap, S_face_count + 1);
    S_faces[S_face_count++] = (S_loaded){bg_xstrdup(family), bg_xstrdup(style),
                                         font_dir ? bg_xstrdup(font_dir) : NULL, bg_font_keep(font), fallback};
}

void bg_font_config_free(void)
{
    for (size_t i = 0; i < S_face_count; i++) {
        free(S_faces[i].family);
        free(S_faces[i].style);
        free(S_faces[i].font_dir);
        bg_font_drop(S_faces[i].font);
    }
    free(S_faces);
    S_faces = NULL;
    S_face_count = S_face_cap = 0;
    if (S_shared)
        FcConfigDestroy(S_shared);
    S_shared = NULL;
    free(S_uncached);
    S_uncached = NULL;
    S_cache_warned = false;
    for (size_t i = 0; i < S_dir_count; i++)
        free(S_dirs[i]);
    free(S_dirs);
    S_dirs = NULL;
    S_dir_count = 0;
}

/* Looks for an exact family + style; on success sets *file and *index. App fonts (the
 * fonts/ folder) are searched first so they win over system faces of the same name. */
static bool S_match(FcConfig *config, const char *family, const char *style, char **file,
                    unsigned *index)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, NULL);
    bool found = false;
    FcSetName sets[2] = {FcSetApplication, FcSetSystem};
    for (int s = 0; s < 2 && !found; s++) {
        FcFontSet *fs = FcConfigGetFonts(config, sets[s]);
        if (!fs)
            continue;
        FcFontSet *list[1] = {fs};
        FcFontSet *hits = FcFontSetList(config, list, 1, pat, os);
        if (!hits)
            continue;
        /* Deterministic choice: a face whose own style name is style (LXGW WenKai Light
         * also calls itself "Regular", as a second name) before one that only lists it,
         * then the smallest (file, index) among the hits. */
        bool best_primary = false;
        for (int i = 0; i < hits->nfont; i++) {
            FcChar8 *f = NULL, *first_style = NULL;
            int idx = 0;
            if (FcPatternGetString(hits->fonts[i], FC_FILE, 0, &f) != FcResultMatch)
                continue;
            FcPatternGetInteger(hits->fonts[i], FC_INDEX, 0, &idx);
            bool primary = FcPatternGetString(hits->fonts[i], FC_STYLE, 0, &first_style) == FcResultMatch &&
                           strcmp((const char *)first_style, style) == 0;
            if (found && best_primary && !primary)
                continue;
            if (!found || (primary && !best_primary) || strcmp((const char *)f, *file) < 0 ||
                (strcmp((const char *)f, *file) == 0 && (unsigned)idx < *index)) {
                best_primary = primary;
                free(*file);
                *file = bg_xstrdup((const char *)f);
                *index = (unsigned)idx;
                found = true;
            }
        }
        FcFontSetDestroy(hits);
    }
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

static bg_font *S_load(const char *family, const char *style, const char *file, unsigned index,
                       bg_diags *diags)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    if (!blob) {
        bg_error(diags, (bg_loc){.file = file}, _("cannot read font file for '%s %s'"), family, style);
        return NULL;
    }
    bg_font *f = bg_xcalloc(1, sizeof *f);
    f->refcount = 1;
    f->family = bg_xstrdup(family);
    f->style = bg_xstrdup(style);
    f->file = bg_xstrdup(file);
    f->index = index;
    f->blob = blob;
    f->face = hb_face_create(blob, index);
    f->upem = hb_face_get_upem(f->face);
    f->hb = hb_font_create(f->face);
    hb_font_set_scale(f->hb, (int)f->upem, (int)f->upem);
    f->pdf_slot = -1;

    unsigned int len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    f->digest = bg_font_digest_start(file, data, len, f->sha256);

    hb_blob_t *cff = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
    f->is_cff = hb_blob_get_length(cff) > 0;
    hb_blob_destroy(cff);

    char ps[256];
    unsigned int ps_len = sizeof ps;
    if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &ps_len,
                            ps) > 0)
        f->postscript_name = bg_xstrdup(ps);
    else
        f->postscript_name = bg_strprintf("%s-%s", family, style);
    /* PostScript names must not hold spaces. */
    for (char *p = f->postscript_name; *p; p++)
        if (*p == ' ')
            *p = '-';

    hb_font_extents_t ext;
    hb_font_get_h_extents(f->hb, &ext);
    f->ascender = (double)ext.ascender / f->upem;
    f->descender = (double)ext.descender / f->upem;
    return f;
}

bg_font *bg_font_find(const char *family, const char *style, const char *font_dir, bg_diags *diags)
{
    bg_font *known = S_face_find(family, style, font_dir, diags);
    if (known)
        return known;
    FcConfig *config = S_config(font_dir);
    if (!config) {
        bg_error(diags, (bg_loc){0}, _("fontconfig could not be initialised"));
        return NULL;
    }
    S_cache_warning(diags);
    char *file = NULL;
    unsigned index = 0;
    bool synthetic = false, fallback = false;
    if (!S_match(config, family, style, &file, &index)) {
        if (strcmp(style, "Regular") != 0 && S_match(config, family, "Regular", &file, &index)) {
            synthetic = strcmp(style, "Bold") == 0;
            fallback = true;
            S_fallback_warning(diags, family, style, synthetic);
        } else {
            bg_error(diags, (bg_loc){0}, _("font family '%s' (style %s) not found"), family, style);
            bg_diag_hint(diags, _("install it (Debian: fonts-noto-cjk for Noto CJK) or put its "
                                "files into the fonts/ folder"));
            return NULL;
        }
    }
    bg_font *f = S_load(family, style, file, index, diags);
    free(file);
    if (f) {
        f->synthetic_bold = synthetic;
        S_face_add(family, style, font_dir, f, fallback);
    }
    return f;
}

bg_font *bg_font_keep(bg_font *font)
{
    if (font)
        font->refcount++;
    return font;
}

const char *bg_font_sha256(const bg_font *font)
{
    bg_font_digest_wait(font->digest);
    return font->sha256;
}

void bg_font_drop(bg_font *f)
{
    if (!f || --f->refcount > 0)
        return;
    bg_font_digest_free(f->digest); /* before the file is unmapped */
    bg_punct_cache_free(f->punct);
    hb_font_destroy(f->hb);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->family);
    free(f->style);
    free(f->file);
    free(f->postscript_name);
    free(f);
}

unsigned bg_font_glyph(const bg_font *font, uint32_t cp)
{
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(font->hb, cp, &g))
        return 0;
    return g;
}

char *bg_font_installed(const char *psname)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_POSTSCRIPT_NAME, (const FcChar8 *)psname);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_POSTSCRIPT_NAME, NULL);
    FcConfig *config = S_config(NULL);
    FcFontSet *set = config ? FcFontList(config, pat, os) : NULL;
    char *file = NULL;
    FcChar8 *value;
    if (set && set->nfont > 0 && FcPatternGetString(set->fonts[0], FC_FILE, 0, &value) == FcResultMatch)
        file = bg_xstrdup((const char *)value);
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return file;
}

int bg_font_families_missing(const char *const *families, size_t n, const char *font_dir,
                             bool *missing)
{
    FcConfig *config = S_config(font_dir);
    if (!config)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *file = NULL;
        unsigned index = 0;
        /* bg_font_find falls back to the Regular face, so that is what must exist. */
        missing[i] = !S_match(config, families[i], "Regular", &file, &index);
        free(file);
    }
    return 0;
}
