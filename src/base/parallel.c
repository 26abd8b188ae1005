/* parallel.c: bg_parallel_for (see parallel.h). The tasks are handed out one at a time
 * from a shared counter, so a long task on one thread leaves the others to the rest. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "parallel.h"

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

enum { S_THREADS_MAX = 4 };

typedef struct S_run {
    pthread_mutex_t lock;
    size_t next, n;
    void (*fn)(void *arg, size_t i);
    void *arg;
} S_run;

static void *S_worker(void *p)
{
    S_run *r = p;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t i = r->next < r->n ? r->next++ : r->n;
        pthread_mutex_unlock(&r->lock);
        if (i == r->n)
            return NULL;
        r->fn(r->arg, i);
    }
}

void bg_parallel_for(size_t n, void (*fn)(void *arg, size_t i), void *arg)
{
    S_run r = {.next = 0, .n = n, .fn = fn, .arg = arg};
    pthread_mutex_init(&r.lock, NULL);
    size_t want = (size_t)bg_cpu_count() - 1;
    if (want > S_THREADS_MAX - 1)
        want = S_THREADS_MAX - 1;
    if (want + 1 > n) /* no more threads than tasks */
        want = n > 0 ? n - 1 : 0;
    pthread_t threads[S_THREADS_MAX];
    size_t started = 0;
    while (started < want && pthread_create(&threads[started], NULL, S_worker, &r) == 0)
        started++;
    S_worker(&r);
    for (size_t t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&r.lock);
}

int bg_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 1 ? (int)cpus : 1;
}
