/* icu.h: ICU's C API (libicuuc, libicui18n) as a table of functions opened on first use
 * (dynlib.h) instead of linked. Linked, the two libraries and the libstdc++ they need
 * were mapped and relocated before main on every run: an empty program linked with
 * baogao's libraries started in 3.9-5.1 ms with them and 2.5-2.8 ms without (perf stat,
 * 200 runs); a build opens them on its second thread while the report loads
 * (layout/warm.c). Each slot has the type of the function in ICU's headers, whose
 * versioned names (ubrk_open is ubrk_open_72) are the ones looked up. */
#ifndef BG_ICU_H
#define BG_ICU_H

#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#define BG_ICU_UC_FUNCTIONS(X)                                                                        \
    X(ubrk_open) X(ubrk_close) X(ubrk_setText) X(ubrk_setUText) X(ubrk_first) X(ubrk_next)           \
    X(ubrk_getRuleStatus) X(utext_openUTF8) X(utext_close) X(u_strFromUTF8) X(u_strToUTF8)            \
    X(u_errorName) X(ucnv_open) X(ucnv_close) X(ucnv_setToUCallBack) X(ucnv_toUChars)                  \
    X(UCNV_TO_U_CALLBACK_STOP)
#define BG_ICU_I18N_FUNCTIONS(X)                                                                      \
    X(ucsdet_open) X(ucsdet_close) X(ucsdet_setText) X(ucsdet_detect) X(ucsdet_getName)

typedef struct bg_icu_api {
#define BG_ICU_SLOT(f) __typeof__(&f) f;
    BG_ICU_UC_FUNCTIONS(BG_ICU_SLOT)
    BG_ICU_I18N_FUNCTIONS(BG_ICU_SLOT)
#undef BG_ICU_SLOT
} bg_icu_api;

/* The table, loaded once for the process (any thread; the others wait for the first);
 * NULL when ICU cannot be loaded, then bg_icu_error says why. */
const bg_icu_api *bg_icu(void);
const char *bg_icu_error(void);

#endif
