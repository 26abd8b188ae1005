/* fontsum.c: font file digests with a cache between builds (fontsum.h). */
#include "fontsum.h"
#include "../base/buf.h"
#include "../base/cache.h"
#include "../base/sha256.h"
#include "font.h"
#include "../base/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char *S_cache_path(void)
{
    return bg_cache_path("font-sha256");
}

/* The file's identity as the cache keys it: "size mtime_sec.nsec inode". */
static void S_key(const struct stat *st, char *out, size_t cap)
{
    snprintf(out, cap, "%lld %lld.%09ld %llu", (long long)st->st_size, (long long)st->st_mtim.tv_sec,
             st->st_mtim.tv_nsec, (unsigned long long)st->st_ino);
}

static int S_lookup(const char *cache, const char *key, const char *path, char out[65])
{
    FILE *f = fopen(cache, "r");
    if (!f)
        return -1;
    char line[4352];
    int found = -1;
    size_t klen = strlen(key), plen = strlen(path);
    while (fgets(line, sizeof line, f)) {
        /* digest SP key SP path LF */
        size_t n = strlen(line);
        if (n < 66 + klen + plen + 1 || line[64] != ' ')
            continue;
        if (strncmp(line + 65, key, klen) != 0 || line[65 + klen] != ' ')
            continue;
        if (strncmp(line + 66 + klen, path, plen) != 0 || line[66 + klen + plen] != '\n')
            continue;
        memcpy(out, line, 64);
        out[64] = 0;
        found = 0;
    }
    fclose(f);
    return found;
}

static void S_remember(const char *cache, const char *key, const char *path, const char *digest)
{
    bg_cache_mkdirs(cache);
    FILE *f = fopen(cache, "a");
    if (!f)
        return;
    fprintf(f, "%s %s %s\n", digest, key, path);
    fclose(f);
}

/* The digest of the file at path, read through a small buffer rather than from its
 * mapping data[0..len) (which it falls back to when the file cannot be read whole, at
 * len bytes): hashing through the mapping made the whole 95 MB of the four Noto CJK files
 * resident in the process (a first build peaked at 117.7 MiB, now 65.8) and unmapping
 * them took 6.5 ms of the main thread's end (strace); the copying costs about as much
 * (first build wall 1.006 of before, 30 pairs). */
static void S_hash(const char *path, const void *data, size_t len, char out[65])
{
    enum { CHUNK = 1 << 20 };
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unsigned char *buf = fd >= 0 ? malloc(CHUNK) : NULL;
    size_t total = 0;
    bool whole = false;
    if (buf) {
        bg_sha256 sha;
        bg_sha256_init(&sha);
        for (;;) {
            ssize_t n = read(fd, buf, CHUNK);
            if (n < 0 || (size_t)n > len - total)
                break;
            if (n == 0) {
                whole = total == len;
                break;
            }
            bg_sha256_update(&sha, buf, (size_t)n);
            total += (size_t)n;
        }
        if (whole) {
            unsigned char digest[32];
            bg_sha256_final(&sha, digest);
            bg_sha256_to_hex(digest, out);
        }
    }
    free(buf);
    if (fd >= 0)
        close(fd);
    if (!whole)
        bg_sha256_hex(data, len, out);
}

void bg_font_digest(const char *path, const void *data, size_t len, char out[65])
{
    struct stat st;
    char *cache = S_cache_path();
    char key[96];
    bool usable = cache && stat(path, &st) == 0 && (size_t)st.st_size == len && !strchr(path, '\n');
    if (usable) {
        S_key(&st, key, sizeof key);
        if (S_lookup(cache, key, path, out) == 0) {
            free(cache);
            return;
        }
    }
    S_hash(path, data, len, out);
    if (usable)
        S_remember(cache, key, path, out);
    free(cache);
}

struct bg_digest_job {
    pthread_t thread;
    char *path, *cache, key[96];
    const void *data;
    size_t len;
    char *out;
    bool usable;
};

static void *S_hash_job(void *arg)
{
    bg_digest_job *j = arg;
    S_hash(j->path, j->data, j->len, j->out);
    if (j->usable)
        S_remember(j->cache, j->key, j->path, j->out);
    return NULL;
}

bg_digest_job *bg_font_digest_start(const char *path, const void *data, size_t len, char out[65])
{
    struct stat st;
    char *cache = S_cache_path();
    bg_digest_job *j = bg_xcalloc(1, sizeof *j);
    j->usable = cache && stat(path, &st) == 0 && (size_t)st.st_size == len && !strchr(path, '\n');
    if (j->usable) {
        S_key(&st, j->key, sizeof j->key);
        if (S_lookup(cache, j->key, path, out) == 0) {
            free(cache);
            free(j);
            return NULL;
        }
    }
    j->path = bg_xstrdup(path);
    j->cache = cache;
    j->data = data;
    j->len = len;
    j->out = out;
    if (pthread_create(&j->thread, NULL, S_hash_job, j) != 0) {
        S_hash_job(j); /* no thread: hash here */
        free(j->path);
        free(j->cache);
        free(j);
        return NULL;
    }
    return j;
}

void bg_font_digest_wait(bg_digest_job *j)
{
    if (!j)
        return;
    pthread_join(j->thread, NULL);
    free(j->path);
    free(j->cache);
    free(j);
}

int bg_font_file_digest(const char *file, char out[65])
{
    bg_buf data = {0};
    if (bg_buf_read_file(&data, file) != 0) {
        bg_buf_free(&data);
        return -1;
    }
    bg_font_digest(file, data.data, data.len, out);
    bg_buf_free(&data);
    return 0;
}
