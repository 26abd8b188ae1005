/* number.h: numbering and cross-checking a loaded document: section numbers, 表/图/案例
 * and footnote numbers in document order, ids (unique, used), references (resolved to
 * their node), charts fed from tables. Called by bg_model_load. */
#ifndef BG_NUMBER_H
#define BG_NUMBER_H

#include "../base/diag.h"
#include "node.h"

void bg_model_number(bg_document *doc, bg_diags *diags);

#endif
