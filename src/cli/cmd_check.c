/* cmd_check.c: `baogao check REPORT.json [-l LAYOUT] [--pdfa LEVEL]`: load and check the
 * report and the layout (the default one when -l is absent) without rendering, then the
 * checks that need both (layout/preflight.h: fonts installed, …; the few that need the
 * lines set, by laying the document out when a bound says one may fail) and, for a
 * PDF/A-3 archive, that every source file can be attached, and print every problem. Whatever build
 * would refuse before writing, check refuses. Exit 0 when there are no errors, 1 otherwise. */
#include "commands.h"
#include "base/i18n.h"
#include "layout/layout.h"
#include "layout/preflight.h"
#include "layout/style.h"
#include "model/lint.h"
#include "model/model.h"
#include "sources.h"

#include <stdio.h>
#include <stdlib.h>

int bg_cmd_check(const bg_cli_options *o)
{
    bg_diags diags;
    bg_diags_init(&diags);
    bg_model_options mopts = {.allow = o->allow_paths, .allow_count = o->allow_count};
    bg_document *doc = bg_model_load_with(o->input, &mopts, &diags);
    char *default_layout = o->layout ? NULL : bg_cli_default_layout();
    bg_style *style = bg_style_load(o->layout ? o->layout : default_layout, &diags);
    if (doc && style)
        bg_layout_preflight(doc, style, &diags);
    if (doc && o->pdfa == 3) { /* an archive names every file relative to the report */
        bg_sources sources = {0};
        bg_sources_collect(doc, o->layout ? o->layout : default_layout, &sources);
        bg_sources_archive(doc, &sources, &diags);
        bg_sources_free(&sources);
    }
    /* What only setting the lines finds (a footnote over half a page, a table header
     * taller than a page), when a bound says it may be there: set them, as build would. */
    if (doc && style && !diags.errors && bg_layout_needs_setting(doc, style)) {
        bg_pages pages;
        bg_pages_init(&pages);
        bg_layout_document(doc, style, &pages, &diags);
        bg_pages_free(&pages);
    }
    if (doc)
        bg_model_lint(doc, &diags);
    bg_cli_print_diags(&diags, o->quiet);
    int rc = diags.errors ? BG_EXIT_INPUT : BG_EXIT_OK;
    if (!diags.errors && !o->quiet)
        fprintf(stderr, P_("%s: ok (%zu warning)\n", "%s: ok (%zu warnings)\n", diags.warnings),
                o->input, diags.warnings);
    free(default_layout);
    bg_style_free(style);
    bg_document_free(doc);
    bg_diags_free(&diags);
    return rc;
}
