/* progress.c: the progress line (see progress.h). The line is written from a SIGALRM
 * handler with write(2) only; the step text is prepared outside the handler in one of
 * two buffers and published by an index, so the handler never sees a half-copied string. */
#include "progress.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static struct timespec S_start;
static bool S_on;            /* a timer is running */
static volatile sig_atomic_t S_shown; /* a line is on the screen */
static char S_text[2][512];
static volatile sig_atomic_t S_current = -1;

static double S_elapsed(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - S_start.tv_sec) + (double)(now.tv_nsec - S_start.tv_nsec) / 1e9;
}

static void S_tick(int sig)
{
    (void)sig;
    int saved = errno;
    int k = S_current;
    if (k >= 0) {
        char line[600];
        size_t n = 0;
        line[n++] = '\r';
        for (const char *p = S_text[k]; *p && n < 560; p++)
            line[n++] = *p;
        /* " 12.3 s" without printf (not async-signal-safe). */
        long tenths = (long)(S_elapsed() * 10);
        char digits[24];
        int d = 0;
        long whole = tenths / 10;
        do {
            digits[d++] = (char)('0' + whole % 10);
            whole /= 10;
        } while (whole && d < 20);
        line[n++] = ' ';
        while (d)
            line[n++] = digits[--d];
        line[n++] = '.';
        line[n++] = (char)('0' + tenths % 10);
        memcpy(line + n, " s\033[K", 5);
        n += 5;
        ssize_t w = write(STDERR_FILENO, line, n);
        (void)w;
        S_shown = 1;
    }
    errno = saved;
}

void bg_progress_start(bool enabled)
{
    clock_gettime(CLOCK_MONOTONIC, &S_start);
    S_current = -1;
    S_shown = 0;
    S_on = enabled && isatty(STDERR_FILENO);
    if (!S_on)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval t = {.it_value = {1, 0}, .it_interval = {0, 250000}};
    setitimer(ITIMER_REAL, &t, NULL);
}

void bg_progress_step(const char *what)
{
    if (!S_on)
        return;
    int k = S_current == 0 ? 1 : 0;
    snprintf(S_text[k], sizeof S_text[k], "%s", what);
    S_current = k;
}

double bg_progress_end(void)
{
    if (S_on) {
        struct itimerval off = {{0, 0}, {0, 0}};
        setitimer(ITIMER_REAL, &off, NULL);
        signal(SIGALRM, SIG_DFL);
        S_on = false;
        if (S_shown) {
            ssize_t w = write(STDERR_FILENO, "\r\033[K", 4);
            (void)w;
        }
    }
    return S_elapsed();
}
