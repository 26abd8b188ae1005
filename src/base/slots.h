/* slots.h: an open-addressing index from 64-bit hashes to entry numbers, for the caches
 * that keep results between the builds of one process (layout/textcache.c, pdf/kept.c).
 * The caller owns its entries, numbered 0…count-1, and compares whole keys: the index only
 * says where to look. */
#ifndef BG_SLOTS_H
#define BG_SLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bg_slots {
    size_t *slot; /* owned: entry number + 1 in each slot, 0 for an empty one */
    size_t cap;   /* a power of two, at least twice the entries; 0 before the first entry */
} bg_slots;

/* Whether entry `entry` has the key `key` points at. */
typedef bool (*bg_slots_same)(size_t entry, const void *key);
/* The hash of entry `entry`. */
typedef uint64_t (*bg_slots_hash)(size_t entry);

/* The slot for a key of this hash: the one holding the entry same() accepts, or the empty
 * one where it would go. Needs s->cap > 0. */
size_t bg_slots_find(const bg_slots *s, uint64_t hash, bg_slots_same same, const void *key);
/* Makes room for entry number `count` (entries 0…count-1 are in the index): past half
 * full the index doubles (from 1024 slots) and they are placed again. */
void bg_slots_reserve(bg_slots *s, size_t count, bg_slots_hash hash);
/* Places entries 0…count-1 again at the same size, after some were removed. */
void bg_slots_rebuild(bg_slots *s, size_t count, bg_slots_hash hash);
void bg_slots_free(bg_slots *s);

#endif
