/* model.h: the model stage's driver. bg_model_load reads a report file, validates it
 * (JSON syntax, the document model, ids, references, numbers, files it points at) and
 * returns the numbered document tree. Every problem goes to diags, all of them, not just
 * the first; the document is returned only when there are no errors. */
#ifndef BG_MODEL_H
#define BG_MODEL_H

#include "../base/diag.h"
#include "node.h"

/* How a report may reach files: by default only inside its own folder (after resolving
 * symlinks); allow[] adds folders the user named with --allow-path. */
typedef struct bg_model_options {
    const char *const *allow; /* borrowed */
    size_t allow_count;
    /* The figures' images get only their header probe during the load; their full check
     * (every byte decoded) runs on worker threads until bg_model_finish_images. Without
     * it, the load itself waits for them (as `check` needs). */
    bool defer_image_checks;
} bg_model_options;

/* Loads and checks path. Returns the document (caller frees with bg_document_free), or
 * NULL when any error was reported. opts may be NULL (the defaults). */
bg_document *bg_model_load_with(const char *path, const bg_model_options *opts, bg_diags *diags);
/* bg_model_load_with and the default options. */
bg_document *bg_model_load(const char *path, bg_diags *diags);

/* For a document loaded with defer_image_checks, before anything is written from it:
 * waits for the images' full checks and reports each image refused at its figure, in
 * figure order, where the load would have reported it (diags must be the load's sink).
 * When one is refused, the diagnostics reported since the load are dropped (they were
 * about a document that is not valid after all) and the number of refused images is
 * returned: the document is then to be treated as not loaded. 0 when all are good, and
 * at every later call. */
int bg_model_finish_images(bg_document *doc, bg_diags *diags);

/* Keeps the last report's parsed JSON for the rest of the process (`baogao watch`): a
 * build whose report file holds the same bytes (a CSV file or an image changed) does not
 * parse it again. bg_model_kept_free frees it. */
void bg_model_keep_json(void);
void bg_model_kept_free(void);

#endif
