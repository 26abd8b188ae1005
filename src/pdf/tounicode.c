/* tounicode.c: the ToUnicode CMap of a font, so that copying, searching and text
 * extraction give back the source text. Codes are 2-byte glyph IDs (Identity-H); each
 * glyph that starts a HarfBuzz cluster maps to the cluster's whole text in UTF-16BE
 * (ligatures to several characters, astral characters to surrogate pairs). Entries are
 * bfchar only, sorted by glyph ID, at most 100 per block as the CMap format requires. */
#include "pdf_ctx.h"
#include "../base/utf8.h"

#include <string.h>

enum { S_CHUNK = 100, S_MAX_UNITS = 256 /* bfchar destinations hold at most 512 bytes */ };

/* Appends v as four upper-case hex digits (what "%04X" gave, a printf call each: 5.3 M
 * instructions for the 2023 report's eight CMaps). */
static void S_hex4(bg_buf *out, unsigned v)
{
    static const char digits[] = "0123456789ABCDEF";
    char h[4] = {digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15]};
    bg_buf_put(out, h, sizeof h);
}

/* Appends the UTF-16BE hex of utf8, at most S_MAX_UNITS code units. */
static void S_utf16_hex(bg_buf *out, const char *utf8)
{
    size_t len = strlen(utf8), i = 0, units = 0;
    while (i < len) {
        uint32_t cp = bg_utf8_next(utf8, len, &i);
        if (cp >= 0x10000) {
            if (units + 2 > S_MAX_UNITS)
                return;
            cp -= 0x10000;
            S_hex4(out, 0xD800u + (cp >> 10));
            S_hex4(out, 0xDC00u + (cp & 0x3FFu));
            units += 2;
        } else {
            if (units + 1 > S_MAX_UNITS)
                return;
            S_hex4(out, (unsigned)cp);
            units++;
        }
    }
}

static void S_header(bg_buf *out)
{
    bg_buf_puts(out,
                "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n"
                "<0000> <FFFF>\n"
                "endcodespacerange\n");
}

static void S_footer(bg_buf *out)
{
    bg_buf_puts(out,
                "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\n"
                "end\n");
}

void bg_pdf_tounicode(bg_buf *out, const uint32_t *gids, const char *const *texts, size_t n)
{
    S_header(out);
    for (size_t start = 0; start < n; start += S_CHUNK) {
        size_t end = start + S_CHUNK < n ? start + S_CHUNK : n;
        bg_buf_printf(out, "%zu beginbfchar\n", end - start);
        for (size_t i = start; i < end; i++) {
            bg_buf_putc(out, '<');
            S_hex4(out, (unsigned)gids[i]); /* glyph IDs are below 65,536 */
            bg_buf_puts(out, "> <");
            S_utf16_hex(out, texts[i]);
            bg_buf_puts(out, ">\n");
        }
        bg_buf_puts(out, "endbfchar\n");
    }
    S_footer(out);
}
