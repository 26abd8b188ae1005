/* verdict.c: bg_image_check, bg_image_probe remembered by the image's bytes (see image.h).
 *
 * Probing reads the whole image (every IDAT byte inflated, its Adler-32 checked; every
 * JPEG scan decoded): on the 2023 report, fifteen 1500×1000 PNGs, probed once by the
 * model and once more by the PDF writer, that was 48% of a build (87 of 182 ms of CPU)
 * and 73% of a `check`. A probe is a function of the bytes alone, so a verdict is kept:
 * in memory for the process (the model's probe serves the writer, and the second and
 * later figures showing one file), and on disk under images/<key in hex> in the cache
 * folder (base/cache.h). Only successes are kept; a failure is probed again each time,
 * so its message is always the reader's own.
 *
 * The key is the SHA-256 of: a format tag, the libpng and libjpeg versions, the size
 * limits, the image's length and the SHA-256 of its bytes. On disk it is a cache entry
 * (base/cache.h, magic "BGIMG2\n\0") whose payload is the info fields (11 × 4 bytes,
 * big-endian). An entry that is not whole, or whose fields no probe could give, is
 * ignored and rewritten: the disk is never trusted.
 *
 * checks.c probes on worker threads: the memory table is behind a mutex, and the disk
 * writes go through bg_cache_write's unique temporary files and rename. */
#include "image_impl.h"
#include "../base/cache.h"
#include "../base/sha256.h"
#include "../base/xalloc.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <png.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { S_FIELDS = 11, S_MEMORY_MAX = 64 };
static const char S_MAGIC[8] = "BGIMG2\n";
/* A field added to bg_image_info must be stored too (and the format tags changed). */
_Static_assert(sizeof(bg_image_info) == 40, "bg_image_info changed: update verdict.c");

typedef struct S_entry {
    unsigned char key[32];
    bg_image_info info;
} S_entry;

/* The memory table is shared by the threads of checks.c: every access holds S_lock. */
static S_entry S_memory[S_MEMORY_MAX];
static size_t S_memory_count, S_memory_next;
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static uint32_t S_get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void bg_image_verdict_key(const unsigned char *data, size_t len, unsigned char key[32])
{
    unsigned char digest[32];
    bg_sha256 sha;
    bg_sha256_init(&sha);
    bg_sha256_update(&sha, data, len);
    bg_sha256_final(&sha, digest);
    char versions[128];
    int n = snprintf(versions, sizeof versions, "baogao-image-1 png %s jpeg %d limits %llu %llu len %zu",
                     png_get_libpng_ver(NULL), JPEG_LIB_VERSION, BG_IMAGE_MAX_PIXELS, BG_IMAGE_MAX_BYTES, len);
    bg_sha256_init(&sha);
    bg_sha256_update(&sha, versions, (size_t)n + 1);
    bg_sha256_update(&sha, digest, sizeof digest);
    bg_sha256_final(&sha, key);
}

static void S_fields(const bg_image_info *info, uint32_t f[S_FIELDS])
{
    const uint32_t v[S_FIELDS] = {(uint32_t)info->format,     info->width,
                                  info->height,               (uint32_t)info->components,
                                  info->alpha,                (uint32_t)info->bit_depth,
                                  (uint32_t)info->png_color_type, info->interlaced,
                                  (uint32_t)info->orientation, info->adobe_inverted,
                                  info->png_copyable};
    memcpy(f, v, sizeof v);
}

/* The info of a whole entry, checked field by field against what a probe can give; 0 or -1. */
static int S_unpack(const unsigned char *p, bg_image_info *info)
{
    uint32_t f[S_FIELDS];
    for (int i = 0; i < S_FIELDS; i++)
        f[i] = S_get32(p + 4 * i);
    if ((f[0] != BG_IMAGE_PNG && f[0] != BG_IMAGE_JPEG) || f[1] == 0 || f[2] == 0 ||
        (f[3] != 1 && f[3] != 3 && f[3] != 4) || f[4] > 1 || f[5] < 1 || f[5] > 16 ||
        (f[6] > 6 && f[6] != (uint32_t)-1) || f[7] > 1 || f[8] < 1 || f[8] > 8 || f[9] > 1 || f[10] > 1 ||
        (uint64_t)f[1] * f[2] > BG_IMAGE_MAX_PIXELS)
        return -1;
    memset(info, 0, sizeof *info);
    info->format = (bg_image_format)f[0];
    info->width = f[1];
    info->height = f[2];
    info->components = (int)f[3];
    info->alpha = f[4];
    info->bit_depth = (int)f[5];
    info->png_color_type = (int)f[6];
    info->interlaced = f[7];
    info->orientation = (int)f[8];
    info->adobe_inverted = f[9];
    info->png_copyable = f[10];
    return 0;
}

/* The verdict cached on disk for key; 0 or -1. */
static int S_read(const unsigned char key[32], bg_image_info *info)
{
    bg_buf payload = {0};
    int rc = -1;
    if (bg_cache_load("images", S_MAGIC, key, &payload) == 0 && payload.len == 4 * S_FIELDS)
        rc = S_unpack((const unsigned char *)payload.data, info);
    bg_buf_free(&payload);
    return rc;
}

static void S_write(const unsigned char key[32], const bg_image_info *info)
{
    unsigned char p[4 * S_FIELDS];
    uint32_t f[S_FIELDS];
    S_fields(info, f);
    for (int i = 0; i < S_FIELDS; i++)
        S_put32(p + 4 * i, f[i]);
    bg_cache_store("images", S_MAGIC, key, p, sizeof p);
}

static void S_remember(const unsigned char key[32], const bg_image_info *info)
{
    pthread_mutex_lock(&S_lock);
    S_entry *e = &S_memory[S_memory_next];
    if (S_memory_count < S_MEMORY_MAX)
        S_memory_count++;
    S_memory_next = (S_memory_next + 1) % S_MEMORY_MAX;
    memcpy(e->key, key, 32);
    e->info = *info;
    pthread_mutex_unlock(&S_lock);
}

int bg_image_verdict_find(const unsigned char key[32], bg_image_info *info)
{
    int found = -1;
    pthread_mutex_lock(&S_lock);
    for (size_t i = 0; i < S_memory_count && found != 0; i++)
        if (memcmp(S_memory[i].key, key, 32) == 0) {
            *info = S_memory[i].info;
            found = 0;
        }
    pthread_mutex_unlock(&S_lock);
    if (found != 0 && S_read(key, info) == 0) {
        S_remember(key, info);
        found = 0;
    }
    return found;
}

void bg_image_verdict_keep(const unsigned char key[32], const bg_image_info *info)
{
    S_write(key, info);
    S_remember(key, info);
}

int bg_image_check(const unsigned char *data, size_t len, bg_image_info *info, bg_image_error *err)
{
    unsigned char key[32];
    bg_image_verdict_key(data, len, key);
    err->msg[0] = '\0';
    if (bg_image_verdict_find(key, info) == 0)
        return 0;
    int rc = bg_image_probe(data, len, info, err);
    if (rc == 0)
        bg_image_verdict_keep(key, info);
    return rc;
}
