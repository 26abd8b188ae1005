/* ahead.h: body text shaped and broken on a second thread while the layout's first pass
 * walks the document. Shaping and breaking are most of a build's layout (116 M of the
 * 2023 report's 130 M instructions there) and need nothing from the pages, so before the
 * first pass the flow lists the texts it is going to ask for (bg_flow_ahead in build.c:
 * headings, paragraphs, case titles, in the order the walk meets them) and a thread
 * works down that list. When the layout reaches a text, bg_ahead_claim gives it what the
 * thread made; a text the thread has not begun is claimed for the layout, which shapes
 * it itself, and the thread passes over it. While the thread is on the text the layout
 * needs, the layout shapes later texts of the list rather than wait.
 *
 * What the thread made is used only when it was made from exactly the inputs the layout
 * has built itself (text, style runs, typographic settings, and for its lines the
 * measure, indent and alignment; para.c compares them): shaping and breaking are the
 * same deterministic functions of those inputs on either thread, so the PDF is the same
 * byte for byte. A text whose shaping reported anything is shaped again by the layout, so
 * that its diagnostics are reported once, in their place. */
#ifndef BG_AHEAD_H
#define BG_AHEAD_H

#include "flow.h"

#include <stdatomic.h>

/* What the thread made of one text, for para.c to compare and take. */
typedef struct bg_ahead_made {
    char *text; /* owned: the text the runs cover */
    size_t len;
    bg_style_run *runs; /* owned, with owned copies of their link names */
    size_t run_count;
    bg_typo typo;
    bg_shaped *shaped; /* owned, NULL when shaping reported a diagnostic */
    size_t *run_src;   /* owned: per shaped run, the run of `runs` it is a piece of */
    bg_lines lines;    /* owned, broken at the job's measure, indent and alignment */
} bg_ahead_made;

typedef struct bg_ahead_job {
    const void *key; /* the layout's key and slot for the text (para.c) */
    int slot;
    const bg_inline *in;
    char *prefix; /* owned, or NULL */
    bg_text_spec spec;
    double measure;
    atomic_int state; /* ahead.c */
    bg_ahead_made made;
} bg_ahead_job;

typedef struct bg_ahead bg_ahead;

/* A list to fill for flow f, whose fonts, style and document the thread reads (f must
 * outlive the list). */
bg_ahead *bg_ahead_new(const bg_flow *f);
/* Adds a text the layout will ask for as bg_para_inline(f, key, slot, in, prefix, spec,
 * measure); takes prefix (malloc'd, or NULL). Before bg_ahead_start only. */
void bg_ahead_add(bg_ahead *a, const void *key, int slot, const bg_inline *in, char *prefix,
                  const bg_text_spec *spec, double measure);
/* Starts the thread (no thread on a one-core machine, or when it cannot be made: then
 * every claim finds its text not begun, and the layout shapes everything). */
void bg_ahead_start(bg_ahead *a);
/* The job for (key, slot) that the thread has finished, after waiting for it when the
 * thread is on it; the caller takes what it wants of job->made and frees it with
 * bg_ahead_made_free. NULL when no job has this key, the layout claimed it before (the
 * thread will pass over it), or it was already given out. Layout thread only. */
bg_ahead_job *bg_ahead_claim(bg_ahead *a, const void *key, int slot);
void bg_ahead_made_free(bg_ahead_made *m);
/* Stops the thread (it finishes the text it is on), waits for it and frees the list with
 * whatever was not claimed. Accepts NULL. */
void bg_ahead_free(bg_ahead *a);

/* para.c: fills job->made as bg_para_inline on flow f would shape and break the job's
 * text (f: a flow of the layout's settings that only this thread uses); made.shaped is
 * NULL when shaping reported anything. */
void bg_para_make_ahead(bg_flow *f, bg_ahead_job *job);

#endif
