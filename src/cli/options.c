/* options.c: GNU-style option parsing shared by the subcommands, and printing the
 * diagnostics sink in compiler form. */
#include "commands.h"
#include "base/xalloc.h"
#include "base/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bg_cli_parse(int argc, char **argv, bg_cli_options *o)
{
    static const struct option longopts[] = {
        {"layout", required_argument, NULL, 'l'}, {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"pdfa", required_argument, NULL, 'A'},   {"marks", no_argument, NULL, 'M'},
        {"pad", required_argument, NULL, 'P'},    {"allow-path", required_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    *o = (bg_cli_options){.command = argv[0]};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":l:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': o->layout = optarg; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = true; break;
        case 'M': o->marks = true; break;
        case 'A':
            if (strcmp(optarg, "1b") == 0)
                o->pdfa = 1;
            else if (strcmp(optarg, "3u") == 0)
                o->pdfa = 3;
            else {
                fprintf(stderr, _("baogao %s: --pdfa takes 1b or 3u, not '%s'\n"), o->command, optarg);
                return BG_EXIT_USAGE;
            }
            break;
        case 'P': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64) {
                fprintf(stderr, _("baogao %s: --pad takes a page multiple from 1 to 64, not '%s'\n"), o->command, optarg);
                return BG_EXIT_USAGE;
            }
            o->pad = (int)n;
            break;
        }
        case 'a':
            if (o->allow_count == BG_CLI_MAX_ALLOW) {
                fprintf(stderr, _("baogao %s: at most %d --allow-path folders\n"), o->command, BG_CLI_MAX_ALLOW);
                return BG_EXIT_USAGE;
            }
            o->allow_paths[o->allow_count++] = optarg;
            break;
        case 'h': o->help = true; return BG_EXIT_OK;
        case ':':
            fprintf(stderr, _("baogao %s: option '%s' needs an argument\n"), o->command, argv[optind - 1]);
            return BG_EXIT_USAGE;
        default:
            fprintf(stderr, _("baogao %s: unknown option '%s'\n"), o->command, argv[optind - 1]);
            fprintf(stderr, _("Try 'baogao --help'.\n"));
            return BG_EXIT_USAGE;
        }
    }
    bool extract = strcmp(o->command, "extract") == 0;
    int want = extract ? 2 : 1;
    if (argc - optind != want) {
        fprintf(stderr, _("baogao %s: expected %s, got %d arguments\n"), o->command,
                extract ? "ARCHIVE.pdf and a folder" : "one file", argc - optind);
        fprintf(stderr, _("Try 'baogao --help'.\n"));
        return BG_EXIT_USAGE;
    }
    o->input = argv[optind];
    if (extract)
        o->target = argv[optind + 1];
    return -1;
}

void bg_cli_print_diags(const bg_diags *d, bool quiet)
{
    for (size_t i = 0; i < d->count; i++) {
        if (quiet && d->items[i].severity != BG_ERROR)
            continue;
        char *s = bg_diag_format(&d->items[i]);
        fprintf(stderr, "%s\n", s);
        free(s);
    }
    if (d->errors) {
        char *errors = bg_strprintf(P_("%zu error", "%zu errors", d->errors), d->errors);
        char *warnings = bg_strprintf(P_("%zu warning", "%zu warnings", d->warnings), d->warnings);
        /* TRANSLATORS: "2 errors, 1 warning" */
        fprintf(stderr, _("%s, %s\n"), errors, warnings);
        free(errors);
        free(warnings);
    }
}
