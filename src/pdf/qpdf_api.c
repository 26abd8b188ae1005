/* qpdf_api.c: loading libqpdf's C API on first use (see qpdf_api.h). BG_QPDF_SONAME
 * (from CMake: the SONAME of the libqpdf found at configure time) names the library. */
#include "qpdf_api.h"
#include "../base/dynlib.h"

#include <stdbool.h>
#include <stddef.h>

#ifndef BG_QPDF_SONAME
#define BG_QPDF_SONAME "libqpdf.so.29"
#endif

static bg_qpdf_api S_api;
static bool S_loaded;

const bg_qpdf_api *bg_qpdf_api_load(char **why)
{
    *why = NULL;
    if (S_loaded)
        return &S_api;
    void *lib = bg_dynlib_open(BG_QPDF_SONAME, why);
    if (!lib)
        return NULL;
    bg_qpdf_api api;
#define BG_QPDF_BIND(f)                                                                                \
    if (!(api.f = (__typeof__(api.f))bg_dynlib_sym(lib, BG_QPDF_SONAME, #f, why)))                   \
        return NULL;
    BG_QPDF_FUNCTIONS(BG_QPDF_BIND)
#undef BG_QPDF_BIND
    S_api = api;
    S_loaded = true;
    return &S_api;
}
