/* font.h: font faces as the rest of baogao sees them. A bg_font is one face of one font
 * file (a TTC holds several), loaded once per build into HarfBuzz, with what the PDF
 * writer needs to embed it: the file's bytes, its PostScript name, its outline format
 * and the file's SHA-256 (recorded in the PDF so a rebuild can tell whether fonts match).
 * Fonts are found by family and style through fontconfig, with the project's `fonts/`
 * folder searched before the system's. Faces are reference-counted: the font set keeps
 * one reference, every holder of a pointer that may outlive it takes another. */
#ifndef BG_FONT_H
#define BG_FONT_H

#include "../base/diag.h"

#include <hb.h>
#include <stdbool.h>

typedef struct bg_font {
    int refcount;
    char *family; /* as asked, e.g. "Noto Serif CJK SC" */
    char *style;  /* as asked, e.g. "Bold" */
    char *file;   /* absolute path of the font file */
    unsigned index; /* face index inside the file (TTC) */
    char *postscript_name; /* from the face's `name` table, e.g. NotoSerifCJKsc-Regular */
    char digest[65];       /* hex SHA-256 of the whole file: read it with bg_font_sha256, since
                              it may still be computed in a thread (fontsum.h) */
    struct bg_digest_job *digest_job; /* that thread, or NULL */
    bool is_cff;           /* CFF outlines (OpenType/CFF) rather than TrueType `glyf` */
    bool synthetic_bold;   /* no real bold face was found: draw with a stroke */
    unsigned upem;         /* units per em */
    double ascender, descender; /* in em, descender negative */
    hb_blob_t *blob; /* the whole file */
    hb_face_t *face;
    hb_font_t *hb;   /* scaled to upem: positions come back in font units */
    struct bg_punct_cache *punct; /* owned: measured punctuation blanks (punct.c) */
    int pdf_slot;    /* set and used by the PDF writer only: -1 until it registers the font */
} bg_font;

/* Finds family/style (fontconfig, `font_dir` first when not NULL) and loads it.
 * Returns NULL and reports an error naming the family when no face of that family exists.
 * When the style is "Bold" and only a regular face exists, returns the regular face with
 * synthetic_bold set and a warning. */
bg_font *bg_font_find(const char *family, const char *style, const char *font_dir, bg_diags *diags);
bg_font *bg_font_keep(bg_font *font);
/* The hex SHA-256 of the font's file (waiting for the thread computing it, if any). */
const char *bg_font_sha256(const bg_font *font);
void bg_font_drop(bg_font *font); /* accepts NULL */

/* Which of families[0..n-1] have no face at all (fontconfig, `font_dir` first): sets
 * missing[i] for each family bg_font_find would refuse, through the process's shared
 * fontconfig configuration. Returns 0, or -1 when fontconfig cannot be initialised. */
int bg_font_families_missing(const char *const *families, size_t n, const char *font_dir,
                             bool *missing);

/* Answers from what earlier runs found, without fontconfig and without reporting anything
 * (for warming faces before the layout asks for them, layout/warm.h):
 * bg_font_family_recorded: 1 when family has a face, 0 when it has none, -1 not known;
 * bg_font_find_recorded: the face bg_font_find would give when the record names its file
 * and it is the family's own face for style (not a stand-in), else NULL. */
int bg_font_family_recorded(const char *family, const char *font_dir);
bg_font *bg_font_find_recorded(const char *family, const char *style, const char *font_dir);

/* Adds dir (when it is a folder) to the application fonts that bg_font_find and
 * bg_font_families_missing search before the system's, for the rest of the process. */
void bg_font_add_dir(const char *dir);

/* Frees the process's fontconfig configuration, which bg_font_find and bg_font_installed
 * make on first use and then share (one set-up per process); the next call makes it again. */
void bg_font_config_free(void);

/* The file of the installed face whose PostScript name is psname (fontconfig), malloc'd,
 * or NULL when none is installed. */
char *bg_font_installed(const char *psname);
/* The SHA-256 of a font file, hex (cached between builds, see fontsum.h); 0 or -1. */
int bg_font_file_digest(const char *file, char out[65]);

/* Nominal glyph for a code point, 0 when the face has none. */
unsigned bg_font_glyph(const bg_font *font, uint32_t cp);

#endif
