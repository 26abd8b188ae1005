/* info.c: the document's metadata. Title, author, subject and keywords go into the Info
 * dictionary as UTF-16BE text strings (libharu's own string path cannot carry UTF-8);
 * creator and producer name baogao; creation and modification dates are the report's
 * own date at midnight, offset +00'00', never the wall clock, so the same input gives
 * the same bytes. The catalog gets /Lang from the report's language. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/utf8.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

HPDF_Binary bg_pdf_text_string(bg_pdf_ctx *ctx, const char *utf8)
{
    size_t len = strlen(utf8), i = 0, n = 0;
    unsigned char *bytes = malloc(2 + 4 * len);
    if (!bytes)
        return NULL;
    bytes[n++] = 0xFE;
    bytes[n++] = 0xFF;
    while (i < len) {
        uint32_t cp = bg_utf8_next(utf8, len, &i);
        uint32_t units[2] = {cp, 0};
        int count = 1;
        if (cp >= 0x10000) {
            units[0] = 0xD800u + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00u + ((cp - 0x10000) & 0x3FFu);
            count = 2;
        }
        for (int k = 0; k < count; k++) {
            bytes[n++] = (unsigned char)(units[k] >> 8);
            bytes[n++] = (unsigned char)units[k];
        }
    }
    HPDF_Binary s = HPDF_Binary_New(ctx->doc->mmgr, bytes, (HPDF_UINT)n);
    free(bytes);
    return s;
}

static HPDF_STATUS S_add_text(bg_pdf_ctx *ctx, const char *key, const char *utf8)
{
    if (!utf8 || !*utf8)
        return HPDF_OK;
    HPDF_Binary s = bg_pdf_text_string(ctx, utf8);
    return s ? HPDF_Dict_Add(ctx->doc->info, key, s) : HPDF_FAILD_TO_ALLOC_MEM;
}

bool bg_pdf_document_date(const bg_doc_info *info, HPDF_Date *out)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long seconds = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
    if (end && *end == '\0' && seconds >= 0) {
        time_t t = (time_t)seconds;
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            *out = (HPDF_Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                               '+', 0, 0};
            return true;
        }
    }
    int y, m, d;
    char extra;
    const char *date = info->date;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    *out = (HPDF_Date){y, m, d, 0, 0, 0, '+', 0, 0};
    return true;
}

/* Both dates from bg_pdf_document_date; none when there is no date. */
static HPDF_STATUS S_add_dates(bg_pdf_ctx *ctx, const bg_doc_info *info)
{
    HPDF_Date when;
    if (!bg_pdf_document_date(info, &when))
        return HPDF_OK;
    HPDF_STATUS st = HPDF_SetInfoDateAttr(ctx->doc, HPDF_INFO_CREATION_DATE, when);
    if (st == HPDF_OK)
        st = HPDF_SetInfoDateAttr(ctx->doc, HPDF_INFO_MOD_DATE, when);
    return st;
}

static HPDF_STATUS S_add_language(bg_pdf_ctx *ctx, const char *language)
{
    if (!language || !*language)
        return HPDF_OK;
    HPDF_String lang = HPDF_String_New(ctx->doc->mmgr, language, NULL);
    return lang ? HPDF_Dict_Add(ctx->doc->catalog, "Lang", lang) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The record `baogao info` reads back: the tool's version and, per font file used,
 * "postscript-name file#face sha256", as plain ASCII strings in the Info dictionary. */
static HPDF_STATUS S_add_build_record(bg_pdf_ctx *ctx, const char *creator)
{
    bg_buf fonts = {0};
    for (size_t i = 0; i < ctx->font_count; i++) {
        const bg_font *f = ctx->fonts[i].font;
        const char *slash = strrchr(f->file, '/');
        bg_buf_printf(&fonts, "%s%s %s#%u %s", i ? "; " : "", f->postscript_name ? f->postscript_name : "?",
                      slash ? slash + 1 : f->file, f->index, bg_font_sha256(f));
    }
    bg_buf_putc(&fonts, '\0');
    HPDF_String version = HPDF_String_New(ctx->doc->mmgr, creator, NULL);
    HPDF_String list = HPDF_String_New(ctx->doc->mmgr, fonts.data, NULL);
    bg_buf_free(&fonts);
    HPDF_STATUS st = version && list ? HPDF_Dict_Add(ctx->doc->info, "BaogaoVersion", version) : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->info, "BaogaoFonts", list);
    return st;
}

int bg_pdf_info(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator)
{
    const char *name = creator && *creator ? creator : "baogao";
    /* Setting the producer also makes libharu create the Info dictionary. */
    HPDF_STATUS st = HPDF_SetInfoAttr(ctx->doc, HPDF_INFO_PRODUCER, name);
    if (st == HPDF_OK)
        st = HPDF_SetInfoAttr(ctx->doc, HPDF_INFO_CREATOR, name);
    if (st == HPDF_OK && !ctx->doc->info)
        st = HPDF_INVALID_OBJECT;
    if (st == HPDF_OK)
        st = S_add_text(ctx, "Title", info->title);
    if (st == HPDF_OK)
        st = S_add_text(ctx, "Author", info->author);
    if (st == HPDF_OK)
        st = S_add_text(ctx, "Subject", info->subject);
    if (st == HPDF_OK)
        st = S_add_text(ctx, "Keywords", info->keywords);
    if (st == HPDF_OK)
        st = S_add_dates(ctx, info);
    if (st == HPDF_OK)
        st = S_add_language(ctx, info->language);
    if (st == HPDF_OK)
        st = S_add_build_record(ctx, name);
    if (st != HPDF_OK)
        return bg_pdf_fail(ctx, _("writing the document information"));
    return 0;
}
