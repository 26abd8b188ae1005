/* layout.h: the layout stage's driver. Given the numbered document and a style, it loads
 * the fonts, turns every block into a vertical list of lines and boxes (text shaped and
 * broken once), paginates it (keeps, widows and orphans, floats, footnotes, repeated
 * table headers), fills the contents and lists with page numbers (repeating until they
 * are stable), and emits pages of positioned items for the PDF writer. */
#ifndef BG_LAYOUT_H
#define BG_LAYOUT_H

#include "../base/diag.h"
#include "../model/node.h"
#include "page.h"
#include "style.h"

/* Lays doc out into pages (which the caller has initialised and frees). Returns 0, or -1
 * after reporting to diags. */
int bg_layout_document(const bg_document *doc, const bg_style *style, bg_pages *pages,
                       bg_diags *diags);

#endif
