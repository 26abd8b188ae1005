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
} bg_model_options;

/* Loads and checks path. Returns the document (caller frees with bg_document_free), or
 * NULL when any error was reported. opts may be NULL (the defaults). */
bg_document *bg_model_load_with(const char *path, const bg_model_options *opts, bg_diags *diags);
/* bg_model_load_with and the default options. */
bg_document *bg_model_load(const char *path, bg_diags *diags);

/* Keeps the last report's parsed JSON for the rest of the process (`baogao watch`): a
 * build whose report file holds the same bytes (a CSV file or an image changed) does not
 * parse it again. bg_model_kept_free frees it. */
void bg_model_keep_json(void);
void bg_model_kept_free(void);

#endif
