/* options.c: GNU-style option parsing shared by the subcommands, and printing the
 * diagnostics sink in compiler form, coloured on a terminal (--color, NO_COLOR) the way
 * GCC does: the location bold, the severity bold in its colour, the rest as it is. The
 * uncoloured text is exactly bg_diag_format's. */
#include "commands.h"
#include "base/datadir.h"
#include "base/xalloc.h"
#include "base/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --color: BG_COLOR_AUTO until an option says otherwise. */
static bg_color_mode S_color = BG_COLOR_AUTO;

bool bg_cli_color(FILE *out)
{
    if (S_color != BG_COLOR_AUTO)
        return S_color == BG_COLOR_ALWAYS;
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(out));
}

int bg_cli_parse(int argc, char **argv, bg_cli_options *o)
{
    static const struct option longopts[] = {
        {"layout", required_argument, NULL, 'l'}, {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"pdfa", required_argument, NULL, 'A'},   {"marks", no_argument, NULL, 'M'},
        {"pad", required_argument, NULL, 'P'},    {"color", optional_argument, NULL, 'C'},
        {"colour", optional_argument, NULL, 'C'}, {"pages", no_argument, NULL, 'G'},
        {"allow-path", required_argument, NULL, 'a'}, {"no-tags", no_argument, NULL, 'T'},
        {"no-object-streams", no_argument, NULL, 'X'},
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
        case 'G': o->pages = true; break;
        case 'T': o->no_tags = true; break;
        case 'X': o->no_object_streams = true; break;
        case 'A':
            if (strcmp(optarg, "1b") == 0 || strcmp(optarg, "1a") == 0)
                o->pdfa = 1;
            else if (strcmp(optarg, "3u") == 0 || strcmp(optarg, "3a") == 0)
                o->pdfa = 3;
            else {
                fprintf(stderr, _("baogao %s: --pdfa takes 1a, 1b, 3a or 3u, not '%s'\n"), o->command, optarg);
                return BG_EXIT_USAGE;
            }
            o->pdfa_a = optarg[1] == 'a';
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
        case 'C':
            if (!optarg || strcmp(optarg, "always") == 0 || strcmp(optarg, "yes") == 0)
                S_color = BG_COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0 || strcmp(optarg, "no") == 0)
                S_color = BG_COLOR_NEVER;
            else if (strcmp(optarg, "auto") == 0)
                S_color = BG_COLOR_AUTO;
            else {
                fprintf(stderr, _("baogao %s: --color takes auto, always or never, not '%s'\n"), o->command, optarg);
                return BG_EXIT_USAGE;
            }
            break;
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
            fprintf(stderr, _("Try 'baogao %s --help'.\n"), o->command);
            return BG_EXIT_USAGE;
        }
    }
    bool extract = strcmp(o->command, "extract") == 0, diff = strcmp(o->command, "diff") == 0;
    int want = extract || diff ? 2 : 1;
    if (argc - optind != want) {
        fprintf(stderr, _("baogao %s: expected %s, got %d arguments\n"), o->command,
                extract ? _("ARCHIVE.pdf and a folder")
                : diff ? _("OLD.pdf and NEW.pdf")
                : strcmp(o->command, "init") == 0 ? _("one folder") : _("one file"),
                argc - optind);
        fprintf(stderr, _("Try 'baogao %s --help'.\n"), o->command);
        return BG_EXIT_USAGE;
    }
    o->input = argv[optind];
    if (extract || diff)
        o->target = argv[optind + 1];
    return -1;
}

char *bg_cli_default_layout(void)
{
    const char *env = getenv("BAOGAO_LAYOUT");
    return env && *env ? bg_xstrdup(env) : bg_data_path("layouts/report-a4.json");
}

/* SGR sequences, as GCC's defaults. */
#define S_BOLD "\033[1m"
#define S_RESET "\033[m"
static const char *const S_severity_color[] = {
    [BG_NOTE] = "\033[1;36m", [BG_WARNING] = "\033[1;35m", [BG_ERROR] = "\033[1;31m"};
#define S_HINT_COLOR "\033[1;32m"

/* Prints s (bg_diag_format of g) with the location bold and the severity and hint words
 * in colour: the offsets come from the same fields bg_diag_format wrote. */
static void S_print_colored(FILE *out, const bg_diag *g, const char *s)
{
    size_t loc = 0;
    if (g->file) {
        loc = strlen(g->file);
        if (g->line > 0)
            loc += (size_t)snprintf(NULL, 0, ":%d:%d", g->line, g->col);
        loc += 1; /* the colon */
    }
    const char *sev = bg_severity_name(g->severity);
    size_t sev_at = loc ? loc + 1 : 0, sev_len = strlen(sev) + 1;
    if (strncmp(s + sev_at, sev, sev_len - 1) != 0) { /* not the expected shape: plain */
        fprintf(out, "%s\n", s);
        return;
    }
    if (loc)
        fprintf(out, S_BOLD "%.*s" S_RESET " ", (int)loc, s);
    fprintf(out, "%s%.*s" S_RESET, S_severity_color[g->severity], (int)sev_len, s + sev_at);
    const char *rest = s + sev_at + sev_len;
    const char *hint = g->hint ? strstr(rest, "\n  ") : NULL;
    const char *word = _("hint");
    if (hint && strncmp(hint + 3, word, strlen(word)) == 0) {
        fprintf(out, "%.*s\n  " S_HINT_COLOR "%s:" S_RESET "%s\n", (int)(hint - rest), rest, word,
                hint + 3 + strlen(word) + 1);
    } else {
        fprintf(out, "%s\n", rest);
    }
}

void bg_cli_print_diags(const bg_diags *d, bool quiet)
{
    bool color = bg_cli_color(stderr);
    for (size_t i = 0; i < d->count; i++) {
        if (quiet && d->items[i].severity != BG_ERROR)
            continue;
        char *s = bg_diag_format(&d->items[i]);
        if (color)
            S_print_colored(stderr, &d->items[i], s);
        else
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
