/* subset.c: subset font programs and their caches (see subset.h).
 *
 * Programs are kept deflated (libdeflate level 6, deflate.c; done once per glyph set:
 * deflating the eight programs of the 2023 report on every build took 14 ms with zlib).
 * A program is keyed by the SHA-256 of: a format tag (which names the compressor, so
 * that a program deflated otherwise is never taken), the font file's SHA-256, the face
 * index, the subset flags, the HarfBuzz version and the glyph IDs (big-endian). On disk it
 * is a cache entry (base/cache.h, magic "BGSUB3\n\0") whose payload is the program's
 * length (8 bytes, big-endian) and then the deflated program. An entry that is not whole
 * is ignored and rewritten; the disk is never trusted. bg_pdf_subset_program may run on
 * several threads at once (font_embed.c): the memory cache is behind a lock.
 *
 * Subsets are desubroutinized (HB_SUBSET_FLAGS_DESUBROUTINIZE). On the 2023 report the
 * eight subsets took 267 M instructions instead of 323 M and the PDF shrank from
 * 697,177 to 661,380 bytes (PDF/A-1b still valid in PDFBox preflight, pages rendered
 * identically by poppler). */
#include "subset.h"
#include "pdf_ctx.h"
#include "../base/cache.h"
#include "../base/sha256.h"
#include "../base/xalloc.h"

#include <hb-subset.h>
#include <pthread.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_MEMORY_MAX = 32, S_LEVEL = 6 };
static const char S_MAGIC[8] = "BGSUB3\n";

typedef struct S_entry {
    unsigned char key[32];
    bg_buf program; /* deflated */
    size_t raw_len;
} S_entry;

/* The memory cache is shared by the threads font_embed.c cuts subsets on. */
static S_entry S_memory[S_MEMORY_MAX];
static size_t S_memory_count, S_memory_next;
static pthread_mutex_t S_memory_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned S_flags(const bg_font *font)
{
    unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE;
    if (!font->is_cff || !bg_pdf_cff_is_cid_keyed(font->face))
        flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    return flags;
}

static void S_put32(bg_sha256 *sha, uint32_t v)
{
    unsigned char be[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                           (unsigned char)v};
    bg_sha256_update(sha, be, sizeof be);
}

static void S_key(const bg_font *font, unsigned flags, const uint32_t *gids, size_t count,
                  unsigned char key[32])
{
    bg_sha256 sha;
    bg_sha256_init(&sha);
    char tag[64];
    int n = snprintf(tag, sizeof tag, "baogao-subset-3 libdeflate %s level %d", LIBDEFLATE_VERSION_STRING, S_LEVEL);
    bg_sha256_update(&sha, tag, (size_t)n + 1);
    bg_sha256_update(&sha, bg_font_sha256(font), 64);
    S_put32(&sha, font->index);
    S_put32(&sha, flags);
    const char *hb = hb_version_string();
    bg_sha256_update(&sha, hb, strlen(hb) + 1);
    S_put32(&sha, (uint32_t)count);
    for (size_t i = 0; i < count; i++)
        S_put32(&sha, gids[i]);
    bg_sha256_final(&sha, key);
}

/* The program from hb-subset, deflated into out (empty), its length in *raw_len; 0 or -1. */
static int S_run(const bg_font *font, unsigned flags, const uint32_t *gids, size_t count, bg_buf *out,
                 size_t *raw_len)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return -1;
    hb_set_t *glyphs = hb_subset_input_glyph_set(input);
    for (size_t i = 0; i < count; i++)
        hb_set_add(glyphs, gids[i]);
    /* No layout closure: the PDF shows exactly the glyphs shaping chose. */
    hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const hb_tag_t dropped[] = {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
                                       HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
                                       HB_TAG('J', 'S', 'T', 'F'), HB_TAG('V', 'O', 'R', 'G')};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
        hb_set_add(drop, dropped[i]);
    hb_subset_input_set_flags(input, flags);
    hb_face_t *subset = hb_subset_or_fail(font->face, input);
    hb_subset_input_destroy(input);
    if (!subset)
        return -1;
    hb_blob_t *blob = font->is_cff ? hb_face_reference_table(subset, HB_TAG('C', 'F', 'F', ' '))
                                   : hb_face_reference_blob(subset);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    int rc = -1;
    if (len && bg_pdf_deflate(data, len, S_LEVEL, out) == 0) {
        out->data[out->len] = '\0';
        *raw_len = len;
        rc = 0;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return rc;
}

/* Appends the deflated program cached on disk for key to out; 0 or -1. */
static int S_read(const unsigned char key[32], bg_buf *out, size_t *raw_len)
{
    bg_buf payload = {0};
    int rc = -1;
    if (bg_cache_load("subsets", S_MAGIC, key, &payload) == 0 && payload.len > 8) {
        uint64_t raw = 0;
        for (int i = 0; i < 8; i++)
            raw = raw << 8 | (unsigned char)payload.data[i];
        if (raw > 0 && raw < ((uint64_t)1 << 32)) {
            bg_buf_put(out, payload.data + 8, payload.len - 8);
            *raw_len = (size_t)raw;
            rc = 0;
        }
    }
    bg_buf_free(&payload);
    return rc;
}

static void S_write(const unsigned char key[32], const bg_buf *program, size_t raw_len)
{
    unsigned char *data = bg_xmalloc(8 + program->len);
    for (int i = 0; i < 8; i++)
        data[i] = (unsigned char)((uint64_t)raw_len >> (56 - 8 * i));
    memcpy(data + 8, program->data, program->len);
    bg_cache_store("subsets", S_MAGIC, key, data, 8 + program->len);
    free(data);
}

static void S_remember(const unsigned char key[32], const bg_buf *program, size_t raw_len)
{
    pthread_mutex_lock(&S_memory_lock);
    S_entry *e = &S_memory[S_memory_next];
    if (S_memory_count < S_MEMORY_MAX)
        S_memory_count++;
    else
        bg_buf_free(&e->program);
    S_memory_next = (S_memory_next + 1) % S_MEMORY_MAX;
    memcpy(e->key, key, 32);
    bg_buf_init(&e->program);
    bg_buf_put(&e->program, program->data, program->len);
    e->raw_len = raw_len;
    pthread_mutex_unlock(&S_memory_lock);
}

int bg_pdf_subset_program(const bg_font *font, const uint32_t *gids, size_t count, bg_buf *out,
                          size_t *raw_len)
{
    unsigned flags = S_flags(font);
    unsigned char key[32];
    S_key(font, flags, gids, count, key);
    pthread_mutex_lock(&S_memory_lock);
    for (size_t i = 0; i < S_memory_count; i++)
        if (memcmp(S_memory[i].key, key, 32) == 0) {
            bg_buf_put(out, S_memory[i].program.data, S_memory[i].program.len);
            *raw_len = S_memory[i].raw_len;
            pthread_mutex_unlock(&S_memory_lock);
            return 0;
        }
    pthread_mutex_unlock(&S_memory_lock);
    bg_buf program = {0};
    size_t raw = 0;
    int rc = 0;
    if (S_read(key, &program, &raw) != 0) {
        rc = S_run(font, flags, gids, count, &program, &raw);
        if (rc == 0)
            S_write(key, &program, raw);
    }
    if (rc == 0) {
        S_remember(key, &program, raw);
        bg_buf_put(out, program.data, program.len);
        *raw_len = raw;
    }
    bg_buf_free(&program);
    return rc;
}
void bg_pdf_subset_cache_free(void)
{
    pthread_mutex_lock(&S_memory_lock);
    for (size_t i = 0; i < S_memory_count; i++)
        bg_buf_free(&S_memory[i].program);
    S_memory_count = S_memory_next = 0;
    pthread_mutex_unlock(&S_memory_lock);
}
