/* sha256.h: SHA-256 (FIPS 180-4), used to record the font files a PDF was built with and
 * to derive deterministic identifiers. */
#ifndef BG_SHA256_H
#define BG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct bg_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
} bg_sha256;

void bg_sha256_init(bg_sha256 *c);
void bg_sha256_update(bg_sha256 *c, const void *data, size_t len);
void bg_sha256_final(bg_sha256 *c, unsigned char out[32]);
/* Digest of data as 64 lower-case hex digits plus NUL. */
void bg_sha256_hex(const void *data, size_t len, char out[65]);

#endif
