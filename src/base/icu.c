/* icu.c: loading ICU's C API on first use (see icu.h). BG_ICUUC_SONAME and
 * BG_ICUI18N_SONAME (from CMake: the SONAMEs of the libraries found at configure time)
 * name the libraries. */
#include "icu.h"
#include "dynlib.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#ifndef BG_ICUUC_SONAME
#define BG_ICUUC_SONAME "libicuuc.so.72"
#endif
#ifndef BG_ICUI18N_SONAME
#define BG_ICUI18N_SONAME "libicui18n.so.72"
#endif

/* The name a macro stands for, as a string: ubrk_open is renamed ubrk_open_72. */
#define S_NAME(f) S_NAME2(f)
#define S_NAME2(f) #f

static bg_icu_api S_api;
static const bg_icu_api *S_loaded;
static char *S_why; /* owned for the process */
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static bool S_bind(const char *soname, void **lib)
{
    return (*lib = bg_dynlib_open(soname, &S_why)) != NULL;
}

static void S_load(void)
{
    void *uc = NULL, *i18n = NULL;
    if (!S_bind(BG_ICUUC_SONAME, &uc) || !S_bind(BG_ICUI18N_SONAME, &i18n))
        return;
    bg_icu_api api;
#define BG_ICU_BIND(lib, soname, f)                                                                    \
    if (!(api.f = (__typeof__(api.f))bg_dynlib_sym(lib, soname, S_NAME(f), &S_why)))                   \
        return;
#define BG_ICU_BIND_UC(f) BG_ICU_BIND(uc, BG_ICUUC_SONAME, f)
#define BG_ICU_BIND_I18N(f) BG_ICU_BIND(i18n, BG_ICUI18N_SONAME, f)
    BG_ICU_UC_FUNCTIONS(BG_ICU_BIND_UC)
    BG_ICU_I18N_FUNCTIONS(BG_ICU_BIND_I18N)
#undef BG_ICU_BIND_I18N
#undef BG_ICU_BIND_UC
#undef BG_ICU_BIND
    S_api = api;
    S_loaded = &S_api;
}

const bg_icu_api *bg_icu(void)
{
    pthread_once(&S_once, S_load);
    return S_loaded;
}

const char *bg_icu_error(void)
{
    pthread_once(&S_once, S_load);
    return S_why ? S_why : "";
}
