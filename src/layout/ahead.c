/* ahead.c: the thread that shapes and breaks body text ahead of the layout (ahead.h).
 * Each job's state moves once from NEW to either WORKING (the thread, or the layout
 * shaping ahead of itself, took it) or TAKEN (the layout claimed it before anyone began
 * it), from WORKING to DONE, and from DONE to TAKEN when the layout takes it. When the
 * text the layout needs is WORKING on the thread, the layout shapes the next texts nobody
 * has begun until it is DONE, and waits on the condition only when none is left: on the
 * 2023 report it shapes a third of the texts so, and waits 0.4 ms in all. The list and its
 * index are made before the thread starts and never change after, so looking a job up
 * takes no lock. */
#include "ahead.h"
#include "../base/parallel.h"
#include "../base/xalloc.h"
#include "../text/breaks.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { S_NEW, S_WORKING, S_DONE, S_TAKEN };

/* How far the thread may go past the last text the layout asked for: what it made and the
 * layout has not taken is held twice over, and a report that keeps the layout busy
 * elsewhere (a table of 100,000 rows before the body) would otherwise have every text of
 * the body shaped and held at once. */
enum { S_AHEAD_MAX = 128 };

struct bg_ahead {
    bg_flow flow;     /* the thread's: the layout's fonts, style and document, nothing else */
    bg_flow own_flow; /* the same, for the texts the layout shapes while it waits */
    bg_diags unused[2]; /* the two flows' sinks, which nothing reports to (what shaping
                           reports goes to a sink per text, para.c) */
    size_t steal_from; /* no job before this one is NEW any more */
    bg_ahead_job *jobs;
    size_t count, cap;
    size_t *index; /* open addressing over (key, slot): job number + 1, 0 empty */
    size_t index_cap;
    pthread_mutex_t lock;
    pthread_cond_t done;  /* the thread: a job is DONE */
    pthread_cond_t moved; /* the layout: it asked for a later job, or the end */
    atomic_size_t asked;  /* 1 + the latest job the layout asked for */
    atomic_bool held;     /* the thread waits for the layout to move on */
    atomic_bool stop;
    pthread_t thread;
    bool running;
};

bg_ahead *bg_ahead_new(const bg_flow *f)
{
    bg_ahead *a = bg_xcalloc(1, sizeof *a);
    bg_diags_init(&a->unused[0]);
    bg_diags_init(&a->unused[1]);
    a->flow.doc = f->doc;
    a->flow.style = f->style;
    memcpy(a->flow.fonts, f->fonts, sizeof f->fonts);
    memcpy(a->flow.latin, f->latin, sizeof f->latin);
    a->flow.text_width = f->text_width;
    a->flow.text_height = f->text_height;
    a->flow.body_first_page = a->flow.front_first_page = -1;
    a->own_flow = a->flow;
    a->flow.diags = &a->unused[0];
    a->own_flow.diags = &a->unused[1];
    pthread_mutex_init(&a->lock, NULL);
    pthread_cond_init(&a->done, NULL);
    pthread_cond_init(&a->moved, NULL);
    atomic_init(&a->asked, 0);
    atomic_init(&a->held, false);
    atomic_init(&a->stop, false);
    return a;
}

void bg_ahead_add(bg_ahead *a, const void *key, int slot, const bg_inline *in, char *prefix,
                  const bg_text_spec *spec, double measure)
{
    BG_GROW(a->jobs, a->cap, a->count + 1);
    bg_ahead_job *j = &a->jobs[a->count++];
    memset(j, 0, sizeof *j);
    j->key = key;
    j->slot = slot;
    j->in = in;
    j->prefix = prefix;
    j->spec = *spec;
    j->measure = measure;
    atomic_init(&j->state, S_NEW);
}

static size_t S_hash(const void *key, int slot)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ull ^ (uint64_t)(unsigned)slot;
    return (size_t)(h ^ (h >> 29));
}

/* The index slot of (key, slot): the one holding its job, or the empty one where it goes. */
static size_t S_find(const bg_ahead *a, const void *key, int slot)
{
    size_t mask = a->index_cap - 1;
    for (size_t i = S_hash(key, slot) & mask;; i = (i + 1) & mask) {
        size_t k = a->index[i];
        if (!k || (a->jobs[k - 1].key == key && a->jobs[k - 1].slot == slot))
            return i;
    }
}

/* Waits while job i is too far past the layout's. */
static void S_hold(bg_ahead *a, size_t i)
{
    if (i < atomic_load(&a->asked) + S_AHEAD_MAX)
        return;
    pthread_mutex_lock(&a->lock);
    atomic_store(&a->held, true); /* before looking again: the layout's move is not missed */
    while (i >= atomic_load(&a->asked) + S_AHEAD_MAX && !atomic_load(&a->stop))
        pthread_cond_wait(&a->moved, &a->lock);
    atomic_store(&a->held, false);
    pthread_mutex_unlock(&a->lock);
}

/* The layout asked for job k. */
static void S_moved(bg_ahead *a, size_t k)
{
    if (k + 1 <= atomic_load(&a->asked))
        return;
    atomic_store(&a->asked, k + 1);
    if (atomic_load(&a->held)) {
        pthread_mutex_lock(&a->lock);
        pthread_cond_signal(&a->moved);
        pthread_mutex_unlock(&a->lock);
    }
}

static void *S_run(void *arg)
{
    bg_ahead *a = arg;
    for (size_t i = 0; i < a->count && !atomic_load(&a->stop); i++) {
        S_hold(a, i);
        bg_ahead_job *j = &a->jobs[i];
        int expected = S_NEW;
        if (!atomic_compare_exchange_strong(&j->state, &expected, S_WORKING))
            continue; /* the layout got here first */
        bg_para_make_ahead(&a->flow, j);
        pthread_mutex_lock(&a->lock);
        atomic_store(&j->state, S_DONE);
        pthread_cond_broadcast(&a->done);
        pthread_mutex_unlock(&a->lock);
    }
    bg_breaks_cache_free(); /* this thread's line break iterator */
    return NULL;
}

void bg_ahead_start(bg_ahead *a)
{
    a->index_cap = 16;
    while (a->index_cap < a->count * 2)
        a->index_cap *= 2;
    a->index = bg_xcalloc(a->index_cap, sizeof *a->index);
    for (size_t i = 0; i < a->count; i++) {
        size_t at = S_find(a, a->jobs[i].key, a->jobs[i].slot);
        if (!a->index[at]) /* asked twice: the first is the one the layout meets first */
            a->index[at] = i + 1;
    }
    if (a->count == 0 || bg_cpu_count() < 2)
        return;
    a->running = pthread_create(&a->thread, NULL, S_run, a) == 0;
}

/* The first job from `from` on that nobody has begun, now WORKING for the layout; NULL
 * when there is none. */
static bg_ahead_job *S_steal(bg_ahead *a, size_t from)
{
    if (a->steal_from < from)
        a->steal_from = from;
    for (; a->steal_from < a->count; a->steal_from++) {
        bg_ahead_job *j = &a->jobs[a->steal_from];
        int expected = S_NEW;
        if (atomic_compare_exchange_strong(&j->state, &expected, S_WORKING)) {
            a->steal_from++;
            return j;
        }
    }
    return NULL;
}

bg_ahead_job *bg_ahead_claim(bg_ahead *a, const void *key, int slot)
{
    if (!a || !a->index_cap)
        return NULL;
    size_t k = a->index[S_find(a, key, slot)];
    if (!k)
        return NULL;
    bg_ahead_job *j = &a->jobs[k - 1];
    S_moved(a, k - 1);
    int state = S_NEW;
    if (atomic_compare_exchange_strong(&j->state, &state, S_TAKEN))
        return NULL; /* not begun: the layout shapes it, the thread passes over it */
    while (state == S_WORKING) {
        /* Rather than wait, shape a later text the thread has not begun. */
        bg_ahead_job *later = S_steal(a, (size_t)(j - a->jobs) + 1);
        if (later) {
            bg_para_make_ahead(&a->own_flow, later);
            atomic_store(&later->state, S_DONE);
            state = atomic_load(&j->state);
            continue;
        }
        pthread_mutex_lock(&a->lock);
        while ((state = atomic_load(&j->state)) == S_WORKING)
            pthread_cond_wait(&a->done, &a->lock);
        pthread_mutex_unlock(&a->lock);
    }
    if (state != S_DONE)
        return NULL; /* given out before */
    atomic_store(&j->state, S_TAKEN);
    return j;
}

void bg_ahead_made_free(bg_ahead_made *m)
{
    free(m->text);
    bg_style_runs_free(m->runs, m->run_count);
    bg_shaped_free(m->shaped);
    free(m->run_src);
    bg_lines_free(&m->lines);
    memset(m, 0, sizeof *m);
}

void bg_ahead_free(bg_ahead *a)
{
    if (!a)
        return;
    if (a->running) {
        pthread_mutex_lock(&a->lock);
        atomic_store(&a->stop, true);
        pthread_cond_signal(&a->moved);
        pthread_mutex_unlock(&a->lock);
        pthread_join(a->thread, NULL);
    }
    for (size_t i = 0; i < a->count; i++) {
        bg_ahead_made_free(&a->jobs[i].made);
        free(a->jobs[i].prefix);
    }
    free(a->jobs);
    free(a->index);
    bg_diags_free(&a->unused[0]);
    bg_diags_free(&a->unused[1]);
    pthread_cond_destroy(&a->done);
    pthread_cond_destroy(&a->moved);
    pthread_mutex_destroy(&a->lock);
    free(a);
}
