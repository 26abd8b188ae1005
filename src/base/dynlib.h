/* dynlib.h: shared libraries opened on first use (dlopen) instead of at start-up.
 * libqpdf and poppler-glib (with cairo, gio, gnutls, nss, X11 and some thirty more behind
 * it) serve only `info`, `extract` and `diff`, yet linking them made the dynamic loader
 * map and relocate 69 libraries for every `build` and `check`: 17 ms of CPU before main
 * against 3 ms without them (interleaved, an empty main linked both ways). A user of a
 * library lists the functions it calls in a table of pointers whose types come from the
 * library's own header (__typeof__), so a call through it is checked as a direct one. */
#ifndef BG_DYNLIB_H
#define BG_DYNLIB_H

#include <stddef.h>

/* The library soname, opened (RTLD_LAZY, RTLD_LOCAL: a function is bound when first
 * called, as for a linked library, which took ICU's opening from 3.2 to 2.4 ms; never
 * closed: closing a C++ library is unsafe), or NULL with *why (malloc'd) saying why it
 * cannot be loaded. */
void *bg_dynlib_open(const char *soname, char **why);
/* The address of `name` in lib, or NULL with *why (malloc'd) naming it. */
void *bg_dynlib_sym(void *lib, const char *soname, const char *name, char **why);

#endif
