/* fontsum.c: font file digests with a cache between builds (fontsum.h). */
#include "fontsum.h"
#include "../base/buf.h"
#include "../base/cache.h"
#include "../base/sha256.h"
#include "font.h"
#include "../base/xalloc.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Whether the cache may hold path's digest: *cache and key are set when it may. */
static bool S_usable(const char *path, size_t len, char **cache, char key[96])
{
    struct stat st;
    *cache = S_cache_path();
    if (!*cache || stat(path, &st) != 0 || (size_t)st.st_size != len || strchr(path, '\n'))
        return false;
    S_key(&st, key, 96);
    return true;
}

void bg_font_digest(const char *path, const void *data, size_t len, char out[65])
{
    char *cache, key[96];
    bool usable = S_usable(path, len, &cache, key);
    if (usable && S_lookup(cache, key, path, out) == 0) {
        free(cache);
        return;
    }
    bg_sha256_hex(data, len, out);
    if (usable)
        S_remember(cache, key, path, out);
    free(cache);
}

struct bg_font_digest_job {
    pthread_t thread;
    char *path, *cache; /* cache NULL: not to be remembered */
    char key[96];
    const void *data;
    size_t len;
    char *out;
    bool joined;
};

static void *S_hash(void *arg)
{
    bg_font_digest_job *job = arg;
    bg_sha256_hex(job->data, job->len, job->out);
    /* one line appended through O_APPEND with one write: lines from several jobs do not mix */
    if (job->cache)
        S_remember(job->cache, job->key, job->path, job->out);
    return NULL;
}

bg_font_digest_job *bg_font_digest_start(const char *path, const void *data, size_t len, char out[65])
{
    char *cache, key[96];
    bool usable = S_usable(path, len, &cache, key);
    if (usable && S_lookup(cache, key, path, out) == 0) {
        free(cache);
        return NULL;
    }
    bg_font_digest_job *job = bg_xcalloc(1, sizeof *job);
    *job = (bg_font_digest_job){.path = bg_xstrdup(path), .cache = usable ? cache : NULL, .data = data,
                                .len = len, .out = out};
    if (usable)
        memcpy(job->key, key, sizeof job->key);
    else
        free(cache);
    if (pthread_create(&job->thread, NULL, S_hash, job) == 0)
        return job;
    S_hash(job); /* no thread: hash here */
    job->joined = true;
    bg_font_digest_free(job);
    return NULL;
}

void bg_font_digest_wait(bg_font_digest_job *job)
{
    if (job && !job->joined) {
        pthread_join(job->thread, NULL);
        job->joined = true;
    }
}

void bg_font_digest_free(bg_font_digest_job *job)
{
    if (!job)
        return;
    bg_font_digest_wait(job);
    free(job->path);
    free(job->cache);
    free(job);
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
