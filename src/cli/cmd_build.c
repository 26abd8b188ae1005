/* cmd_build.c: `baogao build REPORT.json [-l LAYOUT] [-o OUT.pdf]`: check the report
 * (refusing one with errors), lay it out, and write the PDF to a temporary file beside
 * the output that is renamed into place only when complete, so a failed build never
 * leaves a half-written file or destroys the previous PDF. */
#include "commands.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "layout/layout.h"
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

int bg_cmd_build(const bg_cli_options *o)
{
    bg_diags diags;
    bg_diags_init(&diags);
    int rc = BG_EXIT_OK;
    char *output = o->output ? bg_xstrdup(o->output) : S_default_output(o->input);
    char *tmp = NULL;
    bg_style *style = NULL;
    bg_pages pages;
    bg_pages_init(&pages);
    bg_sources sources = {0};
    char *default_layout = o->layout ? NULL : bg_cli_default_layout();
    const char *layout = o->layout ? o->layout : default_layout;

    char *step = NULL;
    bg_progress_start(!o->quiet);
    bg_progress_step((step = bg_strprintf(_("baogao: checking %s…"), o->input)));
    free(step);
    bg_document *doc = bg_model_load(o->input, &diags);
    if (!doc) {
        rc = BG_EXIT_INPUT;
        goto done;
    }
    style = bg_style_load(layout, &diags);
    if (!style) {
        if (!o->layout && access(layout, R_OK) != 0)
            bg_diag_hint(&diags, _("the default layout is taken from the data folder that `baogao --version` "
                                   "names; set BAOGAO_DATA or pass -l LAYOUT.json"));
        rc = BG_EXIT_INPUT;
        goto done;
    }
    bg_progress_step((step = bg_strprintf(_("baogao: laying out %s…"), o->input)));
    free(step);
    if (bg_layout_document(doc, style, &pages, &diags) != 0) {
        rc = diags.errors ? BG_EXIT_INPUT : BG_EXIT_IO;
        goto done;
    }
    tmp = bg_strprintf("%s.tmp-XXXXXX", output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        bg_error(&diags, (bg_loc){.file = output}, _("cannot create a temporary file beside the output: %s"),
                 strerror(errno));
        free(tmp);
        tmp = NULL;
        rc = BG_EXIT_IO;
        goto done;
    }
    /* mkstemp creates the file 0600; a PDF is a document, readable as the umask allows. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    if (o->pad > 1)
        bg_pages_pad(&pages, (size_t)o->pad);
    pages.marks = o->marks;
    bg_pdf_options popts = {.creator = "baogao " BG_VERSION, .compress = true};
    popts.pdfa = o->pdfa == 1 ? BG_PDFA_1B : o->pdfa == 3 ? BG_PDFA_3U : BG_PDFA_NONE;
    if (popts.pdfa == BG_PDFA_3U) {
        bg_sources_collect(doc, layout, &sources);
        popts.attachments = sources.items;
        popts.attachment_count = sources.count;
    }
    bg_progress_step((step = bg_strprintf(_("baogao: writing %s…"), output)));
    free(step);
    if (bg_pdf_write(&pages, &popts, tmp, &diags) != 0) {
        rc = BG_EXIT_IO;
        goto done;
    }
    if (rename(tmp, output) != 0) {
        bg_error(&diags, (bg_loc){.file = output}, _("cannot write: %s"), strerror(errno));
        rc = BG_EXIT_IO;
        goto done;
    }
    free(tmp);
    tmp = NULL;

done:;
    double seconds = bg_progress_end();
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    bg_cli_print_diags(&diags, o->quiet);
    if (rc == BG_EXIT_OK && !o->quiet)
        S_summary(output, pages.count, seconds);
    bg_pages_free(&pages);
    bg_sources_free(&sources);
    bg_style_free(style);
    bg_document_free(doc);
    bg_diags_free(&diags);
    free(output);
    free(default_layout);
    return rc;
}
