/* checks.c: many images checked at once (see image.h): the header probe on the caller's
 * thread, the full check (every byte decoded, verdict.c) on a pool of worker threads.
 *
 * Checking the 2023 report's fourteen 1500×1000 PNGs whole (63 MB of inflated rows) took
 * the first ~110 ms of a build on a fresh install, one after the other, on the main thread
 * alone; the model only needs their headers to go on, and the PDF writer only needs the
 * verdicts before it writes. So the model adds each image (header probed at once, errors
 * of the header reported in place) and the full checks run beside the rest of the build.
 *
 * The pool: min(online CPUs, 4) threads, started as jobs arrive and joined by
 * bg_image_checks_wait, which also runs queued jobs on the caller's thread. A job holds
 * the file's bytes until it is done; while more than S_PENDING_MAX bytes wait, the adding
 * thread runs jobs itself, so a report of many large images never holds them all in
 * memory. Jobs are found by their verdict key, so one file shown by several figures is
 * decoded once. Everything shared is behind one mutex; a job's own fields are written
 * by the one thread that runs it and read after the join. */
#include "image_impl.h"
#include "../base/parallel.h"
#include "../base/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { S_THREADS_MAX = 4 };
#define S_PENDING_MAX ((size_t)256 << 20)

typedef struct S_job {
    unsigned char key[32];
    bg_buf data; /* freed once checked */
    int rc;
    bg_image_error err;
} S_job;

struct bg_image_checks {
    pthread_mutex_t lock;
    pthread_cond_t more;      /* a job queued, or closing */
    S_job **jobs;             /* the pointers move when the array grows; the jobs do not */
    size_t count, cap, next;  /* jobs, their room, the next to run */
    size_t pending;           /* bytes held by jobs not yet run */
    pthread_t threads[S_THREADS_MAX];
    int thread_count, thread_max;
    bool closing;
};

static void S_run(S_job *j)
{
    bg_image_info info;
    j->rc = bg_image_probe((const unsigned char *)j->data.data, j->data.len, &info, &j->err);
    if (j->rc == 0)
        bg_image_verdict_keep(j->key, &info);
    bg_buf_free(&j->data);
}

/* Runs the next queued job, if any, with q->lock held on entry and on return. */
static bool S_take(bg_image_checks *q)
{
    if (q->next >= q->count)
        return false;
    S_job *j = q->jobs[q->next++];
    size_t len = j->data.len;
    pthread_mutex_unlock(&q->lock);
    S_run(j);
    pthread_mutex_lock(&q->lock);
    q->pending -= len;
    return true;
}

static void *S_worker(void *arg)
{
    bg_image_checks *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        if (S_take(q))
            continue;
        if (q->closing)
            break;
        pthread_cond_wait(&q->more, &q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

bg_image_checks *bg_image_checks_new(void)
{
    bg_image_checks *q = bg_xcalloc(1, sizeof *q);
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->more, NULL);
    int cpus = bg_cpu_count();
    q->thread_max = cpus > S_THREADS_MAX ? S_THREADS_MAX : cpus;
    return q;
}

int bg_image_checks_add(bg_image_checks *q, bg_buf *data, bg_image_info *info, bg_image_error *err,
                        size_t *job)
{
    const unsigned char *bytes = (const unsigned char *)data->data;
    unsigned char key[32];
    bg_image_verdict_key(bytes, data->len, key);
    err->msg[0] = '\0';
    int rc = 0;
    if (bg_image_verdict_find(key, info) == 0)
        goto done;
    rc = bg_image_probe_header(bytes, data->len, info, err);
    if (rc != 0)
        goto done;
    rc = 1;
    pthread_mutex_lock(&q->lock);
    for (size_t i = 0; i < q->count; i++)
        if (memcmp(q->jobs[i]->key, key, 32) == 0) {
            *job = i;
            pthread_mutex_unlock(&q->lock);
            bg_buf_free(data);
            goto done;
        }
    BG_GROW(q->jobs, q->cap, q->count + 1);
    S_job *j = bg_xcalloc(1, sizeof *j);
    memcpy(j->key, key, 32);
    j->data = *data;
    memset(data, 0, sizeof *data);
    *job = q->count;
    q->jobs[q->count++] = j;
    q->pending += j->data.len;
    size_t waiting = q->count - q->next;
    if (q->thread_count < q->thread_max && (size_t)q->thread_count < waiting &&
        pthread_create(&q->threads[q->thread_count], NULL, S_worker, q) == 0)
        q->thread_count++;
    pthread_cond_signal(&q->more);
    while (q->pending > S_PENDING_MAX && S_take(q))
        ; /* the workers are behind: help rather than hold more files */
    pthread_mutex_unlock(&q->lock);
done:
    return rc;
}

void bg_image_checks_wait(bg_image_checks *q)
{
    pthread_mutex_lock(&q->lock);
    q->closing = true;
    pthread_cond_broadcast(&q->more);
    while (S_take(q))
        ;
    pthread_mutex_unlock(&q->lock);
    for (int i = 0; i < q->thread_count; i++)
        pthread_join(q->threads[i], NULL);
    q->thread_count = 0;
    q->closing = false; /* jobs added later start new threads */
}

int bg_image_checks_result(const bg_image_checks *q, size_t job, bg_image_error *err)
{
    const S_job *j = q->jobs[job];
    if (j->rc != 0)
        *err = j->err;
    return j->rc;
}

void bg_image_checks_free(bg_image_checks *q)
{
    if (!q)
        return;
    bg_image_checks_wait(q);
    for (size_t i = 0; i < q->count; i++) {
        bg_buf_free(&q->jobs[i]->data);
        free(q->jobs[i]);
    }
    free(q->jobs);
    pthread_cond_destroy(&q->more);
    pthread_mutex_destroy(&q->lock);
    free(q);
}
