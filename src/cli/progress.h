/* progress.h: a progress line on a terminal for a command that runs longer than a second
 * ("baogao: laying out data/2023/report.json… 1.5 s"), refreshed four times a second from
 * a timer signal and erased when the command ends. Nothing is printed when stderr is not a
 * terminal or the command is quiet. One progress line per process. */
#ifndef BG_PROGRESS_H
#define BG_PROGRESS_H

#include <stdbool.h>

/* Starts the clock; shows a line only when enabled and stderr is a terminal. */
void bg_progress_start(bool enabled);
/* Names the current step (e.g. _("laying out %s…") already formatted; copied). */
void bg_progress_step(const char *what);
/* Stops the timer and erases the line. Returns the seconds since bg_progress_start. */
double bg_progress_end(void);

#endif
