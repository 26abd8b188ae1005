/* sources.c: listing a report's source files for a PDF/A-3 archive (sources.h). */
#include "sources.h"
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

/* The name of file inside the archive: its path relative to the report's folder. */
static char *S_relative(const bg_document *doc, const char *file)
{
    size_t n = strlen(doc->dir);
    if (strcmp(doc->dir, ".") != 0 && strncmp(file, doc->dir, n) == 0 && file[n] == '/')
        return bg_xstrdup(file + n + 1);
    if (file[0] != '/' && strncmp(file, "./", 2) == 0)
        return bg_xstrdup(file + 2);
    const char *slash = strrchr(file, '/');
    return bg_xstrdup(slash ? slash + 1 : file);
}

static void S_add(bg_sources *s, const char *file, char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].name, name) == 0) {
            free(name);
            return;
        }
    BG_GROW(s->items, s->cap, s->count + 1);
    s->items[s->count++] = (bg_pdf_attachment){bg_xstrdup(file), name, S_mime(name)};
}

static void S_walk(const bg_document *doc, const bg_node *n, bg_sources *s)
{
    for (; n; n = n->next) {
        if (n->type == BG_NODE_TABLE && n->u.table.csv_file)
            S_add(s, n->u.table.csv_file, S_relative(doc, n->u.table.csv_file));
        if (n->type == BG_NODE_FIGURE && n->u.figure.image)
            S_add(s, n->u.figure.image, S_relative(doc, n->u.figure.image));
        S_walk(doc, n->first_child, s);
    }
}

void bg_sources_collect(const bg_document *doc, const char *layout, bg_sources *out)
{
    memset(out, 0, sizeof *out);
    const char *slash = strrchr(doc->file, '/');
    S_add(out, doc->file, bg_xstrdup(slash ? slash + 1 : doc->file));
    S_add(out, layout, bg_xstrdup("layout.json"));
    S_walk(doc, doc->root, out);
}

void bg_sources_free(bg_sources *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free((char *)s->items[i].file);
        free((char *)s->items[i].name);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}
