/* options.c: GNU-style option parsing shared by the subcommands, and printing the
 * diagnostics sink in compiler form. */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

int bg_cli_parse(int argc, char **argv, bg_cli_options *o)
{
    static const struct option longopts[] = {
        {"layout", required_argument, NULL, 'l'}, {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
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
        case 'h': o->help = true; return BG_EXIT_OK;
        case ':':
            fprintf(stderr, "baogao %s: option '%s' needs an argument\n", o->command, argv[optind - 1]);
            return BG_EXIT_USAGE;
        default:
            fprintf(stderr, "baogao %s: unknown option '%s'\n", o->command, argv[optind - 1]);
            fprintf(stderr, "Try 'baogao --help'.\n");
            return BG_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "baogao %s: expected one REPORT.json, got %d arguments\n", o->command,
                argc - optind);
        fprintf(stderr, "Try 'baogao --help'.\n");
        return BG_EXIT_USAGE;
    }
    o->input = argv[optind];
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
    if (d->errors)
        fprintf(stderr, "%zu error%s, %zu warning%s\n", d->errors, d->errors == 1 ? "" : "s",
                d->warnings, d->warnings == 1 ? "" : "s");
}
