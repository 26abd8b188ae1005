/* sha256.h: SHA-256 (FIPS 180-4), used to record the font files a PDF was built with, to
 * key and check the subset cache, and to derive deterministic identifiers. A thin wrapper
 * over nettle, which uses the processor's SHA instructions where it has them. */
#ifndef BG_SHA256_H
#define BG_SHA256_H

#include <nettle/sha2.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bg_sha256 {
    struct sha256_ctx ctx;
} bg_sha256;

void bg_sha256_init(bg_sha256 *c);
void bg_sha256_update(bg_sha256 *c, const void *data, size_t len);
void bg_sha256_final(bg_sha256 *c, unsigned char out[32]);
/* Digest of data as 64 lower-case hex digits plus NUL. */
void bg_sha256_hex(const void *data, size_t len, char out[65]);
/* 32 bytes as 64 lower-case hex digits plus NUL. */
void bg_sha256_to_hex(const unsigned char digest[32], char out[65]);

#endif
