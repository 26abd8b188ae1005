/* textcache.h: shaped and broken paragraphs kept between builds, so that a rebuild shapes
 * and breaks only the paragraphs whose text changed: between the builds of one process
 * (`baogao watch`, bg_textcache_enable), and between processes in a file of the cache
 * folder (`baogao build`, bg_textcache_persist; textdisk.c). Keyed by content: the text,
 * its style runs (faces, sizes, baseline shifts, links) and the typographic settings for
 * shaping; the measure, first-line indent and alignment for breaking. Off otherwise: a
 * single build has its own per-build cache (flow.h) and nothing to gain from copies. */
#ifndef BG_TEXTCACHE_H
#define BG_TEXTCACHE_H

#include "linebreak.h"
#include "../text/shape.h"

typedef struct bg_textcache_entry bg_textcache_entry;

/* Turns the cache on for the rest of the process. */
void bg_textcache_enable(void);
/* Whether `watch` turned it on. */
bool bg_textcache_enabled(void);

/* The next build keeps its text in the cache folder's file for this report and layout
 * (the files' absolute paths name it), and takes what an earlier build of them kept
 * there when bg_textcache_load finds it. No effect under `watch`. */
void bg_textcache_persist(const char *report_file, const char *layout_file);
/* Reads that file into the cache, taking the faces of its paragraphs from fonts[0..n-1]
 * (a paragraph set in another face is dropped). Returns true when it gave the cache
 * paragraphs to reuse: the layout then shapes only what it does not find (no thread
 * shaping ahead); false when there was nothing, and the build keeps what it shapes. */
bool bg_textcache_load(bg_font *const *fonts, size_t n);
/* After the layout: when the build shaped or broke anything anew or left anything
 * unused, the paragraphs it used are written to the file, on a thread of their own while
 * the PDF is written (atomically; a failure costs the next build its shaping, never an
 * output byte); the cache is emptied. */
void bg_textcache_stage(void);
/* Before the process ends: waits for that thread. Ends the persisted build. */
void bg_textcache_save(void);

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

/* Keeps s (shaped elsewhere from text, runs and typo, without a diagnostic: the thread
 * shaping ahead) as bg_textcache_shape would have; returns its entry (NULL when the cache
 * is off), for bg_textcache_break or bg_textcache_record_lines. */
bg_textcache_entry *bg_textcache_record(const char *text, size_t len, const bg_style_run *runs, size_t run_count,
                                        const bg_typo *typo, const bg_shaped *s);
/* Keeps lines (of a paragraph of `glyphs` glyphs, broken elsewhere) as entry's breaking
 * at measure, indent and alignment. entry NULL: nothing. */
void bg_textcache_record_lines(bg_textcache_entry *entry, size_t glyphs, double measure, double first_indent,
                               bg_align align, const bg_lines *lines);

#endif
