/* slots.c: the open-addressing index of slots.h (linear probing). */
#include "slots.h"
#include "xalloc.h"

#include <stdlib.h>

size_t bg_slots_find(const bg_slots *s, uint64_t hash, bg_slots_same same, const void *key)
{
    size_t mask = s->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask)
        if (!s->slot[i] || same(s->slot[i] - 1, key))
            return i;
}

static void S_place(bg_slots *s, size_t cap, size_t count, bg_slots_hash hash)
{
    free(s->slot);
    s->slot = bg_xcalloc(cap, sizeof *s->slot);
    s->cap = cap;
    for (size_t k = 0; k < count; k++) {
        size_t mask = cap - 1, i = (size_t)hash(k) & mask;
        while (s->slot[i])
            i = (i + 1) & mask;
        s->slot[i] = k + 1;
    }
}

void bg_slots_reserve(bg_slots *s, size_t count, bg_slots_hash hash)
{
    if ((count + 1) * 2 > s->cap)
        S_place(s, s->cap ? s->cap * 2 : 1024, count, hash);
}

void bg_slots_rebuild(bg_slots *s, size_t count, bg_slots_hash hash)
{
    if (s->cap)
        S_place(s, s->cap, count, hash);
}

void bg_slots_free(bg_slots *s)
{
    free(s->slot);
    s->slot = NULL;
    s->cap = 0;
}
