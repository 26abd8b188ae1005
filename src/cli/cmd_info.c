/* cmd_info.c: `baogao info FILE.pdf`: what a PDF built by baogao records about its own
 * build — the baogao version, each font file with its SHA-256, the PDF/A level, the
 * attached sources — and, for each font, whether the same file is installed here, so a
 * rebuild years later can tell whether it will come out the same. */
#define _GNU_SOURCE /* memmem */
#include "commands.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/pdfread.h"
#include "text/font.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of an XMP property, as an element (<pdfaid:part>3</pdfaid:part>) or an
 * attribute (pdfaid:part="3"); *n bytes, or NULL. */
static const char *S_xmp(const char *xmp, size_t len, const char *prop, size_t *n)
{
    static const char *const forms[][2] = {{"%s>", "<"}, {"%s=\"", "\""}, {"%s='", "'"}};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        char open[64];
        snprintf(open, sizeof open, forms[k][0], prop);
        const char *a = memmem(xmp, len, open, strlen(open));
        if (!a)
            continue;
        a += strlen(open);
        const char *b = memmem(a, len - (size_t)(a - xmp), forms[k][1], 1);
        if (b && b - a < 16) {
            *n = (size_t)(b - a);
            return a;
        }
    }
    return NULL;
}

/* Prints s (from the file) escaped, in fmt's %s. */
static void S_print(const char *fmt, const char *s, size_t len)
{
    char *e = bg_cli_escape(s, len);
    printf(fmt, e);
    free(e);
}

/* One recorded font: "psname file#face sha256". */
static void S_font(const char *record)
{
    char ps[256], file[512], sha[80];
    if (sscanf(record, " %255s %511s %79s", ps, file, sha) != 3) {
        S_print("  %s\n", record, strlen(record));
        return;
    }
    char *e_ps = bg_cli_escape(ps, strlen(ps)), *e_file = bg_cli_escape(file, strlen(file)),
         *e_sha = bg_cli_escape(sha, strlen(sha));
    printf(_("  %s  %s\n    sha256 %s\n"), e_ps, e_file, e_sha);
    free(e_ps);
    free(e_file);
    free(e_sha);
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
    int rc;
    bg_pdfread *pdf = bg_cli_open_pdf(o->input, &rc);
    if (!pdf)
        return rc;
    size_t version_len = 0, fonts_len = 0;
    char *version = bg_pdfread_info(pdf, "BaogaoVersion", &version_len);
    char *fonts = bg_pdfread_info(pdf, "BaogaoFonts", &fonts_len);
    if (!version || !fonts) {
        fprintf(stderr, _("%s: error: no baogao build record (was it written by baogao?)\n"), o->input);
        free(version);
        free(fonts);
        bg_pdfread_close(pdf);
        return BG_EXIT_INPUT;
    }
    printf("%s\n", o->input);
    S_print(_("  built with %s\n"), version, version_len);
    size_t xmp_len = 0, n, m;
    char *xmp = bg_pdfread_metadata(pdf, &xmp_len);
    const char *part = xmp ? S_xmp(xmp, xmp_len, "pdfaid:part", &n) : NULL;
    const char *conf = xmp ? S_xmp(xmp, xmp_len, "pdfaid:conformance", &m) : NULL;
    if (part && conf) {
        char *level = bg_strprintf("%.*s%.*s", (int)n, part, (int)m, conf);
        S_print(_("  PDF/A-%s\n"), level, strlen(level));
        free(level);
    } else {
        printf(_("  not an archive file (no PDF/A metadata)\n"));
    }
    const char *ua = xmp ? S_xmp(xmp, xmp_len, "pdfuaid:part", &n) : NULL;
    if (ua) {
        char *part_text = bg_strprintf("%.*s", (int)n, ua);
        S_print(_("  PDF/UA-%s (tagged for screen readers)\n"), part_text, strlen(part_text));
        free(part_text);
    }
    free(xmp);
    bg_pdfread_files files;
    bg_pdfread_embedded(pdf, false, &files);
    if (files.count)
        printf(P_("  %zu source file attached (baogao extract)\n", "  %zu source files attached (baogao extract)\n",
                  files.count),
               files.count);
    bg_pdfread_files_free(&files);
    printf(_("fonts:\n"));
    for (char *rec = strtok(fonts, ";"); rec; rec = strtok(NULL, ";"))
        S_font(rec);
    free(version);
    free(fonts);
    bg_pdfread_close(pdf);
    return BG_EXIT_OK;
}
