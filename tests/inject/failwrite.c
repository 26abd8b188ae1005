/* failwrite.c: an LD_PRELOAD fault injector for the tests (tests/e2e/output_safety.sh).
 * It acts only on file descriptors whose path contains ".tmp-" (the build's temporary
 * output), so the program's own messages still reach stderr:
 *   BG_FAIL_WRITE_AFTER=N  write() succeeds for the first N bytes, then fails with ENOSPC
 *                          (a disk filling up at the final flush);
 *   BG_FAIL_FSYNC=1        fsync() fails with EIO;
 *   BG_FAIL_CLOSE=1        close() closes, then reports EIO (as NFS may);
 *   BG_SHORT_WRITES=N      write() writes at most N bytes per call (short writes). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int S_is_temporary(int fd)
{
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0)
        return 0;
    path[n] = '\0';
    return strstr(path, ".tmp-") != NULL;
}

static long S_env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atol(v) : -1;
}

static long S_written;

ssize_t write(int fd, const void *buf, size_t count)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (S_is_temporary(fd)) {
        long limit = S_env("BG_FAIL_WRITE_AFTER"), chunk = S_env("BG_SHORT_WRITES");
        if (limit >= 0) {
            if (S_written >= limit) {
                errno = ENOSPC;
                return -1;
            }
            if ((long)count > limit - S_written)
                count = (size_t)(limit - S_written); /* a short write up to the limit */
        }
        if (chunk > 0 && (long)count > chunk)
            count = (size_t)chunk;
        ssize_t n = real(fd, buf, count);
        if (n > 0)
            S_written += n;
        return n;
    }
    return real(fd, buf, count);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (S_env("BG_FAIL_FSYNC") > 0 && S_is_temporary(fd)) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}

int close(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "close");
    int fail = S_env("BG_FAIL_CLOSE") > 0 && S_is_temporary(fd);
    int rc = real(fd);
    if (fail && rc == 0) {
        errno = EIO;
        return -1;
    }
    return rc;
}
