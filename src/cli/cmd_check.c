/* cmd_check.c: `baogao check REPORT.json`: load and check the report without rendering,
 * print every problem. Exit 0 when there are no errors, 1 otherwise. */
#include "commands.h"
#include "base/i18n.h"
#include "model/model.h"

#include <stdio.h>

int bg_cmd_check(const bg_cli_options *o)
{
    bg_diags diags;
    bg_diags_init(&diags);
    bg_document *doc = bg_model_load_with(o->input, &(bg_model_options){o->allow_paths, o->allow_count}, &diags);
    bg_cli_print_diags(&diags, o->quiet);
    int rc = doc ? BG_EXIT_OK : BG_EXIT_INPUT;
    if (doc && !o->quiet)
        fprintf(stderr, P_("%s: ok (%zu warning)\n", "%s: ok (%zu warnings)\n", diags.warnings),
                o->input, diags.warnings);
    bg_document_free(doc);
    bg_diags_free(&diags);
    return rc;
}
