/* attach.c: the report's sources inside a PDF/A-3 archive file (ISO 19005-3 associated
 * files): each file as an /EmbeddedFile stream (uncompressed, with /Subtype, /Params
 * /Size /ModDate /CheckSum), a /Filespec with /F, /UF, /Desc and /AFRelationship
 * /Source, listed in the catalog's /Names /EmbeddedFiles tree (sorted by name) and /AF
 * array. `baogao extract` (cli/cmd_extract.c) reads them back. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The embedded file stream for one source file; NULL on failure. */
static HPDF_Dict S_embedded(bg_pdf_ctx *ctx, const bg_pdf_attachment *a, const HPDF_Date *date)
{
    bg_buf data = {0};
    if (bg_buf_read_file(&data, a->file) != 0) {
        bg_error(ctx->diags, (bg_loc){.file = a->file}, _("cannot read the file to attach to the archive"));
        bg_buf_free(&data);
        return NULL;
    }
    HPDF_MMgr mm = ctx->doc->mmgr;
    HPDF_Dict ef = HPDF_DictStream_New(mm, ctx->doc->xref);
    HPDF_Dict params = HPDF_Dict_New(mm);
    HPDF_STATUS st = ef && params ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK) {
        ef->filter = HPDF_STREAM_FILTER_NONE; /* plain bytes: readable back without inflating */
        st = HPDF_Stream_Write(ef->stream, (HPDF_BYTE *)data.data, (HPDF_UINT)data.len);
    }
    unsigned char md5[16];
    HPDF_MD5_CTX m;
    HPDF_MD5Init(&m);
    HPDF_MD5Update(&m, (const HPDF_BYTE *)data.data, (HPDF_UINT32)data.len);
    HPDF_MD5Final(md5, &m);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
    if (st == HPDF_OK) {
        char mime[96];
        snprintf(mime, sizeof mime, "%s", a->mime ? a->mime : "application/octet-stream");
        st = HPDF_Dict_AddName(ef, "Subtype", mime);
    }
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ef, "Params", params);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)data.len);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(params, "CheckSum", HPDF_Binary_New(mm, md5, 16));
    if (st == HPDF_OK && date) {
        char when[32];
        snprintf(when, sizeof when, "D:%04d%02d%02d%02d%02d%02d+00'00'", date->year, date->month, date->day,
                 date->hour, date->minutes, date->seconds);
        st = HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, when, NULL));
    }
    bg_buf_free(&data);
    return st == HPDF_OK ? ef : NULL;
}

static int S_by_name(const void *a, const void *b)
{
    return strcmp(((const bg_pdf_attachment *)a)->name, ((const bg_pdf_attachment *)b)->name);
}

int bg_pdf_attach(bg_pdf_ctx *ctx, const bg_pdf_attachment *files, size_t count, const HPDF_Date *date)
{
    HPDF_MMgr mm = ctx->doc->mmgr;
    bg_pdf_attachment *sorted = bg_xcalloc(count ? count : 1, sizeof *sorted);
    memcpy(sorted, files, count * sizeof *files);
    qsort(sorted, count, sizeof *sorted, S_by_name);
    HPDF_Array af = HPDF_Array_New(mm), names = HPDF_Array_New(mm);
    HPDF_Dict tree = HPDF_Dict_New(mm), name_dict = HPDF_Dict_New(mm);
    HPDF_STATUS st = af && names && tree && name_dict ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; i < count && st == HPDF_OK; i++) {
        HPDF_Dict ef = S_embedded(ctx, &sorted[i], date);
        if (!ef) {
            free(sorted);
            return -1;
        }
        HPDF_Dict spec = HPDF_Dict_New(mm), efd = HPDF_Dict_New(mm);
        st = spec && efd ? HPDF_Xref_Add(ctx->doc->xref, spec) : HPDF_FAILD_TO_ALLOC_MEM;
        if (st == HPDF_OK)
            st = HPDF_Dict_AddName(spec, "Type", "Filespec");
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(spec, "F", HPDF_String_New(mm, sorted[i].name, NULL));
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(spec, "UF", bg_pdf_text_string(ctx, sorted[i].name));
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(spec, "Desc", HPDF_String_New(mm, "source of this report (baogao)", NULL));
        if (st == HPDF_OK)
            st = HPDF_Dict_AddName(spec, "AFRelationship", "Source");
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(spec, "EF", efd);
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(efd, "F", ef);
        if (st == HPDF_OK)
            st = HPDF_Dict_Add(efd, "UF", ef);
        if (st == HPDF_OK)
            st = HPDF_Array_Add(af, spec);
        if (st == HPDF_OK)
            st = HPDF_Array_Add(names, HPDF_String_New(mm, sorted[i].name, NULL));
        if (st == HPDF_OK)
            st = HPDF_Array_Add(names, spec);
    }
    free(sorted);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(tree, "Names", names);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(name_dict, "EmbeddedFiles", tree);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "Names", name_dict);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "AF", af);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("attaching the report's sources"));
}
