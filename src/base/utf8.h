/* utf8.h: decoding and encoding UTF-8. The model validates every string as UTF-8 once,
 * so later stages may decode without re-checking. */
#ifndef BG_UTF8_H
#define BG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i] (len bytes in all) and advances *i; returns U+FFFD
 * and advances one byte on malformed input. */
uint32_t bg_utf8_next(const char *s, size_t len, size_t *i);
/* Writes cp as UTF-8 into out (4 bytes room) and returns the byte count. */
size_t bg_utf8_encode(uint32_t cp, char *out);
bool bg_utf8_valid(const char *s, size_t len);
/* The offset of the first byte of s that does not begin a well-formed character; len
 * when s is valid UTF-8. */
size_t bg_utf8_invalid_at(const char *s, size_t len);
/* Number of code points in s. */
size_t bg_utf8_count(const char *s, size_t len);

#endif
