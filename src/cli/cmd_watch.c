/* cmd_watch.c: `baogao watch REPORT.json [-l LAYOUT] [-o OUT.pdf]`: builds, then watches
 * the report, its CSV files, its images and the layout (inotify on their folders, since
 * editors save by writing a new file and renaming it) and builds again after every save.
 * Each build is `baogao build`'s own (cmd_build.c: checked, then written to a temporary
 * file and renamed into place), so a viewer that reloads on change sees whole files and
 * the bytes equal a fresh build's; a bad edit prints its diagnostics and leaves the last
 * good PDF where it is. What does not change between builds stays in memory: the
 * fontconfig set-up, the font faces, the line break iterator, the font subsets, the
 * shaped and broken paragraphs (layout/textcache.h) and the deflated streams (pdf.h:
 * bg_pdf_keep_streams), the pages' digests (page.h) and the report's parsed JSON while
 * its bytes stay the same (model.h); what a build did not use is dropped after it, so a rebuild shapes
 * only the paragraphs whose text changed and deflates only the pages that changed.
 * One line per build: time of day, milliseconds, pages, and which pages changed.
 * Ctrl-C (SIGINT) or SIGTERM ends it with exit status 0. */
#include "commands.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "layout/page.h"
#include "layout/textcache.h"
#include "model/model.h"
#include "pdf/pdf.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t S_stop;

static void S_on_signal(int sig)
{
    (void)sig;
    S_stop = 1;
}

/* One watched folder and the names in it that are inputs. */
typedef struct S_dir {
    int wd;
    char *path;
    char **names;
    size_t count, cap;
} S_dir;

typedef struct S_watch {
    int fd;
    S_dir *dirs;
    size_t count, cap;
} S_watch;

static double S_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void S_watch_clear(S_watch *w)
{
    for (size_t i = 0; i < w->count; i++) {
        inotify_rm_watch(w->fd, w->dirs[i].wd);
        for (size_t k = 0; k < w->dirs[i].count; k++)
            free(w->dirs[i].names[k]);
        free(w->dirs[i].names);
        free(w->dirs[i].path);
    }
    w->count = 0;
}

/* Watches the folders of files (the inputs of the last build that loaded the report). */
static void S_watch_files(S_watch *w, char *const *files, size_t count)
{
    S_watch_clear(w);
    for (size_t i = 0; i < count; i++) {
        const char *slash = strrchr(files[i], '/');
        char *dir = slash ? bg_strprintf("%.*s", (int)(slash == files[i] ? 1 : slash - files[i]), files[i])
                          : bg_xstrdup(".");
        const char *name = slash ? slash + 1 : files[i];
        S_dir *d = NULL;
        for (size_t k = 0; k < w->count && !d; k++)
            if (strcmp(w->dirs[k].path, dir) == 0)
                d = &w->dirs[k];
        if (!d) {
            int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
            if (wd < 0) {
                fprintf(stderr, _("baogao watch: cannot watch %s: %s\n"), dir, strerror(errno));
                free(dir);
                continue;
            }
            BG_GROW(w->dirs, w->cap, w->count + 1);
            d = &w->dirs[w->count++];
            *d = (S_dir){wd, dir, NULL, 0, 0};
            dir = NULL;
        }
        free(dir);
        BG_GROW(d->names, d->cap, d->count + 1);
        d->names[d->count++] = bg_xstrdup(name);
    }
}

static bool S_is_input(const S_watch *w, const struct inotify_event *e)
{
    if (!e->len)
        return false;
    for (size_t i = 0; i < w->count; i++)
        if (w->dirs[i].wd == e->wd)
            for (size_t k = 0; k < w->dirs[i].count; k++)
                if (strcmp(w->dirs[i].names[k], e->name) == 0)
                    return true;
    return false;
}

/* What S_read_events saw of the inputs. */
enum {
    S_SAVED = 1,   /* an input was closed after writing or renamed into place: complete */
    S_CHANGING = 2 /* an input was created or deleted: more is probably coming */
};

/* Reads the events waiting on fd (waiting up to timeout_ms for the first); returns the
 * S_SAVED / S_CHANGING bits of those that concern an input (0 when none), or -1 on
 * interruption or error. */
static int S_read_events(const S_watch *w, int timeout_ms)
{
    struct pollfd p = {w->fd, POLLIN, 0};
    int n = poll(&p, 1, timeout_ms);
    if (n <= 0)
        return n == 0 ? 0 : -1;
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t len = read(w->fd, buf, sizeof buf);
    if (len <= 0)
        return -1;
    int hit = 0;
    for (char *at = buf; at < buf + len;) {
        const struct inotify_event *e = (const struct inotify_event *)at;
        if (S_is_input(w, e))
            hit |= e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO) ? S_SAVED : S_CHANGING;
        at += sizeof *e + e->len;
    }
    return hit;
}

/* "changed: 3, 5-7" (1-based physical pages) into out, or "no page changed". */
static void S_changes(const bg_build_result *old, const bg_build_result *now, char *out, size_t cap)
{
    size_t used = 0;
    int listed = 0;
    out[0] = '\0';
    for (size_t i = 0; i < now->pages; i++) {
        bool differs = !old->page_hashes || i >= old->pages || old->page_hashes[i] != now->page_hashes[i];
        if (!differs)
            continue;
        size_t j = i;
        while (j + 1 < now->pages &&
               (!old->page_hashes || j + 1 >= old->pages || old->page_hashes[j + 1] != now->page_hashes[j + 1]))
            j++;
        int n = j > i ? snprintf(out + used, cap - used, "%s%zu-%zu", listed ? ", " : "", i + 1, j + 1)
                      : snprintf(out + used, cap - used, "%s%zu", listed ? ", " : "", i + 1);
        if (n < 0 || (size_t)n >= cap - used) {
            snprintf(out + (cap > 5 ? cap - 5 : 0), cap > 5 ? 5 : cap, " …");
            return;
        }
        used += (size_t)n;
        listed = 1;
        i = j;
    }
    if (!listed)
        snprintf(out, cap, "%s", now->pages < old->pages ? _("pages removed at the end") : _("no page changed"));
}

static void S_report(const bg_build_result *old, const bg_build_result *now, int rc, double ms, bool first)
{
    time_t t = time(NULL);
    char clock[16];
    strftime(clock, sizeof clock, "%H:%M:%S", localtime(&t));
    if (rc != BG_EXIT_OK) {
        fprintf(stderr, _("%s build failed in %.0f ms; the last good PDF is kept\n"), clock, ms);
        return;
    }
    char changes[512];
    if (first)
        snprintf(changes, sizeof changes, "%s", _("first build"));
    else
        S_changes(old, now, changes, sizeof changes);
    /* TRANSLATORS: "12:03:04 built in 23 ms: 27 pages; changed: 3, 5-7" */
    fprintf(stderr, _("%s built in %.0f ms: %zu pages; %s\n"), clock, ms, now->pages, changes);
}

int bg_cmd_watch(const bg_cli_options *o)
{
    S_watch w = {inotify_init1(IN_CLOEXEC | IN_NONBLOCK), NULL, 0, 0};
    if (w.fd < 0) {
        fprintf(stderr, _("baogao watch: cannot start inotify: %s\n"), strerror(errno));
        return BG_EXIT_IO;
    }
    struct sigaction sa = {0};
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    bg_textcache_enable();
    bg_pdf_keep_streams();
    bg_page_digests_keep();
    bg_model_keep_json();
    bg_build_result good = {0}; /* the last build that wrote a PDF */
    bool first = true;
    while (!S_stop) {
        bg_build_result now = {0};
        double t0 = S_now();
        int rc = bg_cli_build(o, &now);
        double ms = (S_now() - t0) * 1000;
        bg_textcache_sweep();
        bg_pdf_kept_sweep();
        bg_page_digests_sweep();
        if (now.file_count > 0)
            S_watch_files(&w, now.files, now.file_count);
        else if (first)
            S_watch_files(&w, (char *const[]){(char *)o->input}, 1);
        S_report(&good, &now, rc, ms, first);
        if (rc == BG_EXIT_OK) {
            bg_build_result_free(&good);
            good = now;
            first = false;
        } else {
            bg_build_result_free(&now);
            if (rc == BG_EXIT_USAGE)
                break; /* the output cannot be written at all: nothing to wait for */
        }
        /* Wait for a save. A file closed after writing or renamed into place is whole:
         * build at once, after the events already queued. A file created or deleted
         * (an editor replacing it) is let settle until 3 ms pass without an event: the
         * settling would be paid on every rebuild (3 ms of the 25 a correction may
         * take). A slower writer only costs one more build, with the same bytes. */
        int hit = 0;
        while (!S_stop && hit == 0)
            hit = S_read_events(&w, 1000);
        for (int more; !S_stop && hit > 0 && (more = S_read_events(&w, hit & S_CHANGING ? 3 : 0)) > 0;)
            hit = (hit & ~S_CHANGING) | more;
        if (hit < 0 && !S_stop && errno != EINTR) {
            fprintf(stderr, _("baogao watch: %s\n"), strerror(errno));
            break;
        }
    }
    S_watch_clear(&w);
    free(w.dirs);
    close(w.fd);
    bg_build_result_free(&good);
    bg_textcache_free();
    bg_pdf_kept_free();
    bg_page_digests_free();
    bg_model_kept_free();
    return S_stop ? BG_EXIT_OK : BG_EXIT_IO;
}
