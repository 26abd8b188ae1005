/* utf8.h: decoding and encoding UTF-8. The model validates every string as UTF-8 once,
 * so later stages may decode without re-checking. */
#ifndef BG_UTF8_H
#define BG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i] (len bytes in all) and advances *i; returns U+FFFD
 * and advances one byte on malformed input. bg_utf8_next is inline for ASCII and for the
 * three-byte characters of Chinese text (a call a character was 2% of a build's
 * instructions), bg_utf8_next_any the whole of it. */
uint32_t bg_utf8_next_any(const char *s, size_t len, size_t *i);
static inline uint32_t bg_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    if ((c & 0xF0) == 0xE0 && p + 2 < len && (s[p + 1] & 0xC0) == 0x80 && (s[p + 2] & 0xC0) == 0x80) {
        uint32_t cp = (c & 0x0Fu) << 12 | (s[p + 1] & 0x3Fu) << 6 | (s[p + 2] & 0x3Fu);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *i = p + 3;
            return cp;
        }
    }
    return bg_utf8_next_any(str, len, i);
}
/* Writes cp as UTF-8 into out (4 bytes room) and returns the byte count. */
size_t bg_utf8_encode(uint32_t cp, char *out);
bool bg_utf8_valid(const char *s, size_t len);
/* The offset of the first byte of s that does not begin a well-formed character; len
 * when s is valid UTF-8. */
size_t bg_utf8_invalid_at(const char *s, size_t len);
/* Number of code points in s. */
size_t bg_utf8_count(const char *s, size_t len);

#endif
