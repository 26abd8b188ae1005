/* cache.c: the cache folder and its atomic writes (see cache.h). */
#include "cache.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *bg_cache_path(const char *name)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        return bg_strprintf("%s/baogao/%s", xdg, name);
    if (home && *home)
        return bg_strprintf("%s/.cache/baogao/%s", home, name);
    return NULL;
}

void bg_cache_mkdirs(const char *path)
{
    char *dir = bg_xstrdup(path);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0755);
            *p = '/';
        }
    free(dir);
}

int bg_cache_write(const char *path, const void *data, size_t len)
{
    bg_cache_mkdirs(path);
    char *tmp = bg_strprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n <= 0)
            break;
        p += n;
        left -= (size_t)n;
    }
    int rc = close(fd) == 0 && left == 0 ? 0 : -1;
    if (rc == 0)
        rc = rename(tmp, path);
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
