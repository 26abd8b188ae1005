/* qpdf_api.h: libqpdf's C API as a table of functions loaded on first use (base/dynlib.h),
 * so that `build` and `check`, which never read a PDF, do not load libqpdf and libstdc++
 * at start-up. Each slot has the type of the function in <qpdf/qpdf-c.h>. */
#ifndef BG_QPDF_API_H
#define BG_QPDF_API_H

#include <qpdf/qpdf-c.h>

#define BG_QPDF_FUNCTIONS(X)                                                                          \
    X(qpdf_cleanup) X(qpdf_get_error) X(qpdf_get_error_code) X(qpdf_get_error_message_detail)          \
    X(qpdf_get_num_pages) X(qpdf_get_page_n) X(qpdf_get_root) X(qpdf_get_trailer) X(qpdf_has_error)    \
    X(qpdf_init) X(qpdf_more_warnings) X(qpdf_next_warning) X(qpdf_oh_get_array_item)                 \
    X(qpdf_oh_get_array_n_items) X(qpdf_oh_get_binary_utf8_value) X(qpdf_oh_get_key)                  \
    X(qpdf_oh_get_key_if_dict) X(qpdf_oh_get_stream_data) X(qpdf_oh_get_string_value)                 \
    X(qpdf_oh_is_array) X(qpdf_oh_is_dictionary) X(qpdf_oh_is_name_and_equals) X(qpdf_oh_is_stream)   \
    X(qpdf_oh_is_string) X(qpdf_oh_release_all) X(qpdf_read) X(qpdf_read_memory)                       \
    X(qpdf_set_suppress_warnings) X(qpdf_silence_errors)

typedef struct bg_qpdf_api {
#define BG_QPDF_SLOT(f) __typeof__(&f) f;
    BG_QPDF_FUNCTIONS(BG_QPDF_SLOT)
#undef BG_QPDF_SLOT
} bg_qpdf_api;

/* The table, loaded once; NULL with *why (malloc'd) when libqpdf cannot be loaded. */
const bg_qpdf_api *bg_qpdf_api_load(char **why);

#endif
