/* fuzz_tmpfile.h: for fuzz targets whose entry point reads a file: writes the input to
 * one temporary file per process (reused across runs) and returns its path. The name
 * ends in `suffix` (".json", ".csv", ".pdf"). */
#ifndef BG_FUZZ_TMPFILE_H
#define BG_FUZZ_TMPFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *bg_fuzz_tmpfile(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[256];
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/bg-fuzz-%ld%s", dir, (long)getpid(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    return path;
}

#endif
