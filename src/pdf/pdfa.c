/* pdfa.c: what makes a PDF an archive file (PDF/A-1a, 1b, 3a or 3u): XMP metadata that
 * says the same as the Info dictionary (title, author, subject, keywords, tools, dates)
 * and names the conformance level (and PDF/UA-1 when the tagged file meets it; a
 * tagged file that is no archive gets the same XMP without the PDF/A part); an sRGB output intent, its ICC profile read from the
 * system (icc-profiles-free or colord-data, found at build time); the PDF version of the
 * part. Written through libharu's object layer, not HPDF_PDFA_SetPDFAConformance (GUIDE
 * §5: it copies Info once, fails on 'Z' dates and writes /SubType). Also the document
 * ID that every file gets: derived from the pages' content, so rebuilding the same
 * input gives the same bytes. */
#include "pdf_ctx.h"
#include "../base/i18n.h"
#include "../base/xalloc.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BG_SRGB_ICC
#define BG_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

static void S_xml_text(bg_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': bg_buf_puts(b, "&amp;"); break;
        case '<': bg_buf_puts(b, "&lt;"); break;
        case '>': bg_buf_puts(b, "&gt;"); break;
        default: bg_buf_putc(b, *s);
        }
    }
}

static void S_xmp_alt(bg_buf *b, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    bg_buf_printf(b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    S_xml_text(b, text);
    bg_buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static void S_xmp_simple(bg_buf *b, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    bg_buf_printf(b, "<%s>", tag);
    S_xml_text(b, text);
    bg_buf_printf(b, "</%s>\n", tag);
}

/* The XMP packet, in step with the Info dictionary written by info.c. */
/* PDF/A-1 knows only its own XMP schemas: another one (pdfuaid) must be described. */
static const char S_ua_schema[] =
    "<rdf:Description rdf:about=\"\"\n"
    " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaProperty:name>part</pdfaProperty:name>\n"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "<pdfaProperty:category>internal</pdfaProperty:category>\n"
    "<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
    "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "</rdf:Description>\n";

/* The XMP packet, in step with the Info dictionary written by info.c; level NONE: no
 * archive identification; ua: the PDF/UA-1 identification. */
static void S_xmp(bg_buf *b, const bg_doc_info *info, const char *creator, bg_pdfa level, bool ua)
{
    bg_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "<rdf:Description rdf:about=\"\"\n"
                   " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                   " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                   " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                   " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                   " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                   "<dc:format>application/pdf</dc:format>\n");
    S_xmp_alt(b, "dc:title", info->title);
    if (info->author && *info->author) {
        bg_buf_puts(b, "<dc:creator><rdf:Seq><rdf:li>");
        S_xml_text(b, info->author);
        bg_buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    S_xmp_alt(b, "dc:description", info->subject);
    S_xmp_simple(b, "pdf:Keywords", info->keywords);
    S_xmp_simple(b, "pdf:Producer", creator);
    S_xmp_simple(b, "xmp:CreatorTool", creator);
    HPDF_Date d;
    if (bg_pdf_document_date(info, &d)) {
        char when[40];
        snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", d.year, d.month, d.day, d.hour,
                 d.minutes, d.seconds);
        S_xmp_simple(b, "xmp:CreateDate", when);
        S_xmp_simple(b, "xmp:ModifyDate", when);
        S_xmp_simple(b, "xmp:MetadataDate", when);
    }
    if (level != BG_PDFA_NONE)
        bg_buf_printf(b, "<pdfaid:part>%d</pdfaid:part>\n<pdfaid:conformance>%s</pdfaid:conformance>\n",
                      bg_pdfa_part(level),
                      level == BG_PDFA_3U ? "U" : level == BG_PDFA_1B ? "B" : "A");
    if (ua)
        bg_buf_puts(b, "<pdfuaid:part>1</pdfuaid:part>\n");
    bg_buf_puts(b, "</rdf:Description>\n");
    if (ua && level != BG_PDFA_NONE)
        bg_buf_puts(b, S_ua_schema);
    bg_buf_puts(b, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

static HPDF_Dict S_stream(bg_pdf_ctx *ctx, const void *data, size_t len, bool compress)
{
    HPDF_Dict stream = HPDF_DictStream_New(ctx->doc->mmgr, ctx->doc->xref);
    if (!stream)
        return NULL;
    stream->filter = compress ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
    if (len && HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return stream;
}

static int S_metadata(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator, bg_pdfa level, bool ua)
{
    bg_buf xmp = {0};
    S_xmp(&xmp, info, creator, level, ua);
    /* XMP stays uncompressed so that archive tools can read it without a PDF parser. */
    HPDF_Dict meta = S_stream(ctx, xmp.data, xmp.len, false);
    bg_buf_free(&xmp);
    HPDF_STATUS st = meta ? HPDF_Dict_AddName(meta, "Type", "Metadata") : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(meta, "Subtype", "XML");
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "Metadata", meta);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("writing the XMP metadata"));
}

static int S_output_intent(bg_pdf_ctx *ctx)
{
    bg_buf icc = {0};
    if (bg_buf_read_file(&icc, BG_SRGB_ICC) != 0) {
        bg_error(ctx->diags, (bg_loc){.file = BG_SRGB_ICC},
                 _("cannot read the sRGB ICC profile a PDF/A file needs (install icc-profiles-free)"));
        bg_buf_free(&icc);
        return -1;
    }
    HPDF_Dict profile = S_stream(ctx, icc.data, icc.len, ctx->compress);
    bg_buf_free(&icc);
    HPDF_Dict intent = HPDF_Dict_New(ctx->doc->mmgr);
    HPDF_Array intents = HPDF_Array_New(ctx->doc->mmgr);
    HPDF_STATUS st = profile && intent && intents ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(profile, "N", 3);
    if (st == HPDF_OK)
        st = HPDF_Xref_Add(ctx->doc->xref, intent);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(ctx->doc->mmgr, "sRGB IEC61966-2.1", NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(intent, "Info", HPDF_String_New(ctx->doc->mmgr, "sRGB IEC61966-2.1", NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    if (st == HPDF_OK)
        st = HPDF_Array_Add(intents, intent);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->catalog, "OutputIntents", intents);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("writing the output intent"));
}

int bg_pdf_archive(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator, bg_pdfa level, bool ua)
{
    ctx->doc->pdf_version = bg_pdfa_part(level) == 1 ? HPDF_VER_14 : HPDF_VER_17;
    if (S_metadata(ctx, info, creator, level, ua) != 0)
        return -1;
    return S_output_intent(ctx);
}

int bg_pdf_metadata(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator, bool ua)
{
    return S_metadata(ctx, info, creator, BG_PDFA_NONE, ua);
}

int bg_pdf_document_id(bg_pdf_ctx *ctx)
{
    unsigned char digest[32];
    bg_sha256_final(&ctx->content, digest);
    HPDF_Array id = HPDF_Array_New(ctx->doc->mmgr);
    HPDF_STATUS st = id ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    for (int i = 0; i < 2 && st == HPDF_OK; i++)
        st = HPDF_Array_Add(id, HPDF_Binary_New(ctx->doc->mmgr, digest, 16));
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(ctx->doc->trailer, "ID", id);
    return st == HPDF_OK ? 0 : bg_pdf_fail(ctx, _("writing the document ID"));
}
