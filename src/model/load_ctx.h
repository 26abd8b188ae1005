/* load_ctx.h: shared by the loader's files (load.c, load_table.c, load_figure.c): the
 * loading context and the small checked accessors for JSON values. Internal to model/. */
#ifndef BG_LOAD_CTX_H
#define BG_LOAD_CTX_H

#include "../base/diag.h"
#include "node.h"

#include <jansson.h>
#include <stdbool.h>

typedef struct bg_load_ctx {
    bg_document *doc;
    bg_diags *diags;
    int errors;
    char *root;    /* owned: the report's folder, symlinks resolved (NULL if unknown) */
    char **allow;  /* owned: the --allow-path folders, resolved */
    size_t allow_count;
    int nesting;  /* blocks being loaded inside blocks (BG_MAX_NESTING) */
    int blocks;   /* blocks loaded so far (BG_MAX_BLOCKS) */
    bool in_note; /* loading a long-form footnote's text */
    bool defer_images; /* bg_model_options.defer_image_checks */
    int hidden;        /* errors counted over BG_MAX_LOAD_ERRORS, not shown */
} bg_load_ctx;

/* A location for path: the file, the path, and its line:col in the file. */
bg_loc bg_load_loc(bg_load_ctx *c, const char *path);
void bg_load_error(bg_load_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bg_load_warning(bg_load_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports keys of obj not in the NULL-terminated list `allowed`. */
void bg_load_check_keys(bg_load_ctx *c, json_t *obj, const char *path, const char *const *allowed);
/* The string at obj[key], or NULL (an error when required or when of another type). */
const char *bg_load_string(bg_load_ctx *c, json_t *obj, const char *key, const char *path,
                           bool required);
/* Parses an inline value (string with markup, or the long-form array) into out. */
void bg_load_inline(bg_load_ctx *c, json_t *value, const char *path, bg_inline *out);
/* path + suffix in a new string (suffix such as ".title" or "[3]"). */
char *bg_load_path(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The path of the report's folder joined with a relative file name; caller frees.
 * A file that exists outside the report's folder (after resolving symlinks) and outside
 * every --allow-path folder is refused: an error at path, and NULL. */
char *bg_load_resolve(bg_load_ctx *c, const char *relative, const char *path);

/* When v is {"ref": "name"}, sets *out to the named value's number (an error when there is
 * no such value) and returns true; returns false for anything else. */
bool bg_load_value_ref(bg_load_ctx *c, json_t *v, const char *path, double *out);

/* Waits for the images' full checks of c->doc and puts every refused image among the
 * diagnostics where it would have been reported during the load (load_figure.c); adds
 * them to c->errors and c->hidden. */
void bg_load_finish_images(bg_load_ctx *c);
/* The same for a loaded document: the refused images put in place in diags (*shown of
 * them; *hidden more over BG_MAX_LOAD_ERRORS); returns how many were refused. */
int bg_load_images_finish(bg_document *doc, bg_diags *diags, size_t *shown, int *hidden);

void bg_load_table(bg_load_ctx *c, json_t *obj, const char *path, bg_node *node);
void bg_load_figure(bg_load_ctx *c, json_t *obj, const char *path, bg_node *node);

#endif
