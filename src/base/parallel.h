/* parallel.h: running n independent tasks on the machine's cores (pthreads), for work that
 * is known all at once and needs no order: fn(arg, i) for every i in [0, n), each exactly
 * once, on the calling thread and on up to min(online CPUs, 4) - 1 more. Returns when all
 * are done. fn must touch only what task i owns, or take its own locks; results are read
 * by the caller after the return, in whatever order it likes (deterministic output stays
 * the caller's business). Without threads (pthread_create failing) the caller runs them. */
#ifndef BG_PARALLEL_H
#define BG_PARALLEL_H

#include <stddef.h>

void bg_parallel_for(size_t n, void (*fn)(void *arg, size_t i), void *arg);

/* The processors this process may run on (its affinity mask, so `taskset -c 0` gives 1),
 * at least 1. */
int bg_cpu_count(void);

#endif
