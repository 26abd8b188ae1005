/* test_sha256.c: bg_sha256 against the FIPS 180-4 / NIST test vectors, whole and fed in
 * pieces of every size across the 64-byte block boundary. */
#include "base/sha256.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_vectors(void **state)
{
    (void)state;
    char hex[65];
    bg_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    bg_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    bg_sha256_hex(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_pieces(void **state)
{
    (void)state;
    static char million[1000000];
    memset(million, 'a', sizeof million);
    for (size_t piece = 1; piece <= 130; piece += 43) {
        bg_sha256 c;
        unsigned char d[32];
        char hex[65];
        bg_sha256_init(&c);
        for (size_t off = 0; off < sizeof million; off += piece)
            bg_sha256_update(&c, million + off, off + piece <= sizeof million ? piece : sizeof million - off);
        bg_sha256_final(&c, d);
        bg_sha256_to_hex(d, hex);
        assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
