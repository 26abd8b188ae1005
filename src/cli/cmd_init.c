/* cmd_init.c: `baogao init DIR`: writes a small, complete report into DIR to start from —
 * the data folder's starter/ (docs/starter in a source tree): report.json with a cover,
 * preface, contents and lists, three heading levels, a CSV table with a total, a chart
 * drawn from that table, a photo stand-in, a case, footnotes, references and a list; its
 * CSV file, image and a README saying how to build it. The report's "$schema" is rewritten
 * to point at the installed schema from where DIR is. DIR must not exist or be empty, and
 * no file is ever overwritten. */
#include "commands.h"
#include "base/buf.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The path of `to` relative to the folder `from` (both absolute and resolved); malloc'd. */
static char *S_relative(const char *from, const char *to)
{
    /* The longest common run of whole components. */
    size_t common = 0;
    for (size_t i = 1;; i++) {
        bool from_end = from[i] == '/' || from[i] == '\0', to_end = to[i] == '/' || to[i] == '\0';
        if (from_end && to_end)
            common = i;
        if (from[i] != to[i] || from[i] == '\0')
            break;
    }
    bg_buf b;
    bg_buf_init(&b);
    for (const char *p = from + common; *p; p++)
        if (*p == '/')
            bg_buf_puts(&b, "../");
    bg_buf_puts(&b, to + common + (to[common] == '/'));
    return bg_buf_take(&b);
}

/* report.json's "$schema" value replaced by schema; malloc'd (the text unchanged when it
 * has no "$schema"). */
static char *S_with_schema(const char *text, const char *schema)
{
    const char *key = strstr(text, "\"$schema\"");
    const char *open = key ? strchr(key + 9, '"') : NULL;
    const char *close = open ? strchr(open + 1, '"') : NULL;
    if (!close)
        return bg_xstrdup(text);
    return bg_strprintf("%.*s%s%s", (int)(open + 1 - text), text, schema, close);
}

static int S_write_new(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    return close(fd);
}

typedef struct init_ctx {
    const char *schema; /* the "$schema" to write, relative to the target */
    size_t files;
} init_ctx;

/* Copies the folder from (of the starter) into to, which exists and is empty. */
static int S_copy_tree(init_ctx *c, const char *from, const char *to, const char *shown)
{
    DIR *d = opendir(from);
    if (!d) {
        fprintf(stderr, _("%s: error: cannot read the starter report: %s\n"), from, strerror(errno));
        return BG_EXIT_IO;
    }
    /* Sorted, so the listing printed is the same on every machine. */
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        BG_GROW(names, cap, count + 1);
        names[count++] = bg_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, (int (*)(const void *, const void *))strcmp);
    int rc = BG_EXIT_OK;
    for (size_t i = 0; i < count && rc == BG_EXIT_OK; i++) {
        char *src = bg_strprintf("%s/%s", from, names[i]);
        char *dst = bg_strprintf("%s/%s", to, names[i]);
        char *show = bg_strprintf("%s/%s", shown, names[i]);
        struct stat st;
        if (stat(src, &st) != 0) {
            fprintf(stderr, _("%s: error: cannot read the starter report: %s\n"), src, strerror(errno));
            rc = BG_EXIT_IO;
        } else if (S_ISDIR(st.st_mode)) {
            if (mkdir(dst, 0777) != 0) {
                fprintf(stderr, _("%s: error: cannot create the folder: %s\n"), show, strerror(errno));
                rc = BG_EXIT_IO;
            } else {
                rc = S_copy_tree(c, src, dst, show);
            }
        } else {
            bg_buf b;
            bg_buf_init(&b);
            if (bg_buf_read_file(&b, src) != 0) {
                fprintf(stderr, _("%s: error: cannot read the starter report: %s\n"), src, strerror(errno));
                rc = BG_EXIT_IO;
            } else {
                char *data = strcmp(names[i], "report.json") == 0 ? S_with_schema(b.data, c->schema) : NULL;
                int w = data ? S_write_new(dst, data, strlen(data)) : S_write_new(dst, b.data, b.len);
                if (w != 0) {
                    fprintf(stderr, _("%s: error: cannot write: %s\n"), show, strerror(errno));
                    rc = BG_EXIT_IO;
                } else {
                    c->files++;
                }
                free(data);
            }
            bg_buf_free(&b);
        }
        free(src);
        free(dst);
        free(show);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Creates dir, or accepts it when it exists and is empty. */
static int S_make_target(const char *dir)
{
    if (mkdir(dir, 0777) == 0)
        return BG_EXIT_OK;
    int err = errno;
    struct stat st;
    if (err == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(dir);
        bool empty = d != NULL;
        struct dirent *e;
        while (d && (e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
                empty = false;
        if (d)
            closedir(d);
        if (empty)
            return BG_EXIT_OK;
        fprintf(stderr, _("%s: error: the folder is not empty; baogao init writes a new report "
                          "only into a new or empty folder\n"), dir);
        return BG_EXIT_USAGE;
    }
    fprintf(stderr, _("%s: error: cannot create the folder: %s\n"), dir, strerror(err));
    return err == EEXIST ? BG_EXIT_USAGE : BG_EXIT_IO;
}

int bg_cmd_init(const bg_cli_options *o)
{
    const char *dir = o->input;
    char *starter = bg_data_path("starter");
    char *schema = bg_data_path("schemas/report.schema.json");
    int rc = S_make_target(dir);
    char real_dir[PATH_MAX], real_schema[PATH_MAX];
    char *relative = NULL;
    if (rc == BG_EXIT_OK) {
        if (realpath(dir, real_dir) && realpath(schema, real_schema))
            relative = S_relative(real_dir, real_schema);
        else
            relative = bg_xstrdup(schema); /* no schema installed: the path it would have */
        init_ctx c = {.schema = relative};
        rc = S_copy_tree(&c, starter, dir, dir);
        if (rc == BG_EXIT_OK && !o->quiet) {
            char *count = bg_strprintf(P_("%zu file", "%zu files", c.files), c.files);
            /* TRANSLATORS: "wrote a new report into myschool (4 files); build it with: …" */
            fprintf(stderr, _("wrote a new report into %s (%s); build it with:\n  baogao build %s/report.json\n"),
                    dir, count, dir);
            free(count);
        }
    }
    free(relative);
    free(schema);
    free(starter);
    return rc;
}
