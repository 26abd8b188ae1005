/* escape.c: printing text that came from a file (a PDF's strings, attachment names)
 * without letting it drive the terminal: control characters (C0, DEL, C1), bytes that
 * are not UTF-8 and the invisible bidirectional controls are written as \xNN or \uNNNN,
 * and a backslash as \\, so what is printed is plain and unambiguous. */
#include "commands.h"
#include "base/i18n.h"
#include "pdf/pdfread.h"
#include "base/buf.h"
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>

static bool S_invisible(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

char *bg_cli_escape(const char *s, size_t len)
{
    bg_buf out = {0};
    bg_buf_put(&out, "", 0);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            bg_buf_printf(&out, "\\x%02x", c);
            i++;
        } else if (c == '\\') {
            bg_buf_puts(&out, "\\\\");
            i++;
        } else if (c < 0x80) {
            bg_buf_putc(&out, (char)c);
            i++;
        } else {
            size_t start = i;
            uint32_t cp = bg_utf8_next(s, len, &i);
            if (cp == 0xFFFD && i - start == 1) {
                bg_buf_printf(&out, "\\x%02x", c); /* not UTF-8 */
            } else if (S_invisible(cp)) {
                bg_buf_printf(&out, "\\u%04x", (unsigned)cp);
            } else {
                bg_buf_put(&out, s + start, i - start);
            }
        }
    }
    return bg_buf_take(&out);
}

bg_pdfread *bg_cli_open_pdf(const char *path, int *rc)
{
    bg_pdfread_status status;
    char *why = NULL;
    bg_pdfread *pdf = bg_pdfread_open(path, &status, &why);
    if (!pdf) {
        char *e = bg_cli_escape(why, strlen(why));
        fprintf(stderr, _("%s: error: cannot read the PDF: %s\n"), path, e);
        free(e);
        free(why);
        *rc = status == BG_PDFREAD_IO ? BG_EXIT_IO : BG_EXIT_INPUT;
    }
    return pdf;
}
