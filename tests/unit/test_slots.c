/* test_slots.c: bg_slots (base/slots.h) finds every entry after growing past several
 * doublings, with many hashes colliding (only 64 distinct), and after a rebuild that drops
 * every other entry finds exactly the ones left. */
#include "base/slots.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define N 5000

static unsigned S_keys[N];
static size_t S_count;

static uint64_t S_hash_key(unsigned key)
{
    return (uint64_t)(key % 64) * 0x9e3779b97f4a7c15ull;
}

static uint64_t S_hash_of(size_t entry)
{
    return S_hash_key(S_keys[entry]);
}

static bool S_same(size_t entry, const void *key)
{
    return S_keys[entry] == *(const unsigned *)key;
}

static size_t S_lookup(const bg_slots *s, unsigned key)
{
    return s->slot[bg_slots_find(s, S_hash_key(key), S_same, &key)];
}

static void test_grow_and_rebuild(void **state)
{
    (void)state;
    bg_slots s = {0};
    for (unsigned key = 0; key < N; key++) {
        bg_slots_reserve(&s, S_count, S_hash_of);
        S_keys[S_count++] = key * 7;
        unsigned k = key * 7;
        size_t slot = bg_slots_find(&s, S_hash_key(k), S_same, &k);
        assert_int_equal(s.slot[slot], 0);
        s.slot[slot] = S_count;
    }
    assert_true(s.cap >= 2 * N);
    for (unsigned key = 0; key < N; key++)
        assert_int_equal(S_lookup(&s, key * 7), key + 1);
    assert_int_equal(S_lookup(&s, 3), 0); /* not a multiple of 7 below 7 * N: absent */
    size_t kept = 0;
    for (size_t i = 0; i < S_count; i++)
        if (i % 2 == 0)
            S_keys[kept++] = S_keys[i];
    S_count = kept;
    size_t cap = s.cap;
    bg_slots_rebuild(&s, S_count, S_hash_of);
    assert_int_equal(s.cap, cap);
    for (unsigned key = 0; key < N; key++)
        assert_int_equal(S_lookup(&s, key * 7), key % 2 == 0 ? key / 2 + 1 : 0);
    bg_slots_free(&s);
    assert_null(s.slot);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_grow_and_rebuild)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
