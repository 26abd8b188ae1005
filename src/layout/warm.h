/* warm.h: the first use of a face and of ICU's Chinese word dictionary, made on a second
 * thread while the report loads. HarfBuzz loads a face's tables and builds its lookup
 * accelerators on the first text it shapes (0.3–0.4 ms for a Noto CJK face), and ICU
 * reads its word dictionary on the first word iterator (about 2 ms); the layout's first
 * pass made those uses on its own threads, where they lengthened the build (pass 0 of the
 * 2023 report: 19.5 ms with them, 16.3 ms after them). The faces are the ones the layout
 * will find (the style's first installed family of each role, Regular and Bold), taken
 * only from what earlier runs recorded (font.h, bg_font_find_recorded): nothing is asked
 * of fontconfig and nothing is reported, so a face that would need either is left for the
 * layout, which finds it and says what it has to say as before. What the thread shapes it
 * throws away: the layout's text, and so the PDF, is the same with or without it. */
#ifndef BG_WARM_H
#define BG_WARM_H

#include "style.h"

typedef struct bg_warm bg_warm;

/* Starts warming for a build of the report at report_path with style (which must outlive
 * the warming); NULL when there is one processor, or no thread. Until bg_warm_finish the
 * thread is the one using font.h: the caller calls nothing of it (loading the report
 * does not). */
bg_warm *bg_warm_start(const bg_style *style, const char *report_path);
/* Stops the thread after the use it is making, waits for it and drops its faces (the
 * process keeps them for the layout, font.h). Accepts NULL. */
void bg_warm_finish(bg_warm *w);

#endif
