/* main.c: the `baogao` command line. It only parses arguments and calls the stages:
 * model (load and check the report), layout (style, fonts, pages) and pdf (the file).
 * Each command has its own usage (`baogao help COMMAND`, `baogao COMMAND --help`);
 * `baogao --help` lists the commands. Exit codes: 0 ok, 1 bad input, 2 bad usage,
 * 3 I/O or internal error. The man page docs/baogao.1 says the same at length; a test
 * checks that every option shown here is in it. */
#include "commands.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "pdf/pdf.h"
#include "text/breaks.h"
#include "text/font.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_command {
    const char *name;
    const char *usage; /* N_(): the synopsis, what it does, its own options */
    int (*run)(const bg_cli_options *);
} S_command;

static const S_command S_commands[] = {
    {"build",
     N_("Usage: baogao build REPORT.json [OPTIONS]\n"
        "Checks the report, lays it out and writes the PDF. The PDF is written to a\n"
        "temporary file and renamed into place when complete: a failed build leaves any\n"
        "existing output untouched.\n"
        "\n"
        "Options:\n"
        "  -l, --layout FILE  the layout (default: report-a4.json in the data folder)\n"
        "  -o, --output FILE  the PDF to write (default: REPORT with .pdf)\n"
        "      --pdfa LEVEL   write an archive file: 1b (PDF/A-1b), 1a (PDF/A-1a: 1b with\n"
        "                     its structure), 3u (PDF/A-3u, with the report's JSON, CSV\n"
        "                     files, images and layout attached) or 3a (3u with structure)\n"
        "      --no-tags      leave out the structure tree (headings, tables, figure\n"
        "                     texts) that screen readers and PDF/UA need\n"
        "      --no-object-streams  write every object on its own with a classic\n"
        "                     cross-reference table, for a RIP that reads only PDF 1.4\n"
        "      --marks        draw crop marks outside the trimmed page\n"
        "      --pad N        add blank pages so the page count is a multiple of N\n"
        "                     (4 for saddle stitching)\n"
        "      --allow-path DIR  let the report use files in DIR (by default only files\n"
        "                     inside the report's own folder); repeatable\n"),
     bg_cmd_build},
    {"watch",
     N_("Usage: baogao watch REPORT.json [OPTIONS]\n"
        "Builds the PDF, then builds it again every time the report, one of its CSV files\n"
        "or images, or the layout is saved, printing one line per build (its time, the\n"
        "pages, which pages changed). Fonts and font subsets stay in memory between\n"
        "builds. A report with errors prints them and leaves the last good PDF in place.\n"
        "Ctrl-C stops it.\n"
        "\n"
        "Options:\n"
        "  -l, --layout FILE  the layout (default: report-a4.json in the data folder)\n"
        "  -o, --output FILE  the PDF to write (default: REPORT with .pdf)\n"
        "      --allow-path DIR  let the report use files in DIR (by default only files\n"
        "                     inside the report's own folder); repeatable\n"),
     bg_cmd_watch},
    {"check",
     N_("Usage: baogao check REPORT.json [OPTIONS]\n"
        "Checks the report with its layout without rendering it (the layout's fonts are\n"
        "installed, …) and prints every problem.\n"
        "\n"
        "Options:\n"
        "  -l, --layout FILE  the layout (default: report-a4.json in the data folder)\n"
        "      --allow-path DIR  let the report use files in DIR (by default only files\n"
        "                     inside the report's own folder); repeatable\n"),
     bg_cmd_check},
    {"info",
     N_("Usage: baogao info FILE.pdf [OPTIONS]\n"
        "Prints what a PDF records about its build: the baogao version, each font file\n"
        "with its SHA-256 (and whether that file is installed here), the PDF/A level and\n"
        "the attached sources.\n"),
     bg_cmd_info},
    {"extract",
     N_("Usage: baogao extract ARCHIVE.pdf DIR [OPTIONS]\n"
        "Writes the sources attached to a --pdfa 3u file into DIR.\n"),
     bg_cmd_extract},
    {"diff",
     N_("Usage: baogao diff OLD.pdf NEW.pdf [OPTIONS]\n"
        "Compares two builds: whether they are the same document, which pages changed\n"
        "(by page label), moved (same content, new folio), were added or removed, and for\n"
        "each changed page the table cells that changed and a unified diff of its text.\n"
        "Exit status: 0 nothing changed, 1 something changed, 2 bad usage, 3 a file\n"
        "cannot be read.\n"
        "\n"
        "Options:\n"
        "      --pages        print only the physical pages of NEW to reprint (7-9,27)\n"),
     bg_cmd_diff},
    {"init",
     N_("Usage: baogao init DIR [OPTIONS]\n"
        "Writes a small, complete report into DIR (a new or empty folder) to start from:\n"
        "report.json with a cover, contents and lists, three heading levels, a CSV table\n"
        "with a total, a chart drawn from it, a photo stand-in, a case, footnotes and\n"
        "references. It builds without a warning: baogao build DIR/report.json\n"
        "\n"
        "Options:\n"
        "  -q, --quiet        print errors only\n"),
     bg_cmd_init},
    {"help",
     N_("Usage: baogao help [COMMAND]\n"
        "Lists the commands, or shows the usage of one.\n"),
     NULL},
};
enum { S_COMMAND_COUNT = sizeof S_commands / sizeof *S_commands };

static const S_command *S_find(const char *name)
{
    for (size_t i = 0; i < S_COMMAND_COUNT; i++)
        if (strcmp(S_commands[i].name, name) == 0)
            return &S_commands[i];
    return NULL;
}

/* The options every command takes. */
static void S_common_options(FILE *out, bool heading)
{
    if (heading)
        fputs(_("\nOptions:\n"), out);
    fputs(_("  -q, --quiet        print errors only: no warnings, no summary\n"
            "      --color[=WHEN] colour errors, warnings and hints: auto (on a terminal,\n"
            "                     unless NO_COLOR is set; the default), always or never\n"
            "  -h, --help         show this help and exit\n"),
          out);
}

static void S_exit_status(FILE *out)
{
    fputs(_("\nExit status: 0 ok, 1 the report or layout has errors, 2 bad usage,\n"
            "3 I/O or internal error.\n"),
          out);
}

static void S_command_usage(const S_command *c, FILE *out)
{
    const char *usage = _(c->usage);
    fputs(usage, out);
    if (c->run) {
        S_common_options(out, strstr(c->usage, "\nOptions:\n") == NULL);
        if (c->run != bg_cmd_diff)
            S_exit_status(out);
    }
    fprintf(out, _("\nSee also baogao(1).\n"));
}

static void S_usage(FILE *out)
{
    fputs(_("Usage: baogao COMMAND [OPTIONS] ...\n"
            "Typesets a JSON report into a print-ready PDF.\n"
            "\n"
            "Commands:\n"
            "  build REPORT.json  check the report, lay it out and write the PDF\n"
            "  watch REPORT.json  build, then build again after every save of its files\n"
            "  check REPORT.json  check the report and its layout without rendering; print\n"
            "                     every problem\n"
            "  info FILE.pdf      the baogao version, fonts (with SHA-256) and PDF/A level a\n"
            "                     PDF was built with, and whether those fonts are installed\n"
            "  extract ARCHIVE.pdf DIR\n"
            "                     write the sources attached to a --pdfa 3u file into DIR\n"
            "  diff OLD.pdf NEW.pdf\n"
            "                     which pages changed, moved, were added or removed, with\n"
            "                     the changed text and table cells\n"
            "  init DIR           write a small, complete report into DIR to start from\n"
            "  help [COMMAND]     list the commands, or show the usage of one\n"
            "\n"
            "Options:\n"
            "  -h, --help         show this help and exit\n"
            "  -V, --version      show the version and the data folder, and exit\n"
            "\n"
            "'baogao COMMAND --help' shows a command's options.\n"),
          out);
    S_exit_status(out);
    fprintf(out, _("\nSee also baogao(1).\n"));
}

/* The version, and where the data and message catalogues are taken from. */
static void S_version(void)
{
    static const char *const origins[] = {
        [BG_DATA_ENV] = N_("from $BAOGAO_DATA"),
        [BG_DATA_SOURCE] = N_("the source tree of this build folder"),
        [BG_DATA_RELATIVE] = N_("beside the executable"),
        [BG_DATA_PREFIX] = N_("the installation prefix"),
    };
    printf(_("baogao %s\n"), BG_VERSION);
    printf(_("data folder: %s (%s)\n"), bg_datadir(), _(origins[bg_datadir_origin()]));
    printf(_("message catalogues: %s\n"), bg_localedir());
}

/* `baogao help [COMMAND]`. */
static int S_help(int argc, char **argv)
{
    if (argc < 3) {
        S_usage(stdout);
        return BG_EXIT_OK;
    }
    if (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)
        argv[2] = "help"; /* `baogao help --help`, like `baogao build --help` */
    const S_command *c = S_find(argv[2]);
    if (!c || argc > 3) {
        if (!c)
            fprintf(stderr, _("baogao help: unknown command '%s'\n"), argv[2]);
        else
            fprintf(stderr, _("baogao help: expected one command, got %d\n"), argc - 2);
        fprintf(stderr, _("Try 'baogao --help'.\n"));
        return BG_EXIT_USAGE;
    }
    S_command_usage(c, stdout);
    return BG_EXIT_OK;
}

int main(int argc, char **argv)
{
    bg_i18n_init(NULL);
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
        S_version();
        return BG_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return S_help(argc, argv);
    const S_command *c = S_find(cmd);
    if (!c) {
        fprintf(stderr, _("baogao: unknown command '%s'\n"), cmd);
        fprintf(stderr, _("Try 'baogao --help'.\n"));
        return BG_EXIT_USAGE;
    }
    bg_cli_options opts;
    int rc = bg_cli_parse(argc - 1, argv + 1, &opts);
    if (rc >= 0) {
        if (rc == BG_EXIT_OK && opts.help)
            S_command_usage(c, stdout);
        return rc;
    }
    rc = c->run(&opts);
    bg_font_config_free();
    bg_pdf_subset_cache_free();
    bg_breaks_cache_free();
    return rc;
}
