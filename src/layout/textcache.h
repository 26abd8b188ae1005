/* textcache.h: shaped and broken paragraphs kept between the builds of one process, so
 * that a rebuild of `baogao watch` shapes and breaks only the paragraphs whose text
 * changed. Keyed by content: the text, its style runs (faces, sizes, baseline shifts,
 * links) and the typographic settings for shaping; the measure, first-line indent and
 * alignment for breaking. Off unless bg_textcache_enable was called: a single build has
 * its own per-build cache (flow.h) and nothing to gain from copies. */
#ifndef BG_TEXTCACHE_H
#define BG_TEXTCACHE_H

#include "linebreak.h"
#include "../text/shape.h"

typedef struct bg_textcache_entry bg_textcache_entry;

/* Turns the cache on for the rest of the process. */
void bg_textcache_enable(void);
/* Whether it is on. */
bool bg_textcache_enabled(void);

/* Ends one build: drops every paragraph, and every breaking, the build did not use. */
void bg_textcache_sweep(void);

/* Frees the whole cache (it stays enabled). */
void bg_textcache_free(void);

/* bg_shape_paragraph, or a copy of the same shaping made by an earlier call with the same
 * text, runs and typo (caller frees it with bg_shaped_free). *entry is set to the cache
 * entry to pass to bg_textcache_break, or to NULL when the paragraph is not cached (cache
 * off, or shaping reported a diagnostic, which a cached copy would not repeat). */
bg_shaped *bg_textcache_shape(const char *text, size_t len, const bg_style_run *runs, size_t run_count,
                              const bg_typo *typo, bg_loc where, bg_diags *diags,
                              bg_textcache_entry **entry);

/* bg_break_lines of s (shaped by bg_textcache_shape, which gave entry, or NULL), or a
 * copy of the lines an earlier call with the same entry, measure, indent and alignment
 * made. Valid until the next bg_textcache_sweep. */
int bg_textcache_break(bg_textcache_entry *entry, const bg_shaped *s, double measure, double first_indent,
                       bg_align align, bg_lines *out);

#endif
