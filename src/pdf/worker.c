/* worker.c: the PDF writer's second thread (pdf_ctx.h). A build used one core for most
 * of its run on a machine with two; the writer's work that needs no libharu goes to a
 * thread started when the pages are laid out:
 *   - first the digests of every page (bg_page_digests_fresh), ahead of the drawing that
 *     records them (pieceinfo.c; a page the thread has not begun when the drawing needs
 *     it is digested by the main thread, so neither waits for the other long);
 *   - then the deflating of each page's content stream, handed over by the main thread
 *     as soon as the page is drawn (bg_pdf_deflate_page), while it draws the next pages,
 *     embeds the fonts and writes the rest; and of the other streams deflate.c is given
 *     while the thread runs (ToUnicode CMaps, CIDSets, table cells: bg_pdf_worker_put).
 * bg_pdf_deflate_pages deflates what the thread has not begun from the last stream down,
 * joins the thread and gives every stream its deflated bytes, in the order they were
 * handed over, on the main thread: the bytes are those of deflating each in turn. libharu is only called by the main thread; the thread reads the laid-out
 * pages (which nothing changes while it runs), and its own copy of each stream's data.
 * In `baogao watch` the digests and the deflated streams are kept between builds (page.c,
 * kept.c, process-wide tables the thread must not touch): the digests are then taken on
 * the main thread, the kept streams looked up and added there, only the deflating being
 * done by the thread. Without a thread (pthread_create failed) the same work is done on
 * the main thread, where it was done before. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { S_CONTENT_LEVEL = 5 }; /* measured: deflate.c */

/* A stream to deflate: its data, then its deflated bytes. */
typedef struct S_job {
    HPDF_Dict stream;    /* the stream dictionary it is for (written on the main thread) */
    int level;
    bg_buf raw;          /* the data (freed once deflated unless kept for watch) */
    const bg_buf *kept;  /* the same bytes deflated in an earlier build, or NULL */
    unsigned char *z;    /* owned: deflated by the thread */
    size_t z_len;
    bool failed;
} S_job;

/* One page: its digests. */
typedef struct S_page {
    int digest_state;            /* S_TODO, S_DOING, S_DONE (under lock) */
    char content[65], whole[65];
} S_page;

enum { S_TODO, S_DOING, S_DONE };

struct bg_pdf_worker {
    pthread_t thread;
    bool running;            /* the thread was started and not yet joined */
    pthread_mutex_t lock;
    pthread_cond_t wake;     /* the thread: a job queued, or the end */
    pthread_cond_t digested; /* the main thread: one more page digested */
    size_t digest_next;      /* the thread's next page to digest (under lock) */
    const bg_pages *pages;   /* borrowed */
    S_page *page;            /* owned, pages->count */
    size_t count;
    bool digests;            /* the threads share the digests */
    S_job **jobs;            /* owned, in the order handed over (the array under lock) */
    size_t queued, cap, taken; /* under lock */
    size_t end;              /* under lock: the thread takes jobs [taken, end); the main
                                thread, done handing over, deflates from the end down */
    bool closing;            /* under lock: no more jobs will be queued */
    bool keep_raw;           /* watch: raw stays, the key of the kept stream */
};

static void S_deflate(bg_pdf_worker *w, S_job *j)
{
    bg_buf z = {0};
    if (bg_pdf_deflate(j->raw.data, j->raw.len, j->level, &z) != 0) {
        j->failed = true;
        z.len = 0;
    }
    j->z_len = z.len;
    /* kept until the join: only what it holds (the bound is about the data's size, five
     * times the deflated page; 13 MB more at the peak of a 720-page build) */
    j->z = bg_xrealloc(z.data, z.len ? z.len : 1);
    if (!w->keep_raw)
        bg_buf_free(&j->raw);
}

static void *S_run(void *arg)
{
    bg_pdf_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    while (w->digests && w->digest_next < w->count) {
        S_page *p = &w->page[w->digest_next++];
        if (p->digest_state != S_TODO)
            continue; /* the main thread got there first */
        p->digest_state = S_DOING;
        pthread_mutex_unlock(&w->lock);
        bg_page_digests_fresh(&w->pages->pages[p - w->page], p->content, p->whole);
        pthread_mutex_lock(&w->lock);
        p->digest_state = S_DONE;
        pthread_cond_signal(&w->digested);
    }
    for (;;) {
        while (w->taken == w->end && !w->closing)
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->taken == w->end)
            break;
        S_job *j = w->jobs[w->taken++];
        pthread_mutex_unlock(&w->lock);
        if (!j->kept)
            S_deflate(w, j);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

void bg_pdf_worker_start(bg_pdf_ctx *ctx, const bg_pages *pages)
{
    bg_pdf_worker *w = bg_xcalloc(1, sizeof *w);
    ctx->worker = w;
    w->pages = pages;
    w->count = pages->count;
    w->page = bg_xcalloc(w->count ? w->count : 1, sizeof *w->page);
    w->keep_raw = bg_pdf_keeping();
    w->digests = !bg_page_digests_keeping();
    if (w->digests) /* the font's digest may still be being computed: wait for it here */
        for (size_t i = 0; i < pages->count; i++)
            for (size_t k = 0; k < pages->pages[i].count; k++) {
                const bg_item *it = &pages->pages[i].items[k];
                if (it->kind == BG_ITEM_GLYPHS && it->u.glyphs.font)
                    (void)bg_font_sha256(it->u.glyphs.font);
            }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->digested, NULL);
    w->running = pthread_create(&w->thread, NULL, S_run, w) == 0;
    if (!w->running)
        w->digests = false; /* done on the main thread, as page by page */
}

void bg_pdf_page_digests(bg_pdf_ctx *ctx, size_t index, const bg_page *src, char content[65], char whole[65])
{
    bg_pdf_worker *w = ctx->worker;
    if (!w || !w->digests || index >= w->count) {
        bg_page_digests(src, content, whole);
        return;
    }
    S_page *p = &w->page[index];
    pthread_mutex_lock(&w->lock);
    bool mine = p->digest_state == S_TODO; /* the thread is behind: done here */
    if (mine)
        p->digest_state = S_DOING;
    while (!mine && p->digest_state != S_DONE)
        pthread_cond_wait(&w->digested, &w->lock);
    pthread_mutex_unlock(&w->lock);
    if (mine)
        bg_page_digests_fresh(src, p->content, p->whole); /* no need to mark it done */
    memcpy(content, p->content, 65);
    memcpy(whole, p->whole, 65);
}

/* Queues job (taken over) for the thread, or deflates it here when there is none; a
 * stream kept from an earlier build is only looked up. */
static void S_queue(bg_pdf_worker *w, S_job *j)
{
    if (w->keep_raw)
        j->kept = bg_pdf_kept_find(BG_KEPT_DEFLATED + 16 * j->level, j->raw.data, j->raw.len);
    if (!j->kept && !w->running)
        S_deflate(w, j);
    pthread_mutex_lock(&w->lock);
    BG_GROW(w->jobs, w->cap, w->queued + 1);
    w->jobs[w->queued++] = j;
    w->end = w->queued;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

bool bg_pdf_worker_put(bg_pdf_ctx *ctx, HPDF_Dict stream, const void *data, size_t len, int level)
{
    bg_pdf_worker *w = ctx->worker;
    if (!w || !w->running)
        return false;
    S_job *j = bg_xcalloc(1, sizeof *j);
    j->stream = stream;
    j->level = level;
    bg_buf_init(&j->raw);
    bg_buf_put(&j->raw, data, len);
    S_queue(w, j);
    return true;
}

bool bg_pdf_deflate_page(bg_pdf_ctx *ctx, size_t index)
{
    bg_pdf_worker *w = ctx->worker;
    if (!ctx->compress || !w || index >= w->count || index >= ctx->page_count)
        return false;
    HPDF_Dict contents = ((HPDF_PageAttr)ctx->pages[index]->attr)->contents;
    if (!contents || contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
        return false;
    S_job *j = bg_xcalloc(1, sizeof *j);
    j->stream = contents;
    j->level = S_CONTENT_LEVEL;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(contents->stream);
    size_t total = 0;
    for (HPDF_UINT k = 0; k < n; k++) {
        HPDF_UINT len = 0;
        if (HPDF_MemStream_GetBufPtr(contents->stream, k, &len))
            total += len;
    }
    if (total == 0) { /* all of it still ours (no image on the page): taken as it is */
        j->raw = ctx->page_ops;
        bg_buf_init(&ctx->page_ops);
        bg_buf_put(&j->raw, "", 0); /* data never NULL, even for an empty page */
    } else { /* what libharu wrote (an image), then what came after it */
        bg_buf_init(&j->raw);
        BG_GROW(j->raw.data, j->raw.cap, total + ctx->page_ops.len + 1);
        for (HPDF_UINT k = 0; k < n; k++) {
            HPDF_UINT len = 0;
            HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(contents->stream, k, &len);
            if (b && len)
                bg_buf_put(&j->raw, b, len);
        }
        bg_buf_put(&j->raw, ctx->page_ops.data, ctx->page_ops.len);
        bg_buf_clear(&ctx->page_ops);
    }
    HPDF_MemStream_FreeData(contents->stream);
    S_queue(w, j);
    return true;
}

/* Ends the thread once it has done what it was given. */
static void S_join(bg_pdf_worker *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->lock);
    w->closing = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    w->running = false;
}

/* Deflates, on the main thread, the jobs the thread has not begun, from the last one
 * down, until the two meet: the main thread has nothing else left to do (on the 2023
 * report it waited 3 ms here for the thread). */
static void S_help(bg_pdf_worker *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->lock);
    w->closing = true; /* nothing more is handed over */
    while (w->taken < w->end) {
        S_job *j = w->jobs[--w->end];
        pthread_mutex_unlock(&w->lock);
        if (!j->kept)
            S_deflate(w, j);
        pthread_mutex_lock(&w->lock);
    }
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

int bg_pdf_deflate_pages(bg_pdf_ctx *ctx)
{
    bg_pdf_worker *w = ctx->worker;
    if (!w)
        return 0;
    S_help(w);
    S_join(w);
    int rc = 0;
    for (size_t i = 0; i < w->queued && rc == 0; i++) {
        S_job *j = w->jobs[i];
        if (j->kept) {
            rc = bg_pdf_stream_put_deflated(j->stream, j->kept->data, j->kept->len);
            continue;
        }
        if (j->failed || !j->z) {
            rc = -1;
            break;
        }
        rc = bg_pdf_stream_put_deflated(j->stream, j->z, j->z_len);
        if (rc == 0)
            bg_pdf_kept_add(BG_KEPT_DEFLATED + 16 * j->level, j->raw.data, j->raw.len, j->z, j->z_len);
    }
    return rc == 0 ? 0 : bg_pdf_fail(ctx, _("compressing a page's content"));
}

void bg_pdf_worker_free(bg_pdf_ctx *ctx)
{
    bg_pdf_worker *w = ctx->worker;
    if (!w)
        return;
    S_join(w);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    pthread_cond_destroy(&w->digested);
    for (size_t i = 0; i < w->queued; i++) {
        bg_buf_free(&w->jobs[i]->raw);
        free(w->jobs[i]->z);
        free(w->jobs[i]);
    }
    free(w->jobs);
    free(w->page);
    free(w);
    ctx->worker = NULL;
}
