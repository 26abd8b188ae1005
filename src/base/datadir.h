/* datadir.h: where baogao finds its data (the shipped layouts, the JSON Schemas, the fonts/
 * folder searched before the system's, and the message catalogues), so that an installed,
 * unpacked or copied binary works without the source tree it was built from. Looked up once
 * per process, in this order:
 *   1. $BAOGAO_DATA;
 *   2. the source tree, when the executable sits in its build folder (CMake writes the file
 *      `baogao-source-tree` there, holding the source folder; nothing is compiled in);
 *   3. ../share/baogao relative to the executable (an installed, unpacked or moved tree);
 *   4. the configured prefix (BG_DATADIR, e.g. /usr/local/share/baogao).
 * The message catalogues are in $BAOGAO_LOCALEDIR, else locale/ beside the executable (the
 * build folder), else ../locale beside the data folder (P/share/locale), else the prefix's. */
#ifndef BG_DATADIR_H
#define BG_DATADIR_H

typedef enum {
    BG_DATA_ENV,     /* $BAOGAO_DATA */
    BG_DATA_SOURCE,  /* the source tree of a build folder */
    BG_DATA_RELATIVE, /* ../share/baogao beside the executable */
    BG_DATA_PREFIX,  /* the configured prefix */
} bg_data_origin;

/* The data folder (static, not owned; never NULL). */
const char *bg_datadir(void);
/* How bg_datadir() was found. */
bg_data_origin bg_datadir_origin(void);
/* A file or folder of the data: "layouts/NAME", "fonts", "schemas/NAME" (docs/ in a
 * source tree), "starter" (docs/starter in a source tree). Returns a malloc'd path the caller frees. */
char *bg_data_path(const char *relative);
/* The folder of the message catalogues (static, not owned; never NULL). */
const char *bg_localedir(void);

#endif
