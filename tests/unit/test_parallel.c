/* test_parallel.c: bg_parallel_for (base/parallel.h) runs every task exactly once, for no
 * task, one task and many more tasks than threads, and returns only when all are done. */
#include "base/parallel.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdatomic.h>
#include <cmocka.h>

#define N 10000

typedef struct S_tally {
    atomic_int runs[N];
    atomic_int total;
} S_tally;

static S_tally S_t;

static void S_count(void *arg, size_t i)
{
    S_tally *t = arg;
    atomic_fetch_add(&t->runs[i], 1);
    atomic_fetch_add(&t->total, 1);
}

static void S_check(size_t n)
{
    for (size_t i = 0; i < N; i++)
        atomic_store(&S_t.runs[i], 0);
    atomic_store(&S_t.total, 0);
    bg_parallel_for(n, S_count, &S_t);
    assert_int_equal(atomic_load(&S_t.total), (int)n);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(atomic_load(&S_t.runs[i]), i < n ? 1 : 0);
}

static void test_every_task_once(void **state)
{
    (void)state;
    S_check(0);
    S_check(1);
    S_check(2);
    S_check(7);
    S_check(N);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_task_once)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
