/* model.h: the model stage's driver. bg_model_load reads a report file, validates it
 * (JSON syntax, the document model, ids, references, numbers, files it points at) and
 * returns the numbered document tree. Every problem goes to diags, all of them, not just
 * the first; the document is returned only when there are no errors. */
#ifndef BG_MODEL_H
#define BG_MODEL_H

#include "../base/diag.h"
#include "node.h"

/* Loads and checks path. Returns the document (caller frees with bg_document_free), or
 * NULL when any error was reported. */
bg_document *bg_model_load(const char *path, bg_diags *diags);

#endif
