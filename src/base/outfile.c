/* outfile.c: writing an output file atomically and durably (outfile.h). */
#include "outfile.h"
#include "i18n.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* When this process started: temporaries older than that belong to an earlier build
 * (killed or crashed) and may be removed; younger ones may be a concurrent build's. */
static struct timespec S_started;

__attribute__((constructor)) static void S_note_start(void)
{
    clock_gettime(CLOCK_REALTIME, &S_started);
}

static const char *S_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *bg_outfile_target(const char *path, bg_diags *diags)
{
    char *cur = bg_xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            if (errno == ENOENT)
                return cur; /* created by the write */
            bg_error(diags, (bg_loc){.file = path}, _("cannot write the output here: %s"), strerror(errno));
            free(cur);
            return NULL;
        }
        if (S_ISREG(st.st_mode))
            return cur;
        if (!S_ISLNK(st.st_mode)) {
            bg_error(diags, (bg_loc){.file = path},
                     S_ISDIR(st.st_mode) ? _("the output is a folder; give a file name with -o")
                                         : _("the output is not a regular file (a device, FIFO or socket); "
                                             "give a file name with -o"));
            free(cur);
            return NULL;
        }
        if (hops >= 40) {
            bg_error(diags, (bg_loc){.file = path}, _("cannot write the output here: %s"), strerror(ELOOP));
            free(cur);
            return NULL;
        }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) {
            bg_error(diags, (bg_loc){.file = path}, _("cannot write the output here: %s"), strerror(errno));
            free(cur);
            return NULL;
        }
        link[n] = '\0';
        char *next;
        if (link[0] == '/') {
            next = bg_xstrdup(link);
        } else {
            char *dir = bg_path_dirname(cur);
            next = bg_strprintf("%s/%s", dir, link);
            free(dir);
        }
        free(cur);
        cur = next;
    }
}

int bg_outfile_check_inputs(const char *target, const char *const *inputs, size_t count, bg_diags *diags)
{
    struct stat out;
    if (stat(target, &out) != 0)
        return 0; /* does not exist yet: cannot be an input */
    for (size_t i = 0; i < count; i++) {
        struct stat in;
        if (inputs[i] && stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            bg_error(diags, (bg_loc){.file = target},
                     _("the output is the input file %s: writing it would destroy it; choose another -o"),
                     inputs[i]);
            return -1;
        }
    }
    return 0;
}

/* Is name `<base>.tmp-XXXXXX` (mkstemp's six letters or digits)? */
static bool S_our_temporary(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp-", 5) != 0)
        return false;
    const char *x = name + n + 5;
    if (strlen(x) != 6)
        return false;
    for (; *x; x++)
        if (!((*x >= 'a' && *x <= 'z') || (*x >= 'A' && *x <= 'Z') || (*x >= '0' && *x <= '9')))
            return false;
    return true;
}

static bool S_older(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Removes our stale temporaries beside target (best effort: a failure is not an error). */
static void S_remove_stale(const char *dir, const char *base)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return;
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (S_our_temporary(e->d_name, base) && fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && S_older(&st.st_mtim, &S_started))
            unlinkat(dfd, e->d_name, 0);
    }
    closedir(d);
}

static int S_write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) { /* no progress on a regular file: treat as full */
            errno = ENOSPC;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int bg_outfile_replace(const char *target, const void *data, size_t len, bg_diags *diags)
{
    char *dir = bg_path_dirname(target);
    S_remove_stale(dir, S_basename(target));
    char *tmp = bg_strprintf("%s.tmp-XXXXXX", target);
    const char *step = NULL;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        bg_error(diags, (bg_loc){.file = target}, _("cannot create a temporary file beside the output: %s"),
                 strerror(errno));
        free(tmp);
        free(dir);
        return -1;
    }
    /* mkstemp creates the file 0600; a PDF is a document: keep the mode of the file it
     * replaces, or what the umask allows for a new one. */
    struct stat old;
    mode_t mode;
    if (stat(target, &old) == 0) {
        mode = old.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0)
        step = _("cannot set the permissions of the temporary file: %s");
    else if (S_write_all(fd, data, len) != 0)
        step = _("cannot write the temporary file: %s");
    else if (fsync(fd) != 0)
        step = _("cannot flush the temporary file to disk: %s");
    int saved = errno;
    if (close(fd) != 0 && !step) {
        saved = errno;
        step = _("cannot close the temporary file: %s");
    }
    if (!step && rename(tmp, target) != 0) {
        saved = errno;
        step = _("cannot rename the temporary file over the output: %s");
    }
    if (step) {
        unlink(tmp);
        bg_error(diags, (bg_loc){.file = target}, step, strerror(saved));
        bg_diag_hint(diags, _("the previous file, if any, is left as it was"));
        free(tmp);
        free(dir);
        return -1;
    }
    free(tmp);
    /* The rename is durable only once the folder's entry is on disk. */
    int rc = 0;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL)) {
        bg_error(diags, (bg_loc){.file = target}, _("the file was written but its folder cannot be flushed to disk: %s"),
                 strerror(errno));
        rc = -1;
    }
    if (dfd >= 0)
        close(dfd);
    free(dir);
    return rc;
}
