/* cmd_info.c: `baogao info FILE.pdf`: what a PDF built by baogao records about its own
 * build — the baogao version, each font file with its SHA-256, the PDF/A level, the
 * attached sources — and, for each font, whether the same file is installed here, so a
 * rebuild years later can tell whether it will come out the same. */
#define _GNU_SOURCE /* memmem */
#include "commands.h"
#include "base/i18n.h"
#include "pdf/pdfread.h"
#include "text/font.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *S_between(const char *text, size_t len, const char *open, const char *close, size_t *n)
{
    const char *a = memmem(text, len, open, strlen(open));
    if (!a)
        return NULL;
    a += strlen(open);
    const char *b = memmem(a, len - (size_t)(a - text), close, strlen(close));
    if (!b)
        return NULL;
    *n = (size_t)(b - a);
    return a;
}

/* One recorded font: "psname file#face sha256". */
static void S_font(const char *record)
{
    char ps[256], file[512], sha[80];
    if (sscanf(record, " %255s %511s %79s", ps, file, sha) != 3) {
        printf("  %s\n", record);
        return;
    }
    printf(_("  %s  %s\n    sha256 %s\n"), ps, file, sha);
    char *here = bg_font_installed(ps);
    if (!here) {
        printf(_("    not installed on this machine\n"));
        return;
    }
    char digest[65];
    if (bg_font_file_digest(here, digest) != 0)
        printf(_("    installed as %s, which cannot be read\n"), here);
    else if (strcmp(digest, sha) == 0)
        printf(_("    installed here, same file (%s)\n"), here);
    else
        printf(_("    installed here as a different file (%s, sha256 %s): a rebuild may differ\n"), here, digest);
    free(here);
}

int bg_cmd_info(const bg_cli_options *o)
{
    bg_pdfread pdf;
    if (bg_pdfread_open(o->input, &pdf) != 0) {
        fprintf(stderr, _("%s: error: cannot read the PDF: %s\n"), o->input, strerror(errno));
        return errno == EINVAL ? BG_EXIT_INPUT : BG_EXIT_IO;
    }
    char *version = bg_pdfread_string(pdf.data, pdf.len, "BaogaoVersion");
    char *fonts = bg_pdfread_string(pdf.data, pdf.len, "BaogaoFonts");
    if (!version || !fonts) {
        fprintf(stderr, _("%s: error: no baogao build record (was it written by baogao?)\n"), o->input);
        free(version);
        free(fonts);
        bg_pdfread_close(&pdf);
        return BG_EXIT_INPUT;
    }
    printf(_("%s\n  built with %s\n"), o->input, version);
    size_t n, m;
    const char *part = S_between(pdf.data, pdf.len, "<pdfaid:part>", "<", &n);
    const char *conf = S_between(pdf.data, pdf.len, "<pdfaid:conformance>", "<", &m);
    if (part && conf)
        printf(_("  PDF/A-%.*s%.*s\n"), (int)n, part, (int)m, conf);
    else
        printf(_("  not an archive file (no PDF/A metadata)\n"));
    size_t attached = 0;
    for (const char *p = pdf.data; (p = memmem(p, pdf.len - (size_t)(p - pdf.data), "/AFRelationship /Source", 23)); p++)
        attached++;
    if (attached)
        printf(_("  %zu source file%s attached (baogao extract)\n"), attached, attached == 1 ? "" : "s");
    printf(_("fonts:\n"));
    for (char *rec = strtok(fonts, ";"); rec; rec = strtok(NULL, ";"))
        S_font(rec);
    free(version);
    free(fonts);
    bg_pdfread_close(&pdf);
    return BG_EXIT_OK;
}
