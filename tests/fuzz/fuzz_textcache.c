/* fuzz_textcache.c: the reader of the text cache's file (layout/textdisk.c) on arbitrary
 * bytes as the payload after the code identity, with one face whose SHA-256 is all
 * zeros (index 0): every count, offset and index it reads must be checked, and what it
 * keeps must be freed whole. The seed is a real file's payload with its faces renamed
 * to that one (tests/fuzz/seeds.sh). */
#include "layout/textcache_impl.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bg_font face;
    if (!face.refcount) {
        face.refcount = 1;
        memset(face.digest, '0', 64);
    }
    bg_font *fonts[] = {&face};
    bg_textcache_read_(data, size, fonts, 1);
    bg_textcache_free();
    return 0;
}
