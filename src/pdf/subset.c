/* subset.c: subset font programs and their caches (see subset.h).
 *
 * A program is keyed by the SHA-256 of: a format tag, the font file's SHA-256, the face
 * index, the subset flags, the HarfBuzz version and the glyph IDs (big-endian). On disk it
 * is the file subsets/<key in hex>: the magic "BGSUB1\n\0", the program's length (8 bytes,
 * big-endian), the program's SHA-256 (32 bytes), then the program. A file whose length
 * or digest does not match is ignored and rewritten; the disk is never trusted.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_HEADER = 48, S_MEMORY_MAX = 32 };
static const char S_MAGIC[8] = "BGSUB1\n";

typedef struct S_entry {
    unsigned char key[32];
    bg_buf program;
} S_entry;

static S_entry S_memory[S_MEMORY_MAX];
static size_t S_memory_count, S_memory_next;

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
    bg_sha256_update(&sha, "baogao-subset-1", 16);
    bg_sha256_update(&sha, font->sha256, 64);
    S_put32(&sha, font->index);
    S_put32(&sha, flags);
    const char *hb = hb_version_string();
    bg_sha256_update(&sha, hb, strlen(hb) + 1);
    S_put32(&sha, (uint32_t)count);
    for (size_t i = 0; i < count; i++)
        S_put32(&sha, gids[i]);
    bg_sha256_final(&sha, key);
}

/* The program from hb-subset, appended to out; 0 or -1. */
static int S_run(const bg_font *font, unsigned flags, const uint32_t *gids, size_t count, bg_buf *out)
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
    int rc = len ? 0 : -1;
    if (len)
        bg_buf_put(out, data, len);
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return rc;
}

static char *S_file(const unsigned char key[32])
{
    char hex[65];
    bg_sha256_to_hex(key, hex);
    char *name = bg_strprintf("subsets/%s", hex);
    char *path = bg_cache_path(name);
    free(name);
    return path;
}

/* Appends the program stored at path to out when the file is whole; 0 or -1. */
static int S_read(const char *path, bg_buf *out)
{
    bg_buf file = {0};
    int rc = -1;
    if (bg_buf_read_file(&file, path) == 0 && file.len >= S_HEADER &&
        memcmp(file.data, S_MAGIC, sizeof S_MAGIC) == 0) {
        const unsigned char *h = (const unsigned char *)file.data;
        uint64_t len = 0;
        for (int i = 0; i < 8; i++)
            len = len << 8 | h[8 + i];
        unsigned char digest[32];
        bg_sha256 sha;
        bg_sha256_init(&sha);
        if (len == file.len - S_HEADER) {
            bg_sha256_update(&sha, file.data + S_HEADER, (size_t)len);
            bg_sha256_final(&sha, digest);
            if (memcmp(digest, h + 16, 32) == 0) {
                bg_buf_put(out, file.data + S_HEADER, (size_t)len);
                rc = 0;
            }
        }
    }
    bg_buf_free(&file);
    return rc;
}

static void S_write(const char *path, const bg_buf *program)
{
    unsigned char *data = bg_xmalloc(S_HEADER + program->len);
    memcpy(data, S_MAGIC, sizeof S_MAGIC);
    for (int i = 0; i < 8; i++)
        data[8 + i] = (unsigned char)((uint64_t)program->len >> (56 - 8 * i));
    bg_sha256 sha;
    bg_sha256_init(&sha);
    bg_sha256_update(&sha, program->data, program->len);
    bg_sha256_final(&sha, data + 16);
    memcpy(data + S_HEADER, program->data, program->len);
    (void)bg_cache_write(path, data, S_HEADER + program->len);
    free(data);
}

static void S_remember(const unsigned char key[32], const bg_buf *program)
{
    S_entry *e = &S_memory[S_memory_next];
    if (S_memory_count < S_MEMORY_MAX)
        S_memory_count++;
    else
        bg_buf_free(&e->program);
    S_memory_next = (S_memory_next + 1) % S_MEMORY_MAX;
    memcpy(e->key, key, 32);
    bg_buf_init(&e->program);
    bg_buf_put(&e->program, program->data, program->len);
}

int bg_pdf_subset_program(const bg_font *font, const uint32_t *gids, size_t count, bg_buf *out)
{
    unsigned flags = S_flags(font);
    unsigned char key[32];
    S_key(font, flags, gids, count, key);
    for (size_t i = 0; i < S_memory_count; i++)
        if (memcmp(S_memory[i].key, key, 32) == 0) {
            bg_buf_put(out, S_memory[i].program.data, S_memory[i].program.len);
            return 0;
        }
    char *path = S_file(key);
    bg_buf program = {0};
    int rc = 0;
    if (!path || S_read(path, &program) != 0) {
        bg_buf_clear(&program);
        rc = S_run(font, flags, gids, count, &program);
        if (rc == 0 && path)
            S_write(path, &program);
    }
    if (rc == 0) {
        S_remember(key, &program);
        bg_buf_put(out, program.data, program.len);
    }
    bg_buf_free(&program);
    free(path);
    return rc;
}

void bg_pdf_subset_cache_free(void)
{
    for (size_t i = 0; i < S_memory_count; i++)
        bg_buf_free(&S_memory[i].program);
    S_memory_count = S_memory_next = 0;
}
