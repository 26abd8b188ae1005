/* cmd_extract.c: `baogao extract ARCHIVE.pdf DIR`: writes the sources attached to a
 * --pdfa 3u file (the report's JSON, CSV files, images and layout.json) into DIR, with
 * the folders they had next to the report, so the year can be corrected and rebuilt:
 * baogao build DIR/report.json -l DIR/layout.json --pdfa 3u.
 * An archive is untrusted input: every name is checked (relative, no `.`/`..` or empty
 * parts, no backslash, NUL or control characters, UTF-8), and files are created under a
 * descriptor of DIR with openat/mkdirat, O_NOFOLLOW on every part and O_EXCL on the file,
 * so nothing is written outside DIR through a symlink already there and no existing file
 * is overwritten. Names are printed escaped (escape.c). */
#include "commands.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "pdf/pdfread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { S_MAX_NAME = 1024, S_MAX_PARTS = 32 };

/* Why name (len bytes) may not be created under DIR, or NULL when it is safe. */
static const char *S_unsafe(const char *name, size_t len)
{
    if (len == 0)
        return _("the name is empty");
    if (len > S_MAX_NAME)
        return _("the name is too long");
    if (memchr(name, '\0', len))
        return _("the name holds a NUL byte");
    if (name[0] == '/')
        return _("the name is an absolute path");
    if (memchr(name, '\\', len))
        return _("the name holds a backslash");
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F)
            return _("the name holds a control character");
    if (!bg_utf8_valid(name, len))
        return _("the name is not UTF-8");
    size_t parts = 0;
    for (const char *p = name, *end = name + len; p <= end; parts++) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
        if (n == 0)
            return _("the name has an empty part");
        if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return _("the name has a '.' or '..' part");
        if (!slash)
            break;
        p = slash + 1;
    }
    if (parts >= S_MAX_PARTS)
        return _("the name has too many folders");
    return NULL;
}

static int S_write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Creates name (checked by S_unsafe) under the folder dirfd. Returns 0, or -1 with
 * errno set and *what saying which step failed. */
static int S_create(int dirfd, const char *name, const char *data, size_t len, const char **what)
{
    char *copy = bg_xstrdup(name);
    int dfd = dup(dirfd);
    int rc = -1, saved;
    char *part = copy;
    for (char *slash; dfd >= 0 && (slash = strchr(part, '/')); part = slash + 1) {
        *slash = '\0';
        if (mkdirat(dfd, part, 0755) != 0 && errno != EEXIST) {
            *what = _("cannot create a folder");
            goto done;
        }
        int next = openat(dfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            *what = errno == ELOOP || errno == ENOTDIR ? _("a part of the path is a symlink or not a folder")
                                                        : _("cannot open a folder");
            goto done;
        }
        close(dfd);
        dfd = next;
    }
    if (dfd < 0) {
        *what = _("cannot open the folder");
        goto done;
    }
    int fd = openat(dfd, part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        *what = errno == EEXIST ? _("the file already exists (extract into a new or empty folder)")
                                : _("cannot create the file");
        goto done;
    }
    rc = S_write_all(fd, data, len);
    saved = errno;
    if (close(fd) != 0 && rc == 0) {
        saved = errno;
        rc = -1;
    }
    if (rc != 0) {
        unlinkat(dfd, part, 0);
        *what = _("cannot write the file");
    }
    errno = saved;
done:
    saved = errno;
    if (dfd >= 0)
        close(dfd);
    free(copy);
    errno = saved;
    return rc;
}

int bg_cmd_extract(const bg_cli_options *o)
{
    int rc;
    bg_pdfread *pdf = bg_cli_open_pdf(o->input, &rc);
    if (!pdf)
        return rc;
    bg_pdfread_files files;
    bg_pdfread_embedded(pdf, true, &files);
    bg_pdfread_close(pdf);
    if (files.count == 0) {
        fprintf(stderr, _("%s: error: no attached sources: build the archive with --pdfa 3u\n"), o->input);
        bg_pdfread_files_free(&files);
        return BG_EXIT_INPUT;
    }
    if (mkdir(o->target, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("%s: error: cannot create the folder: %s\n"), o->target, strerror(errno));
        bg_pdfread_files_free(&files);
        return BG_EXIT_IO;
    }
    int dirfd = open(o->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        fprintf(stderr, _("%s: error: cannot open the folder: %s\n"), o->target, strerror(errno));
        bg_pdfread_files_free(&files);
        return BG_EXIT_IO;
    }
    rc = BG_EXIT_OK;
    for (size_t i = 0; i < files.count; i++) {
        const bg_pdfread_file *f = &files.items[i];
        char *shown = f->name ? bg_cli_escape(f->name, f->name_len) : bg_xstrdup("?");
        const char *unsafe = f->name ? S_unsafe(f->name, f->name_len) : _("it has no name");
        const char *what = NULL;
        if (unsafe) {
            fprintf(stderr, _("%s: error: attachment '%s' is refused: %s\n"), o->input, shown, unsafe);
            rc = BG_EXIT_INPUT;
        } else if (!f->data) {
            fprintf(stderr, _("%s: error: attachment '%s' cannot be read\n"), o->input, shown);
            rc = BG_EXIT_INPUT;
        } else if (S_create(dirfd, f->name, f->data, f->len, &what) != 0) {
            fprintf(stderr, _("%s/%s: error: %s: %s\n"), o->target, shown, what, strerror(errno));
            rc = BG_EXIT_IO;
        } else {
            printf("%s/%s\n", o->target, shown);
        }
        free(shown);
    }
    close(dirfd);
    bg_pdfread_files_free(&files);
    return rc;
}
