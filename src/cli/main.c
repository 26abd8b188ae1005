/* main.c: the `baogao` command line. It only parses arguments and calls the stages:
 * model (load and check the report), layout (style, fonts, pages) and pdf (the file).
 * Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 I/O or internal error. */
#include "commands.h"
#include "base/i18n.h"
#include "pdf/pdf.h"
#include "text/breaks.h"
#include "text/font.h"
#include "version.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where the message catalogues are: $BAOGAO_LOCALEDIR, else beside the executable
 * (the build folder's locale/), else ../share/locale from it (an installed or unpacked
 * tree), else the configured prefix. Returns a static buffer or NULL for the default. */
static const char *S_localedir(void)
{
    const char *env = getenv("BAOGAO_LOCALEDIR");
    if (env && *env)
        return env;
    static char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n <= 0)
        return NULL;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        return NULL;
    static const char *const tails[] = {"/locale", "/../share/locale"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        strcpy(slash, tails[i]);
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return dir;
    }
    return NULL;
}

static void S_usage(FILE *out)
{
    fputs(_("Usage: baogao COMMAND [OPTIONS] ...\n"
          "Typesets a JSON report into a print-ready PDF.\n"
          "\n"
          "Commands:\n"
          "  build REPORT.json [-l LAYOUT.json] [-o OUT.pdf] [--pdfa 1b|3u] [--marks] [--pad N]\n"
          "                     check the report, lay it out and write the PDF\n"
          "  check REPORT.json  check the report without rendering; print every problem\n"
          "  info FILE.pdf      the baogao version, fonts (with SHA-256) and PDF/A level a\n"
          "                     PDF was built with, and whether those fonts are installed\n"
          "  extract ARCHIVE.pdf DIR\n"
          "                     write the sources attached to a --pdfa 3u file into DIR\n"
          "\n"
          "Options:\n"
          "  -l, --layout FILE  the layout (default: layouts/report-a4.json)\n"
          "  -o, --output FILE  the PDF to write (default: REPORT with .pdf)\n"
          "  -q, --quiet        print errors only, no warnings\n"
          "      --pdfa LEVEL   write an archive file: 1b (PDF/A-1b) or 3u (PDF/A-3u, with\n"
          "                     the report's JSON, CSV files, images and layout attached)\n"
          "      --marks        draw crop marks outside the trimmed page\n"
          "      --pad N        add blank pages so the page count is a multiple of N\n"
          "                     (4 for saddle stitching)\n"
          "  -h, --help         show this help and exit\n"
          "  -V, --version      show the version and exit\n"
          "\n"
          "Exit status: 0 ok, 1 the report or layout has errors, 2 bad usage,\n"
          "3 I/O or internal error. A failed build leaves any existing output untouched.\n"),
          out);
}

int main(int argc, char **argv)
{
    bg_i18n_init(S_localedir());
    if (argc < 2) {
        S_usage(stderr);
        return BG_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        S_usage(stdout);
        return BG_EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf(_("baogao %s\n"), BG_VERSION);
        return BG_EXIT_OK;
    }
    bg_cli_options opts;
    int rc = bg_cli_parse(argc - 1, argv + 1, &opts);
    if (rc >= 0) {
        if (rc == BG_EXIT_OK && opts.help)
            S_usage(stdout);
        return rc;
    }
    rc = -1;
    if (strcmp(cmd, "build") == 0)
        rc = bg_cmd_build(&opts);
    else if (strcmp(cmd, "check") == 0)
        rc = bg_cmd_check(&opts);
    else if (strcmp(cmd, "info") == 0)
        rc = bg_cmd_info(&opts);
    else if (strcmp(cmd, "extract") == 0)
        rc = bg_cmd_extract(&opts);
    bg_font_config_free();
    bg_pdf_subset_cache_free();
    bg_breaks_cache_free();
    if (rc >= 0)
        return rc;
    fprintf(stderr, _("baogao: unknown command '%s'\n"), cmd);
    S_usage(stderr);
    return BG_EXIT_USAGE;
}
