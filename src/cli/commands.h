/* commands.h: the subcommands of the CLI and their shared option parsing. */
#ifndef BG_COMMANDS_H
#define BG_COMMANDS_H

#include "base/diag.h"

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

enum { BG_EXIT_OK = 0, BG_EXIT_INPUT = 1, BG_EXIT_USAGE = 2, BG_EXIT_IO = 3 };

#define BG_CLI_MAX_ALLOW 32

typedef struct bg_cli_options {
    const char *command;
    const char *input;  /* the report */
    const char *layout; /* -l */
    const char *output; /* -o */
    const char *target; /* extract: the folder to write; diff: NEW.pdf */
    int pdfa;           /* --pdfa: 0 none, else the part (1 for 1a/1b, 3 for 3a/3u) */
    bool pdfa_a;        /* --pdfa 1a or 3a: conformance level A (tagged) */
    bool no_tags;       /* --no-tags */
    bool no_object_streams; /* --no-object-streams */
    bool marks;         /* --marks: crop marks outside the trim */
    int pad;            /* --pad N: pad the page count to a multiple of N (0: no) */
    bool pages;         /* diff --pages: only the physical pages to reprint */
    const char *allow_paths[BG_CLI_MAX_ALLOW]; /* --allow-path DIR, repeatable */
    size_t allow_count;
    bool quiet, help;
} bg_cli_options;

typedef enum { BG_COLOR_AUTO, BG_COLOR_ALWAYS, BG_COLOR_NEVER } bg_color_mode;

/* Parses argv (argv[0] is the command). Returns -1 to go on, or an exit code. */
int bg_cli_parse(int argc, char **argv, bg_cli_options *opts);
/* The layout used when -l is absent: $BAOGAO_LAYOUT, else report-a4.json in the data
 * folder; malloc'd. */
char *bg_cli_default_layout(void);
/* Whether to colour what goes to out: --color=always/never, else a terminal without
 * NO_COLOR (non-empty) or TERM=dumb. */
bool bg_cli_color(FILE *out);
/* s[0..len) from a file, made safe to print (escape.c): control characters, non-UTF-8
 * bytes and bidirectional controls as \xNN / \uNNNN. Returns a malloc'd string. */
char *bg_cli_escape(const char *s, size_t len);
/* Opens the PDF at path for info and extract; on failure prints why (escaped) and sets
 * *rc to the exit status (3 unreadable, 1 not a PDF). Caller closes. */
struct bg_pdfread *bg_cli_open_pdf(const char *path, int *rc);
/* Prints the diagnostics to stderr (warnings unless quiet), coloured when bg_cli_color. */
void bg_cli_print_diags(const bg_diags *diags, bool quiet);

int bg_cmd_build(const bg_cli_options *opts);
int bg_cmd_watch(const bg_cli_options *opts);

/* What one build tells `baogao watch`: the files it read (to watch them) and a hash of
 * each page's content (to say which pages changed). */
typedef struct bg_build_result {
    char **files; /* owned; empty when the report could not be loaded */
    size_t file_count;
    uint64_t *page_hashes; /* owned, one per page; NULL when no PDF was written */
    size_t pages;
} bg_build_result;
/* bg_cmd_build's work; with result, fills it and prints no summary line. */
int bg_cli_build(const bg_cli_options *opts, bg_build_result *result);
void bg_build_result_free(bg_build_result *r);
int bg_cmd_check(const bg_cli_options *opts);
int bg_cmd_info(const bg_cli_options *opts);
int bg_cmd_extract(const bg_cli_options *opts);
int bg_cmd_diff(const bg_cli_options *opts);
int bg_cmd_init(const bg_cli_options *opts);

#endif
