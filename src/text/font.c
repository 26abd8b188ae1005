/* font.c: finding font faces through fontconfig (the project's fonts/ folder first) and
 * loading them into HarfBuzz (see font.h). */
#include "font.h"
#include "../base/i18n.h"
#include "punct.h"
#include "fontsum.h"
#include "../base/xalloc.h"
#include "../base/buf.h"
#include "../base/cache.h"
#include "../base/sha256.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <stdio.h>
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
static void S_known_clear(void); /* the families known to exist (below) */
/* S_match answered from what earlier runs found (below): 1 found, 0 not, -1 no fontconfig. */
static int S_match_known(const char *font_dir, const char *family, const char *style, char **file,
                         unsigned *index, bg_diags *diags);

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

/* Notes dir as an application font folder (searched before the system fonts): added to
 * the configuration now when there is one, else when it is made. */
static void S_note_dir(const char *dir)
{
    for (size_t i = 0; i < S_dir_count; i++)
        if (strcmp(S_dirs[i], dir) == 0)
            return;
    S_dirs = bg_xrealloc(S_dirs, (S_dir_count + 1) * sizeof *S_dirs);
    S_dirs[S_dir_count++] = bg_xstrdup(dir);
    if (S_shared)
        FcConfigAppFontAddDir(S_shared, (const FcChar8 *)dir);
}

/* The shared configuration with dir (if any) and the folders noted before it added as
 * application fonts, which S_match searches before the system fonts; NULL when
 * fontconfig cannot be set up. */
static FcConfig *S_config(const char *font_dir)
{
    if (font_dir)
        S_note_dir(font_dir);
    if (!S_shared) {
        double t0 = S_now_ms();
        S_shared = FcInitLoadConfigAndFonts();
        S_setup_ms = S_now_ms() - t0;
        if (S_shared) {
            S_find_uncached(S_shared);
            for (size_t i = 0; i < S_dir_count; i++)
                FcConfigAppFontAddDir(S_shared, (const FcChar8 *)S_dirs[i]);
        }
    }
    return S_shared;
}

/* Only notes the folder: `baogao check` may answer from the cache without fontconfig. */
void bg_font_add_dir(const char *dir)
{
    struct stat st;
    if (dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        S_note_dir(dir);
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

static const S_loaded *S_loaded_find(const char *family, const char *style, const char *font_dir)
{
    for (size_t i = 0; i < S_face_count; i++) {
        const S_loaded *l = &S_faces[i];
        if (strcmp(l->family, family) == 0 && strcmp(l->style, style) == 0 &&
            (l->font_dir ? font_dir && strcmp(l->font_dir, font_dir) == 0 : !font_dir))
            return l;
    }
    return NULL;
}

static bg_font *S_face_find(const char *family, const char *style, const char *font_dir, bg_diags *diags)
{
    const S_loaded *l = S_loaded_find(family, style, font_dir);
    if (l && l->fallback)
        S_fallback_warning(diags, family, style, l->font->synthetic_bold);
    return l ? bg_font_keep(l->font) : NULL;
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
    S_known_clear();
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
    f->digest_job = bg_font_digest_start(file, data, len, f->digest);

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
    char *file = NULL;
    unsigned index = 0;
    bool synthetic = false, fallback = false;
    int found = S_match_known(font_dir, family, style, &file, &index, diags);
    if (found == 0 && strcmp(style, "Regular") != 0) {
        int regular = S_match_known(font_dir, family, "Regular", &file, &index, diags);
        found = regular == 1 ? 2 : regular; /* 2: the Regular face stands in */
    }
    if (found < 0) {
        bg_error(diags, (bg_loc){0}, _("fontconfig could not be initialised"));
        return NULL;
    }
    if (found != 1) {
        if (found == 2) {
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
    if (font->digest_job) {
        /* The job belongs to the face, which is not const where it was made. */
        bg_font *f = (bg_font *)font;
        bg_font_digest_wait(f->digest_job);
        f->digest_job = NULL;
    }
    return font->digest;
}

void bg_font_drop(bg_font *f)
{
    if (!f || --f->refcount > 0)
        return;
    bg_font_digest_wait(f->digest_job);
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

/* Which families exist, remembered between runs ($XDG_CACHE_HOME/baogao/fonts/), so that
 * `baogao check` sets up no fontconfig (parsing /etc/fonts was 3.5 ms of its 10). An
 * entry is keyed by fontconfig's version, the environment it reads and the application
 * font folders; it lists every file and folder fontconfig read or would read (its
 * configuration files and their folders, the optional per-user ones, every font folder)
 * with what stat says of each, and is believed only while all of them are unchanged:
 * fontconfig itself notices new fonts by the same folder times. Lines: "P <stat>\t<path>"
 * ("-": absent), then "F <0 present | 1 missing>\t<family>", and the faces `build` looked
 * for, "M <1 found | 0 not> <face index>\t<style>\t<family>\t<file>", so that a warm
 * build sets up no fontconfig either (3.5 % of a 2023 build's instructions). */
static const char S_CHECK_MAGIC[8] = "BGFCK2\n";

typedef struct S_face_match {
    char *family, *style, *file; /* file NULL when not found */
    unsigned index;
} S_face_match;

typedef struct S_known {
    unsigned char key[32];
    bool valid;  /* key is the current one */
    bool loaded; /* the disk entry for key was read (or found absent or stale) */
    char **families;
    bool *missing;
    size_t count;
    S_face_match *matches;
    size_t match_count, match_cap;
} S_known;
static S_known S_check;

static void S_known_clear(void)
{
    for (size_t i = 0; i < S_check.count; i++)
        free(S_check.families[i]);
    free(S_check.families);
    free(S_check.missing);
    for (size_t i = 0; i < S_check.match_count; i++) {
        free(S_check.matches[i].family);
        free(S_check.matches[i].style);
        free(S_check.matches[i].file);
    }
    free(S_check.matches);
    memset(&S_check, 0, sizeof S_check);
}

static void S_check_key(unsigned char key[32])
{
    static const char *const env[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "XDG_CONFIG_HOME",
                                      "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"};
    bg_sha256 sha;
    bg_sha256_init(&sha);
    char head[64];
    int n = snprintf(head, sizeof head, "baogao-fontcheck-2 %d", FcGetVersion());
    bg_sha256_update(&sha, head, (size_t)n + 1);
    for (size_t i = 0; i < sizeof env / sizeof *env; i++) {
        const char *v = getenv(env[i]);
        bg_sha256_update(&sha, v ? "=" : "-", 1);
        if (v)
            bg_sha256_update(&sha, v, strlen(v) + 1);
    }
    for (size_t i = 0; i < S_dir_count; i++)
        bg_sha256_update(&sha, S_dirs[i], strlen(S_dirs[i]) + 1);
    bg_sha256_final(&sha, key);
}

static void S_stat_sig(const char *path, bg_buf *out)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        bg_buf_putc(out, '-');
        return;
    }
    bg_buf_printf(out, "%llu %llu %llu %o %lld.%09ld %lld.%09ld", (unsigned long long)st.st_dev,
                  (unsigned long long)st.st_ino, (unsigned long long)st.st_size, (unsigned)st.st_mode,
                  (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec,
                  st.st_ctim.tv_nsec);
}

static void S_watch_path(bg_buf *out, const char *path)
{
    if (strchr(path, '\n') || strchr(path, '\t'))
        return;
    bg_buf_puts(out, "P ");
    S_stat_sig(path, out);
    bg_buf_printf(out, "\t%s\n", path);
}

/* Every path of list, and the folder holding it (where a new file would appear). */
static void S_watch_list(bg_buf *out, FcStrList *list)
{
    FcChar8 *p;
    char *last = NULL; /* the folder watched last (files come by folder) */
    while (list && (p = FcStrListNext(list))) {
        const char *path = (const char *)p, *slash = strrchr(path, '/');
        S_watch_path(out, path);
        if (slash && slash != path) {
            char *parent = bg_strprintf("%.*s", (int)(slash - path), path);
            if (!last || strcmp(last, parent) != 0)
                S_watch_path(out, parent);
            free(last);
            last = parent;
        }
    }
    free(last);
    if (list)
        FcStrListDone(list);
}

/* Writes the entry for the current key: what fontconfig reads, then what is known. */
static void S_check_store(FcConfig *config)
{
    if (S_uncached)
        return; /* fontconfig keeps no cache of its own here: the next run warns again */
    bg_buf b;
    bg_buf_init(&b);
    S_watch_list(&b, FcConfigGetConfigFiles(config));
    S_watch_list(&b, FcConfigGetConfigDirs(config));
    S_watch_list(&b, FcConfigGetFontDirs(config));
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char *user = xdg && *xdg ? bg_strprintf("%s/fontconfig", xdg)
                 : home      ? bg_strprintf("%s/.config/fontconfig", home)
                             : NULL;
    if (user)
        S_watch_path(&b, user);
    free(user);
    if (home) {
        char *conf = bg_strprintf("%s/.fonts.conf", home), *conf_dir = bg_strprintf("%s/.fonts.conf.d", home);
        S_watch_path(&b, conf);
        S_watch_path(&b, conf_dir);
        free(conf);
        free(conf_dir);
    }
    for (size_t i = 0; i < S_dir_count; i++)
        S_watch_path(&b, S_dirs[i]);
    for (size_t i = 0; i < S_check.count; i++)
        if (!strchr(S_check.families[i], '\n'))
            bg_buf_printf(&b, "F %d\t%s\n", S_check.missing[i] ? 1 : 0, S_check.families[i]);
    for (size_t i = 0; i < S_check.match_count; i++) {
        const S_face_match *m = &S_check.matches[i];
        if (!strpbrk(m->family, "\t\n") && !strpbrk(m->style, "\t\n") && (!m->file || !strpbrk(m->file, "\t\n")))
            bg_buf_printf(&b, "M %d %u\t%s\t%s\t%s\n", m->file ? 1 : 0, m->index, m->style, m->family,
                          m->file ? m->file : "");
    }
    bg_cache_store("fonts", S_CHECK_MAGIC, S_check.key, b.data, b.len);
    bg_buf_free(&b);
}

static void S_known_add(const char *family, bool missing)
{
    S_check.families = bg_xrealloc(S_check.families, (S_check.count + 1) * sizeof *S_check.families);
    S_check.missing = bg_xrealloc(S_check.missing, (S_check.count + 1) * sizeof *S_check.missing);
    S_check.families[S_check.count] = bg_xstrdup(family);
    S_check.missing[S_check.count++] = missing;
}

static void S_match_add(const char *family, const char *style, const char *file, unsigned index)
{
    BG_GROW(S_check.matches, S_check.match_cap, S_check.match_count + 1);
    S_check.matches[S_check.match_count++] =
        (S_face_match){bg_xstrdup(family), bg_xstrdup(style), file ? bg_xstrdup(file) : NULL, index};
}

/* An "M" line after its "M ": "<found> <index>\t<style>\t<family>\t<file>"; 0 or -1. */
static int S_match_parse(char *rest)
{
    char *style = strchr(rest, '\t'), *family = style ? strchr(style + 1, '\t') : NULL;
    char *file = family ? strchr(family + 1, '\t') : NULL;
    if (!file || (rest[0] != '0' && rest[0] != '1') || rest[1] != ' ')
        return -1;
    *style++ = *family++ = *file++ = '\0';
    char *end;
    unsigned long index = strtoul(rest + 2, &end, 10);
    if (end == rest + 2 || *end || index > 0xffff || (rest[0] == '1') != (*file != '\0'))
        return -1;
    S_match_add(family, style, rest[0] == '1' ? file : NULL, (unsigned)index);
    return 0;
}

/* Reads the entry for the current key into S_check when every path in it is unchanged. */
static void S_check_load(void)
{
    S_check.loaded = true;
    bg_buf b, sig;
    bg_buf_init(&b);
    bg_buf_init(&sig);
    int rc = bg_cache_load("fonts", S_CHECK_MAGIC, S_check.key, &b);
    for (char *line = b.data; rc == 0 && line && *line;) {
        char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
        if (!end || !tab || tab > end || line[1] != ' ') {
            rc = -1;
            break;
        }
        *end = '\0';
        if (line[0] == 'M') {
            rc = S_match_parse(line + 2);
            line = end + 1;
            continue;
        }
        *tab = '\0';
        if (line[0] == 'P') {
            bg_buf_clear(&sig);
            S_stat_sig(tab + 1, &sig);
            if (strcmp(sig.data, line + 2) != 0)
                rc = -1;
        } else if (line[0] == 'F' && (line[2] == '0' || line[2] == '1') && line + 3 == tab) {
            S_known_add(tab + 1, line[2] == '1');
        } else {
            rc = -1;
        }
        line = end + 1;
    }
    if (rc != 0) {
        unsigned char key[32];
        memcpy(key, S_check.key, sizeof key);
        S_known_clear();
        memcpy(S_check.key, key, sizeof key);
        S_check.valid = S_check.loaded = true;
    }
    bg_buf_free(&sig);
    bg_buf_free(&b);
}

/* 1 missing, 0 present, -1 not known. */
static int S_known_find(const char *family)
{
    for (size_t i = 0; i < S_check.count; i++)
        if (strcmp(S_check.families[i], family) == 0)
            return S_check.missing[i] ? 1 : 0;
    return -1;
}

/* S_check made current for the folders noted (font_dir added): read from disk once. */
static void S_known_sync(const char *font_dir)
{
    if (font_dir)
        S_note_dir(font_dir);
    unsigned char key[32];
    S_check_key(key);
    if (!S_check.valid || memcmp(key, S_check.key, sizeof key) != 0) {
        S_known_clear();
        memcpy(S_check.key, key, sizeof key);
        S_check.valid = true;
    }
    if (!S_check.loaded)
        S_check_load();
}

/* What earlier runs found for (family, style): 1 found (file, index set), 0 not, -1 not
 * asked yet. S_known_sync first. */
static int S_match_recorded(const char *family, const char *style, char **file, unsigned *index)
{
    for (size_t i = 0; i < S_check.match_count; i++) {
        const S_face_match *m = &S_check.matches[i];
        if (strcmp(m->family, family) == 0 && strcmp(m->style, style) == 0) {
            if (!m->file)
                return 0;
            free(*file);
            *file = bg_xstrdup(m->file);
            *index = m->index;
            return 1;
        }
    }
    return -1;
}

static int S_match_known(const char *font_dir, const char *family, const char *style, char **file,
                         unsigned *index, bg_diags *diags)
{
    S_known_sync(font_dir);
    int recorded = S_match_recorded(family, style, file, index);
    if (recorded >= 0)
        return recorded;
    FcConfig *config = S_config(font_dir);
    if (!config)
        return -1;
    S_cache_warning(diags);
    bool found = S_match(config, family, style, file, index);
    S_match_add(family, style, found ? *file : NULL, *index);
    S_check_store(config);
    return found;
}

int bg_font_family_recorded(const char *family, const char *font_dir)
{
    S_known_sync(font_dir);
    int missing = S_known_find(family);
    return missing < 0 ? -1 : !missing;
}

bg_font *bg_font_find_recorded(const char *family, const char *style, const char *font_dir)
{
    const S_loaded *loaded = S_loaded_find(family, style, font_dir);
    if (loaded)
        return loaded->fallback ? NULL : bg_font_keep(loaded->font);
    S_known_sync(font_dir);
    char *file = NULL;
    unsigned index = 0;
    bg_font *f = NULL;
    if (S_match_recorded(family, style, &file, &index) == 1) {
        bg_diags quiet; /* a file that cannot be read is bg_font_find's to report */
        bg_diags_init(&quiet);
        f = S_load(family, style, file, index, &quiet);
        bg_diags_free(&quiet);
        if (f)
            S_face_add(family, style, font_dir, f, false);
    }
    free(file);
    return f;
}

int bg_font_families_missing(const char *const *families, size_t n, const char *font_dir,
                             bool *missing)
{
    S_known_sync(font_dir);
    bool asked = false;
    for (size_t i = 0; i < n; i++) {
        int known = S_known_find(families[i]);
        if (known < 0) {
            FcConfig *config = S_config(NULL);
            if (!config)
                return -1;
            char *file = NULL;
            unsigned index = 0;
            /* bg_font_find falls back to the Regular face, so that is what must exist. */
            known = !S_match(config, families[i], "Regular", &file, &index);
            free(file);
            S_known_add(families[i], known == 1);
            asked = true;
        }
        missing[i] = known == 1;
    }
    if (asked)
        S_check_store(S_shared);
    return 0;
}
