/* datadir.c: finding baogao's data folder and message catalogues (see datadir.h). The
 * two paths are found once and kept for the life of the process. */
#include "datadir.h"
#include "xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BG_DATADIR
#define BG_DATADIR "/usr/local/share/baogao"
#endif
#ifndef BG_LOCALEDIR
#define BG_LOCALEDIR "/usr/local/share/locale"
#endif

static char *S_dir;    /* the data folder */
static char *S_locale; /* the message catalogues */
static bg_data_origin S_origin;

static int S_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding the running executable (malloc'd), or NULL when unknown. */
static char *S_exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return bg_xstrdup(buf);
}

/* Takes path (malloc'd, consumed) as a folder, with "/.." resolved when it exists. */
static char *S_clean(char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return path;
    free(path);
    return real;
}

/* The source folder named by the build folder's marker file (malloc'd), or NULL. */
static char *S_source_tree(const char *exe_dir)
{
    char *marker = bg_strprintf("%s/baogao-source-tree", exe_dir);
    FILE *f = fopen(marker, "r");
    free(marker);
    if (!f)
        return NULL;
    char line[PATH_MAX];
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!ok)
        return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    return line[0] && S_is_dir(line) ? bg_xstrdup(line) : NULL;
}

/* Tries exe_dir/tail as a folder: returns it (malloc'd) or NULL. */
static char *S_try(const char *exe_dir, const char *tail)
{
    if (!exe_dir)
        return NULL;
    char *p = bg_strprintf("%s/%s", exe_dir, tail);
    if (S_is_dir(p))
        return S_clean(p);
    free(p);
    return NULL;
}

static void S_free_all(void)
{
    free(S_dir);
    free(S_locale);
}

static void S_find(void)
{
    if (S_dir)
        return;
    char *exe = S_exe_dir();
    const char *env = getenv("BAOGAO_DATA");
    char *found;
    if (env && *env) {
        S_dir = S_clean(bg_xstrdup(env));
        S_origin = BG_DATA_ENV;
    } else if (exe && (found = S_source_tree(exe))) {
        S_dir = found;
        S_origin = BG_DATA_SOURCE;
    } else if ((found = S_try(exe, "../share/baogao"))) {
        S_dir = found;
        S_origin = BG_DATA_RELATIVE;
    } else {
        S_dir = bg_xstrdup(BG_DATADIR);
        S_origin = BG_DATA_PREFIX;
    }

    const char *lenv = getenv("BAOGAO_LOCALEDIR");
    if (lenv && *lenv)
        S_locale = bg_xstrdup(lenv);
    else if ((found = S_try(exe, "locale")))
        S_locale = found;
    else if (S_origin != BG_DATA_SOURCE && (found = S_try(S_dir, "../locale")))
        S_locale = found;
    else
        S_locale = bg_xstrdup(BG_LOCALEDIR);
    free(exe);
    atexit(S_free_all);
}

const char *bg_datadir(void)
{
    S_find();
    return S_dir;
}

bg_data_origin bg_datadir_origin(void)
{
    S_find();
    return S_origin;
}

char *bg_data_path(const char *relative)
{
    S_find();
    /* A source tree keeps the schemas with the rest of the documentation. */
    if (S_origin == BG_DATA_SOURCE && strncmp(relative, "schemas/", 8) == 0)
        return bg_strprintf("%s/docs/%s", S_dir, relative + 8);
    /* …and the starter report of `baogao init` as docs/starter. */
    if (S_origin == BG_DATA_SOURCE && strcmp(relative, "starter") == 0)
        return bg_strprintf("%s/docs/starter", S_dir);
    return bg_strprintf("%s/%s", S_dir, relative);
}

const char *bg_localedir(void)
{
    S_find();
    return S_locale;
}
