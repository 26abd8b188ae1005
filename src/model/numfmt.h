/* numfmt.h: number formats of table columns (docs/format.md): `0`, `0.00`, `#,##0.0`,
 * `0.00%` (value × 100), and a quoted literal suffix such as `0.00":1"`. */
#ifndef BG_NUMFMT_H
#define BG_NUMFMT_H

#include <stdbool.h>

typedef struct bg_numfmt {
    int decimals;
    bool percent, grouping;
    char suffix[32];
} bg_numfmt;

/* Parses a format; returns false when it is malformed. */
bool bg_numfmt_parse(const char *format, bg_numfmt *out);
/* Whether value can be printed in the format with every digit right: finite, and no
 * more than 15 significant digits before the last printed decimal (a double holds 15). */
bool bg_numfmt_fits(const bg_numfmt *f, double value);
/* Formats value; caller frees. unit (may be NULL) is appended after a space. */
char *bg_numfmt_format(const bg_numfmt *f, double value, const char *unit);
/* The default format for a number written without one: as few decimals as it needs. */
char *bg_numfmt_plain(double value, const char *unit);

#endif
