/* textcache_impl.h: the entries of the text cache, shared by textcache.c (the table kept
 * in memory) and textdisk.c (its copy in a file between processes). Not for other files. */
#ifndef BG_TEXTCACHE_IMPL_H
#define BG_TEXTCACHE_IMPL_H

#include "textcache.h"

#include <stdint.h>

typedef struct S_breaking {
    double measure, indent;
    bg_align align;
    bg_lines lines;
    unsigned used; /* the build that last asked for it */
} S_breaking;

struct bg_textcache_entry {
    uint64_t hash;
    char *text; /* owned, len bytes */
    size_t len;
    bg_style_run *runs; /* owned, with owned copies of the link names */
    size_t run_count;
    bg_typo typo;
    bg_shaped *shaped;  /* owned; runs[].link NULL */
    size_t *run_src;    /* per shaped run, the caller's run it is a piece of */
    S_breaking *breaks;
    size_t break_count, break_cap;
    unsigned used;
};

/* Lookups and new entries on (true) for this build, or only when `watch` enabled them. */
void bg_textcache_on_(bool on);
/* Adds e (filled, its hash not yet set: set here) to the table, with used as it is;
 * false, with e left to the caller, when an entry of the same key is there. */
bool bg_textcache_insert_(bg_textcache_entry *e);
/* The table's entries (count of them, the array malloc'd), which the caller now owns:
 * the table is left empty. */
bg_textcache_entry **bg_textcache_take_(size_t *count);
/* The number of this build, which `used` fields hold when the build used them. */
unsigned bg_textcache_build_(void);
/* Whether this build added anything, or left anything unused. */
bool bg_textcache_dirty_(void);
void bg_textcache_entry_free_(bg_textcache_entry *e);
/* Reads a text file's payload after its code identity (textdisk.c: the faces, then the
 * paragraphs) into the table, faces from fonts[0..n-1]; returns how many paragraphs it
 * added. For bg_textcache_load, and the fuzz target that gives it any bytes. */
size_t bg_textcache_read_(const void *data, size_t len, bg_font *const *fonts, size_t n);

#endif
