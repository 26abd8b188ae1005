/* outfile.h: writing an output file so that nothing is ever lost. The bytes go to a
 * temporary file `<target>.tmp-XXXXXX` beside the target, every write(), fsync() and
 * close() is checked, the temporary is renamed over the target and the folder is
 * fsynced; on any failure the temporary is removed and the previous file is left as it
 * was. The target is the file itself when the output names a symlink (written through),
 * never a device, FIFO or folder, and never one of the build's inputs (compared by device
 * and inode, so a hard link or another spelling of the same path is caught). */
#ifndef BG_OUTFILE_H
#define BG_OUTFILE_H

#include "diag.h"

#include <stddef.h>

/* The file to write for the output path: path itself, or what a chain of symlinks
 * leads to (which need not exist yet). Refuses an existing target that is not a regular
 * file. Returns a malloc'd path, or NULL after reporting an error located at path. */
char *bg_outfile_target(const char *path, bg_diags *diags);

/* Returns 0 when target (from bg_outfile_target) is none of inputs[0..count), or -1
 * after reporting which input it is. Inputs that cannot be stat'ed are skipped. */
int bg_outfile_check_inputs(const char *target, const char *const *inputs, size_t count, bg_diags *diags);

/* Writes data[0..len) to target as described above. Temporary files of our own pattern
 * beside target that are older than this process are removed first (left by a build that
 * was killed). Returns 0, or -1 after reporting an error located at target. */
int bg_outfile_replace(const char *target, const void *data, size_t len, bg_diags *diags);

#endif
