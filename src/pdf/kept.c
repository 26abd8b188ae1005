/* kept.c: what the PDF writer made in one build, kept for the next ones of the same
 * process (`baogao watch`, bg_pdf_keep_streams): byte strings looked up by the exact bytes
 * of what they were made from (their key) and a kind, in a hash table. Whole keys are
 * compared, never only their hash, so a kept value stands only for the same input. A
 * sweep after each build drops what that build did not use. */
#include "pdf_ctx.h"
#include "../base/slots.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct S_entry {
    uint64_t hash;
    int kind;
    bg_buf key, value;
    unsigned used; /* the build that last used it */
} S_entry;

static bool S_on;
static S_entry *S_entries;
static size_t S_count, S_cap;
static bg_slots S_index; /* entries by hash */
static unsigned S_build = 1;

void bg_pdf_keep_streams(void)
{
    S_on = true;
}

bool bg_pdf_keeping(void)
{
    return S_on;
}

/* FNV-1a over 8-byte words (the tail bytewise). */
static uint64_t S_hash(int kind, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)kind;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
    }
    for (; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return (h ^ len) * 0xff51afd7ed558ccdull;
}

/* A key looked up. */
typedef struct S_key {
    uint64_t hash;
    int kind;
    const void *data;
    size_t len;
} S_key;

static bool S_same(size_t entry, const void *key)
{
    const S_key *k = key;
    const S_entry *e = &S_entries[entry];
    return e->hash == k->hash && e->kind == k->kind && e->key.len == k->len && memcmp(e->key.data, k->data, k->len) == 0;
}

static uint64_t S_hash_of(size_t entry)
{
    return S_entries[entry].hash;
}

const bg_buf *bg_pdf_kept_find(int kind, const void *key, size_t len)
{
    if (!S_on || !S_index.cap)
        return NULL;
    S_key k = {S_hash(kind, key, len), kind, key, len};
    size_t at = S_index.slot[bg_slots_find(&S_index, k.hash, S_same, &k)];
    if (!at)
        return NULL;
    S_entries[at - 1].used = S_build;
    return &S_entries[at - 1].value;
}

void bg_pdf_kept_add(int kind, const void *key, size_t len, const void *value, size_t value_len)
{
    if (!S_on)
        return;
    bg_slots_reserve(&S_index, S_count, S_hash_of);
    uint64_t hash = S_hash(kind, key, len);
    S_key k = {hash, kind, key, len};
    size_t slot = bg_slots_find(&S_index, hash, S_same, &k);
    if (S_index.slot[slot])
        return; /* already kept */
    BG_GROW(S_entries, S_cap, S_count + 1);
    S_entry *e = &S_entries[S_count++];
    *e = (S_entry){hash, kind, {0}, {0}, S_build};
    bg_buf_put(&e->key, key, len);
    bg_buf_put(&e->value, value, value_len);
    S_index.slot[slot] = S_count;
}

void bg_pdf_kept_sweep(void)
{
    size_t n = 0;
    for (size_t i = 0; i < S_count; i++) {
        if (S_entries[i].used == S_build) {
            S_entries[n++] = S_entries[i];
        } else {
            bg_buf_free(&S_entries[i].key);
            bg_buf_free(&S_entries[i].value);
        }
    }
    S_count = n;
    bg_slots_rebuild(&S_index, S_count, S_hash_of);
    S_build++;
}

void bg_pdf_kept_free(void)
{
    for (size_t i = 0; i < S_count; i++) {
        bg_buf_free(&S_entries[i].key);
        bg_buf_free(&S_entries[i].value);
    }
    free(S_entries);
    bg_slots_free(&S_index);
    S_entries = NULL;
    S_count = S_cap = 0;
}
