/* sources.c: listing a report's source files for a PDF/A-3 archive (sources.h). */
#include "sources.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *S_mime(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return "application/octet-stream";
    if (strcmp(dot, ".json") == 0)
        return "application/json";
    if (strcmp(dot, ".csv") == 0)
        return "text/csv";
    if (strcmp(dot, ".png") == 0 || strcmp(dot, ".PNG") == 0)
        return "image/png";
    return "image/jpeg";
}

/* The name of file inside the archive: its path relative to the report's folder, as the
 * report wrote it (the report's folder prefix taken off, `.` parts and `x/..` pairs
 * folded), whatever the working directory and however the report's path was typed.
 * NULL when the file is not named relative to the report's folder (an absolute path,
 * or one that climbs out of it). */
static char *S_relative(const bg_document *doc, const char *file)
{
    const char *rel = file;
    size_t n = strlen(doc->dir);
    if (strcmp(doc->dir, ".") != 0) {
        if (strncmp(file, doc->dir, n) != 0 || file[n] != '/')
            return NULL;
        rel = file + n + 1;
    }
    if (rel[0] == '/')
        return NULL;
    char *out = bg_xcalloc(strlen(rel) + 1, 1);
    size_t len = 0;
    for (const char *p = rel; *p;) {
        const char *slash = strchr(p, '/');
        size_t k = slash ? (size_t)(slash - p) : strlen(p);
        if (k == 2 && p[0] == '.' && p[1] == '.') {
            if (len == 0) {
                free(out);
                return NULL;
            }
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--; /* the slash before the folded part */
        } else if (k > 0 && !(k == 1 && p[0] == '.')) {
            if (len > 0)
                out[len++] = '/';
            memcpy(out + len, p, k);
            len += k;
        }
        out[len] = '\0';
        p += k + (slash ? 1 : 0);
    }
    if (len == 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Adds file under name (taken); the same name twice is one file, named once. */
static void S_add(bg_sources *s, const char *file, char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].name && strcmp(s->items[i].name, name) == 0) {
            if (strcmp(s->items[i].file, file) != 0 && s->clash < 0)
                s->clash = (long)i;
            free(name);
            return;
        }
    BG_GROW(s->items, s->cap, s->count + 1);
    s->items[s->count++] = (bg_pdf_attachment){bg_xstrdup(file), name, S_mime(name)};
}

static void S_add_named(const bg_document *doc, bg_sources *s, const char *file, const char *path,
                        const char *key)
{
    char *name = S_relative(doc, file);
    if (name) {
        S_add(s, file, name);
        return;
    }
    /* Still listed (so the output is compared with it), but an archive cannot hold it. */
    BG_GROW(s->items, s->cap, s->count + 1);
    s->items[s->count++] = (bg_pdf_attachment){bg_xstrdup(file), NULL, NULL};
    if (!s->outside) {
        s->outside = bg_xstrdup(file);
        s->outside_path = bg_strprintf("%s%s", path, key);
    }
}

static void S_walk(const bg_document *doc, const bg_node *n, bg_sources *s)
{
    for (; n; n = n->next) {
        if (n->type == BG_NODE_TABLE && n->u.table.csv_file)
            S_add_named(doc, s, n->u.table.csv_file, n->path, ".rows.csv");
        if (n->type == BG_NODE_FIGURE && n->u.figure.image)
            S_add_named(doc, s, n->u.figure.image, n->path, ".image.src");
        S_walk(doc, n->first_child, s);
    }
}

void bg_sources_collect(const bg_document *doc, const char *layout, bg_sources *out)
{
    memset(out, 0, sizeof *out);
    out->clash = -1;
    const char *slash = strrchr(doc->file, '/');
    S_add(out, doc->file, bg_xstrdup(slash ? slash + 1 : doc->file));
    S_add(out, layout, bg_xstrdup("layout.json"));
    S_walk(doc, doc->root, out);
}

int bg_sources_archive(const bg_document *doc, bg_sources *s, bg_diags *diags)
{
    if (s->outside) {
        bg_error(diags, bg_document_loc(doc, s->outside_path),
                 _("a PDF/A-3 archive can only hold files named relative to the report's folder, "
                   "not '%s': copy it into the folder and name it from there"),
                 s->outside);
        return -1;
    }
    if (s->clash >= 0) {
        bg_error(diags, (bg_loc){.file = doc->file},
                 _("two sources would have the same name '%s' in the archive; rename one of them"),
                 s->items[s->clash].name);
        return -1;
    }
    return 0;
}

void bg_sources_free(bg_sources *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free((char *)s->items[i].file);
        free((char *)s->items[i].name);
    }
    free(s->items);
    free(s->outside);
    free(s->outside_path);
    memset(s, 0, sizeof *s);
}
