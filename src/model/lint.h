/* lint.h: warnings that only `baogao check` gives, about numbers written twice: a number
 * in a sentence or list item that a table cell of the report also prints (suggesting the
 * cell reference [@table:row:column]), and a chart whose own series repeat a table's
 * numbers (suggesting "table": id); and a unit typed again after a reference that prints
 * it ("[@t:合计:学生数] 人" reading 232 人 人). They help a statistician bind a report's numbers to
 * its data, so that one correction reaches every place that prints the number. */
#ifndef BG_LINT_H
#define BG_LINT_H

#include "../base/diag.h"
#include "node.h"

void bg_model_lint(const bg_document *doc, bg_diags *diags);

#endif
