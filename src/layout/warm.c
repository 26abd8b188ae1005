/* warm.c: a second thread making the first use of the layout's faces and of ICU's word
 * dictionary while the report loads (warm.h). It finds the faces itself: font.c is made
 * for one thread at a time, and from bg_warm_start to bg_warm_finish that thread is this
 * one (loading the report asks nothing of it). Shaping a sample with each face and
 * breaking it into words is what HarfBuzz and ICU allow from any thread. */
#include "warm.h"
#include "textcache.h"
#include "../base/icu.h"
#include "../base/parallel.h"
#include "../base/xalloc.h"
#include "../text/breaks.h"
#include "../text/shape.h"
#include "../text/words.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Han, the punctuation a report sets (whose blanks shaping measures), digits and Latin
 * letters: what the first paragraph of any report asks of a face. */
static const char S_SAMPLE[] = "中国教育报告年度学校学生教师发展，。、；：？！“”‘’（）《》【】—…·"
                               "2023 Report 45.6% ABC xyz";

struct bg_warm {
    pthread_t thread;
    const bg_style *style; /* borrowed */
    char *report_dir;      /* owned */
    bg_font *fonts[BG_ROLE_COUNT][2], *latin[BG_ROLE_COUNT][2]; /* owned references, or NULL */
    atomic_bool stop;
};

/* The family the layout will take from list: the first with a face, when what earlier
 * runs recorded says so for every family before it; else NULL. */
static const char *S_family(char *const *list, const char *font_dir)
{
    for (size_t i = 0; i < BG_MAX_FAMILIES && list[i]; i++) {
        int has = bg_font_family_recorded(list[i], font_dir);
        if (has != 0)
            return has == 1 ? list[i] : NULL;
    }
    return NULL;
}

static void S_drop(bg_warm *w)
{
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        for (int b = 0; b < 2; b++) {
            bg_font_drop(w->fonts[r][b]);
            bg_font_drop(w->latin[r][b]);
        }
    free(w->report_dir);
    free(w);
}

/* The faces the layout will find, as it finds them (layout.c, S_load_fonts): the report's
 * fonts/ folder noted before the style's, as the preflight notes them. */
static bool S_find_faces(bg_warm *w)
{
    static const char *const styles[2] = {"Regular", "Bold"};
    const bg_style *style = w->style;
    char *fonts = bg_strprintf("%s/fonts", w->report_dir);
    bg_font_add_dir(fonts);
    free(fonts);
    bool any = false;
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        const char *family = S_family(style->font_family[r], style->font_dir);
        const char *latin = S_family(style->latin_family[r], style->font_dir);
        for (int b = 0; b < 2 && family; b++) {
            w->fonts[r][b] = bg_font_find_recorded(family, styles[b], style->font_dir);
            if (w->fonts[r][b] && latin)
                w->latin[r][b] = bg_font_find_recorded(latin, styles[b], style->font_dir);
            any = any || w->fonts[r][b];
        }
    }
    return any;
}

static void *S_run(void *arg)
{
    bg_warm *w = arg;
    (void)bg_icu(); /* ICU's libraries opened here rather than by the layout (base/icu.h) */
    if (!S_find_faces(w))
        return NULL;
    bg_diags quiet; /* a Latin face has no Han: its warnings go nowhere */
    bg_diags_init(&quiet);
    size_t len = sizeof S_SAMPLE - 1;
    for (int r = 0; r < BG_ROLE_COUNT && !atomic_load(&w->stop); r++)
        for (int b = 0; b < 2 && !atomic_load(&w->stop); b++) {
            if (!w->fonts[r][b])
                continue;
            bg_style_run run = {.start = 0, .end = len, .font = w->fonts[r][b], .size = 10.5,
                                .latin = w->latin[r][b]};
            bg_shaped_free(bg_shape_paragraph(S_SAMPLE, len, &run, 1, &w->style->typo, (bg_loc){0}, &quiet));
        }
    if (!atomic_load(&w->stop)) {
        size_t *bounds = NULL;
        bg_word_boundaries(S_SAMPLE, len, "zh", &bounds);
        free(bounds);
    }
    bg_breaks_cache_free(); /* this thread's line break iterator */
    bg_diags_free(&quiet);
    return NULL;
}

bg_warm *bg_warm_start(const bg_style *style, const char *report_path)
{
    if (!style || bg_textcache_enabled() || bg_cpu_count() < 2)
        return NULL; /* `watch` keeps its faces warm between builds */
    bg_warm *w = bg_xcalloc(1, sizeof *w);
    w->style = style;
    w->report_dir = bg_path_dirname(report_path);
    atomic_init(&w->stop, false);
    if (pthread_create(&w->thread, NULL, S_run, w) != 0) {
        S_drop(w);
        return NULL;
    }
    return w;
}

void bg_warm_finish(bg_warm *w)
{
    if (!w)
        return;
    atomic_store(&w->stop, true);
    pthread_join(w->thread, NULL);
    S_drop(w);
}
