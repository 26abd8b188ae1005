/* cmd_build.c: `baogao build REPORT.json [-l LAYOUT] [-o OUT.pdf]`: check the report
 * (refusing one with errors), lay it out, and write the PDF through base/outfile.c: to a
 * temporary file beside the output, every write checked, fsynced and renamed into place
 * only when complete, so a failed build never leaves a half-written file or destroys the
 * previous PDF. The output is refused before any work when it is a folder or a device,
 * and when it is one of the inputs (report, layout, CSV files, images). */
#include "commands.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "base/outfile.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "layout/textcache.h"
#include "layout/warm.h"
#include "model/model.h"
#include "pdf/pdf.h"
#include "progress.h"
#include "sources.h"
#include "version.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *S_default_output(const char *input)
{
    size_t n = strlen(input);
    if (n > 5 && strcmp(input + n - 5, ".json") == 0)
        n -= 5;
    return bg_strprintf("%.*s.pdf", (int)n, input);
}

/* "wrote out/2023.pdf: 27 pages, 697 KB in 0.21 s" on stderr. */
static void S_summary(const char *output, size_t pages, double seconds)
{
    struct stat st;
    double kb = stat(output, &st) == 0 ? (double)st.st_size / 1024 : 0;
    char *count = bg_strprintf(P_("%zu page", "%zu pages", pages), pages);
    /* TRANSLATORS: "wrote out/2023.pdf: 27 pages, 697 KB in 0.21 s" */
    fprintf(stderr, _("wrote %s: %s, %.0f KB in %.2f s\n"), output, count, kb, seconds);
    free(count);
}

static int S_check_output(const char *target, const bg_sources *sources, bg_diags *diags)
{
    const char **files = bg_xcalloc(sources->count + 1, sizeof *files);
    for (size_t i = 0; i < sources->count; i++)
        files[i] = sources->items[i].file;
    int rc = bg_outfile_check_inputs(target, files, sources->count, diags);
    free(files);
    return rc;
}

int bg_cmd_build(const bg_cli_options *o)
{
    return bg_cli_build(o, NULL);
}

void bg_build_result_free(bg_build_result *r)
{
    free(r->page_hashes);
    for (size_t i = 0; i < r->file_count; i++)
        free(r->files[i]);
    free(r->files);
    memset(r, 0, sizeof *r);
}

int bg_cli_build(const bg_cli_options *o, bg_build_result *result)
{
    bg_diags diags;
    bg_diags_init(&diags);
    int rc = BG_EXIT_OK;
    char *output = o->output ? bg_xstrdup(o->output) : S_default_output(o->input);
    char *target = NULL;
    bg_style *style = NULL;
    bg_warm *warm = NULL;
    bg_pages pages;
    bg_pages_init(&pages);
    bg_sources sources = {0};
    char *default_layout = o->layout ? NULL : bg_cli_default_layout();
    const char *layout = o->layout ? o->layout : default_layout;

    char *step = NULL;
    bg_progress_start(!o->quiet);
    bg_progress_step((step = bg_strprintf(_("baogao: checking %s…"), o->input)));
    free(step);
    bg_document *doc = NULL;
    target = bg_outfile_target(output, &diags);
    if (!target) {
        rc = BG_EXIT_USAGE;
        goto done;
    }
    /* The layout is read first so that its faces are warmed while the report loads
     * (layout/warm.h); what reading it said is reported after the report's diagnostics,
     * and not at all when the report does not load, as when it was read second. */
    bg_diags style_diags;
    bg_diags_init(&style_diags);
    style = bg_style_load(layout, &style_diags);
    warm = bg_warm_start(style, o->input);
    /* The images' full checks (every byte decoded) run beside the layout; they are all in
     * before anything is written (bg_model_finish_images below). */
    bg_model_options mopts = {.allow = o->allow_paths, .allow_count = o->allow_count, .defer_image_checks = true};
    doc = bg_model_load_with(o->input, &mopts, &diags);
    if (doc)
        bg_diags_append(&diags, &style_diags);
    bg_diags_free(&style_diags);
    if (!doc) {
        rc = BG_EXIT_INPUT;
        goto done;
    }
    if (!style) {
        if (!o->layout && access(layout, R_OK) != 0)
            bg_diag_hint(&diags, _("the default layout is taken from the data folder that `baogao --version` "
                                   "names; set BAOGAO_DATA or pass -l LAYOUT.json"));
        rc = BG_EXIT_INPUT;
        goto done;
    }
    /* The output is never one of the inputs, whatever its spelling (checked before any
     * writing; the PDF itself goes through base/outfile.c). */
    bg_sources_collect(doc, layout, &sources);
    if (result) {
        result->files = bg_xcalloc(sources.count + 1, sizeof *result->files);
        for (size_t i = 0; i < sources.count; i++)
            result->files[i] = bg_xstrdup(sources.items[i].file);
        result->file_count = sources.count;
    }
    if (S_check_output(target, &sources, &diags) != 0) {
        rc = BG_EXIT_USAGE;
        goto done;
    }
    if (o->pdfa == 3 && bg_sources_archive(doc, &sources, &diags) != 0) {
        rc = BG_EXIT_INPUT;
        goto done;
    }
    bg_progress_step((step = bg_strprintf(_("baogao: laying out %s…"), o->input)));
    free(step);
    bg_warm_finish(warm); /* the layout's fonts are its own from here */
    warm = NULL;
    bg_textcache_persist(o->input, layout); /* not under watch, which keeps its own */
    int laid_out = bg_layout_document(doc, style, &pages, &diags);
    if (bg_model_finish_images(doc, &diags) != 0) {
        rc = BG_EXIT_INPUT;
        goto done;
    }
    if (laid_out != 0) {
        rc = diags.errors ? BG_EXIT_INPUT : BG_EXIT_IO;
        goto done;
    }
    if (o->pad > 1)
        bg_pages_pad(&pages, (size_t)o->pad);
    pages.marks = o->marks;
    bg_pdf_options popts = {.creator = "baogao " BG_VERSION, .compress = true};
    popts.pdfa = o->pdfa == 1 ? (o->pdfa_a ? BG_PDFA_1A : BG_PDFA_1B)
                 : o->pdfa == 3 ? (o->pdfa_a ? BG_PDFA_3A : BG_PDFA_3U) : BG_PDFA_NONE;
    popts.no_tags = o->no_tags;
    popts.no_object_streams = o->no_object_streams;
    if (o->no_tags && o->pdfa_a) {
        fprintf(stderr, _("baogao %s: --no-tags cannot make a level-A archive (--pdfa %da)\n"), o->command, o->pdfa);
        rc = BG_EXIT_USAGE;
        goto done;
    }
    if (o->pdfa == 3) {
        popts.attachments = sources.items;
        popts.attachment_count = sources.count;
    }
    if (result) {
        result->page_hashes = bg_xcalloc(pages.count + 1, sizeof *result->page_hashes);
        result->pages = popts.page_hash_count = pages.count;
        popts.page_hashes = result->page_hashes;
    }
    bg_progress_step((step = bg_strprintf(_("baogao: writing %s…"), output)));
    free(step);
    if (bg_pdf_write(&pages, &popts, target, &diags) != 0) {
        rc = BG_EXIT_IO;
        goto done;
    }

done:
    bg_textcache_save(); /* the text file is written beside the PDF */
    bg_warm_finish(warm);
    /* a refused image comes first, whatever stopped the build after the load */
    if (doc && bg_model_finish_images(doc, &diags) != 0)
        rc = BG_EXIT_INPUT;
    double seconds = bg_progress_end();
    bg_cli_print_diags(&diags, o->quiet);
    if (rc == BG_EXIT_OK && !o->quiet && !result)
        S_summary(output, pages.count, seconds);
    bg_pages_free(&pages);
    bg_sources_free(&sources);
    bg_style_free(style);
    bg_document_free(doc);
    bg_diags_free(&diags);
    free(target);
    free(output);
    free(default_layout);
    return rc;
}
