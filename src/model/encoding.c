/* encoding.c: recognising and converting the encodings of hand-edited files (see
 * encoding.h), with ICU's converters (ucnv, strict: no substitution characters) and its
 * charset detector (ucsdet) for naming what is neither UTF-8 nor GB18030. */
#include "encoding.h"
#include "../base/i18n.h"
#include "../base/icu.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

size_t bg_encoding_bom(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

char *bg_encoding_from_gb18030(const char *data, size_t len, size_t *out_len)
{
    const bg_icu_api *icu = bg_icu();
    if (len > INT_MAX / 2 || !icu)
        return NULL;
    UErrorCode err = U_ZERO_ERROR;
    UConverter *conv = icu->ucnv_open("GB18030", &err);
    if (U_FAILURE(err))
        return NULL;
    icu->ucnv_setToUCallBack(conv, icu->UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    /* GB18030 takes 1, 2 or 4 bytes a character: never more UTF-16 units than bytes. */
    UChar *u = bg_xmalloc((len + 1) * sizeof *u);
    int32_t ulen = icu->ucnv_toUChars(conv, u, (int32_t)len + 1, data, (int32_t)len, &err);
    icu->ucnv_close(conv);
    char *out = NULL;
    if (U_SUCCESS(err)) {
        int32_t n = 0;
        UErrorCode e2 = U_ZERO_ERROR;
        icu->u_strToUTF8(NULL, 0, &n, u, ulen, &e2); /* preflight: the UTF-8 length */
        out = bg_xmalloc((size_t)n + 1);
        e2 = U_ZERO_ERROR;
        icu->u_strToUTF8(out, n + 1, &n, u, ulen, &e2);
        if (U_FAILURE(e2)) {
            free(out);
            out = NULL;
        } else {
            *out_len = (size_t)n;
        }
    }
    free(u);
    return out;
}

const char *bg_encoding_guess(const char *data, size_t len)
{
    size_t bom = bg_encoding_bom(data, len);
    if (bg_utf8_valid(data + bom, len - bom))
        return NULL;
    if (len >= 2 && (unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && (unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)
        return "UTF-16BE";
    size_t n;
    char *utf8 = bg_encoding_from_gb18030(data, len, &n);
    if (utf8) {
        free(utf8);
        return "GB18030";
    }
    static char name[64];
    strcpy(name, "unknown");
    const bg_icu_api *icu = bg_icu();
    if (!icu)
        return name;
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *det = icu->ucsdet_open(&err);
    if (U_SUCCESS(err) && len <= INT_MAX) {
        icu->ucsdet_setText(det, data, (int32_t)len, &err);
        const UCharsetMatch *m = icu->ucsdet_detect(det, &err);
        const char *guess = m && U_SUCCESS(err) ? icu->ucsdet_getName(m, &err) : NULL;
        if (guess && U_SUCCESS(err) && strcmp(guess, "UTF-8") != 0) {
            strncpy(name, guess, sizeof name - 1);
            name[sizeof name - 1] = '\0';
        }
    }
    icu->ucsdet_close(det);
    return name;
}

bg_encoding_spot bg_encoding_invalid_spot(const char *data, size_t len)
{
    size_t bom = bg_encoding_bom(data, len);
    size_t at = bom + bg_utf8_invalid_at(data + bom, len - bom);
    bg_encoding_spot spot = {1, 1, at < len ? (unsigned char)data[at] : 0, false};
    for (size_t i = bom; i < at; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n')
            spot.line++, spot.col = 1;
        else if ((c & 0xC0) != 0x80)
            spot.col++;
    }
    /* UTF-8 with a damaged spot, or another encoding? Count the well-formed multi-byte
     * characters against the bytes that begin none (text in GBK or a Windows code page
     * makes a well-formed UTF-8 pair only by chance). */
    size_t good = 0, bad = 0;
    for (size_t i = bom; i < len;) {
        size_t before = i;
        uint32_t cp = bg_utf8_next(data, len, &i);
        if (cp == 0xFFFD && !(i - before == 3 && (unsigned char)data[before] == 0xEF))
            bad++;
        else if (i - before > 1)
            good++;
    }
    spot.mostly_utf8 = good >= 2 * bad;
    return spot;
}

int bg_encoding_check_json(const char *path, const char *data, size_t len, bg_diags *diags)
{
    const char *encoding = bg_encoding_guess(data, len);
    const char *nul = encoding ? NULL : memchr(data, '\0', len);
    if (nul) {
        /* jansson stops reading at a NUL byte and accepts what came before it. */
        int line = 1, col = 1;
        for (const char *p = data; p < nul; p++) {
            if (*p == '\n')
                line++, col = 1;
            else if (((unsigned char)*p & 0xC0) != 0x80)
                col++;
        }
        bg_error(diags, (bg_loc){.file = path, .line = line, .col = col}, _("file holds a NUL byte, which JSON does not allow"));
        return -1;
    }
    if (!encoding)
        return (int)bg_encoding_bom(data, len);
    bg_encoding_spot spot = bg_encoding_invalid_spot(data, len);
    if (spot.mostly_utf8 && strncmp(encoding, "UTF-16", 6) != 0) { /* UTF-8 but for a damaged spot */
        bg_error(diags, (bg_loc){.file = path, .line = spot.line, .col = spot.col},
                 _("the byte 0x%02X here is not UTF-8; the file is UTF-8 before it"), spot.byte);
        bg_diag_hint(diags, _("type the character at this point again, or save the file again as UTF-8"));
        return -1;
    }
    bg_error(diags, (bg_loc){.file = path}, _("file is not UTF-8 (it looks like %s); JSON files must be UTF-8"),
             encoding);
    if (strcmp(encoding, "GB18030") == 0)
        bg_diag_hint(diags, _("save it as UTF-8: in Notepad, Save As with Encoding UTF-8; in VS Code, "
                              "\"Save with Encoding\" then UTF-8; or run iconv -f GB18030 -t UTF-8"));
    else
        bg_diag_hint(diags, _("save it as UTF-8 in your editor, or run iconv -f %s -t UTF-8"), encoding);
    return -1;
}
