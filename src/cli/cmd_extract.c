/* cmd_extract.c: `baogao extract ARCHIVE.pdf DIR`: writes the sources attached to a
 * --pdfa 3u file (the report's JSON, CSV files, images and layout.json) into DIR, with
 * the folders they had next to the report, so the year can be corrected and rebuilt:
 * baogao build DIR/report.json -l DIR/layout.json --pdfa 3u. Names that would leave DIR
 * are refused. */
#define _GNU_SOURCE /* memmem */
#include "commands.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/pdfread.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool S_safe_name(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, "\\"))
        return false;
    for (const char *p = name; p; p = strchr(p, '/')) {
        if (*p == '/')
            p++;
        if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
            return false;
    }
    return true;
}

static int S_write(const char *dir, const char *name, const char *data, size_t len)
{
    char *path = bg_strprintf("%s/%s", dir, name);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    int rc = f && fwrite(data, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, _("%s: error: cannot write: %s\n"), path, strerror(errno));
    else
        printf("%s\n", path);
    free(path);
    return rc;
}

int bg_cmd_extract(const bg_cli_options *o)
{
    bg_pdfread pdf;
    if (bg_pdfread_open(o->input, &pdf) != 0) {
        fprintf(stderr, _("%s: error: cannot read the PDF: %s\n"), o->input, strerror(errno));
        return errno == EINVAL ? BG_EXIT_INPUT : BG_EXIT_IO;
    }
    if (mkdir(o->target, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("%s: error: cannot create the folder: %s\n"), o->target, strerror(errno));
        bg_pdfread_close(&pdf);
        return BG_EXIT_IO;
    }
    int rc = BG_EXIT_OK;
    size_t found = 0;
    const char *end = pdf.data + pdf.len;
    for (const char *p = pdf.data; (p = memmem(p, (size_t)(end - p), "/Type /Filespec", 15)); p += 15) {
        /* the file specification's dictionary runs to the end of its object */
        const char *stop = memmem(p, (size_t)(end - p), "endobj", 6);
        const char *start = p;
        while (start > pdf.data && memcmp(start, "obj", 3) != 0)
            start--;
        if (!stop)
            break;
        size_t len = (size_t)(stop - start);
        char *name = bg_pdfread_string(start, len, "F");
        long ef = bg_pdfread_ref(start, len, "F");
        const char *efd = memmem(start, len, "/EF", 3);
        if (efd)
            ef = bg_pdfread_ref(efd + 3, (size_t)(stop - efd - 3), "F");
        size_t dlen;
        const char *data = ef >= 0 ? bg_pdfread_stream(&pdf, ef, &dlen) : NULL;
        if (!name || !data || !S_safe_name(name)) {
            fprintf(stderr, _("%s: error: an attachment (%s) cannot be read or has an unsafe name\n"), o->input,
                    name ? name : "unnamed");
            rc = BG_EXIT_INPUT;
        } else if (S_write(o->target, name, data, dlen) != 0) {
            rc = BG_EXIT_IO;
        }
        found++;
        free(name);
    }
    if (!found) {
        fprintf(stderr, _("%s: error: no attached sources: build the archive with --pdfa 3u\n"), o->input);
        rc = BG_EXIT_INPUT;
    }
    bg_pdfread_close(&pdf);
    return rc;
}
