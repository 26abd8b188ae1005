/* dynlib.c: libraries opened on first use (see dynlib.h). */
#include "dynlib.h"
#include "i18n.h"
#include "xalloc.h"

#include <dlfcn.h>
#include <stdlib.h>

void *bg_dynlib_open(const char *soname, char **why)
{
    void *lib = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        *why = bg_strprintf(_("cannot load the library %s: %s"), soname, e ? e : "?");
    }
    return lib;
}

void *bg_dynlib_sym(void *lib, const char *soname, const char *name, char **why)
{
    void *p = dlsym(lib, name);
    if (!p)
        *why = bg_strprintf(_("cannot load the library %s: it has no %s"), soname, name);
    return p;
}
