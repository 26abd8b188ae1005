/* pdf_ctx.h: state shared by the files of the PDF writer (internal to src/pdf/).
 * One bg_pdf_ctx lives for one bg_pdf_write call: the libharu document, the last libharu
 * error, the fonts used so far (with their used glyphs and the text each glyph shows),
 * and the images already loaded (one XObject per file). The writer's driver (writer.c)
 * owns the context; the other files add to it and never free what they did not make. */
#ifndef BG_PDF_CTX_H
#define BG_PDF_CTX_H

#include "../base/buf.h"
#include "../base/sha256.h"
#include "pdf.h"
#include "../base/diag.h"
#include "../layout/page.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One font as used in this document. */
typedef struct bg_pdf_font {
    const bg_font *font; /* borrowed; the key of the table */
    int slot;            /* resource name /F<slot>, in order of first use */
    HPDF_Dict type0;     /* indirect, created at first use and filled by font_embed.c */
    unsigned glyph_count;
    struct bg_pdf_glyph_block **blocks; /* owned: what is known of glyphs gid, 256 gids a
                           block (text.c), NULL until one of them is asked for: a CJK face
                           has 65,535 glyphs, of which a report shows a few thousand */
    bg_buf texts;         /* the UTF-8 text of each mapped gid, NUL-separated */
} bg_pdf_font;

/* The offset + 1 of glyph gid's text in f->texts (0: none). */
uint32_t bg_pdf_glyph_text(const bg_pdf_font *f, uint32_t gid);
/* The first glyph of f at or after gid that is shown, or glyph_count; a block of 256
 * glyphs none of which was drawn is passed over whole (a glyph at a time, the 2023 build
 * asked 300,000 times, 6.7 M instructions). */
uint32_t bg_pdf_glyph_next_used(const bg_pdf_font *f, uint32_t gid);
void bg_pdf_font_glyphs_free(bg_pdf_font *f);

/* One image file loaded into the document. */
typedef struct bg_pdf_image {
    char *file; /* owned */
    HPDF_Image image;
    int orientation; /* EXIF 1..8 */
} bg_pdf_image;

typedef struct bg_pdf_tags bg_pdf_tags; /* tags.c */
typedef struct bg_pdf_worker bg_pdf_worker; /* worker.c */

typedef struct bg_pdf_ctx {
    HPDF_Doc doc;
    bool compress;
    const char *path; /* borrowed: the output file, for diagnostics */
    bg_diags *diags;  /* borrowed */
    HPDF_STATUS error, error_detail; /* last error libharu reported, 0 when none */
    HPDF_Page *pages;                /* owned array (the pages belong to doc) */
    size_t page_count;
    bg_pdf_font *fonts; /* owned */
    size_t font_count, font_cap;
    bg_pdf_image *images; /* owned */
    size_t image_count, image_cap;
    bg_sha256 content; /* digest of every page's content, for the document ID */
    uint64_t *page_hashes; /* borrowed from the options, or NULL: FNV-1a of each page's content */
    size_t page_hash_count;
    double offset;     /* the trimmed page's origin on the media: bleed plus room for marks */
    bg_pdfa pdfa;      /* the archive level being written */
    bg_pdf_tags *tags; /* owned: the structure being written, NULL when untagged */
    bg_pdf_worker *worker; /* owned: the second thread (worker.c), NULL before it starts */
    bg_buf page_ops;       /* the page being drawn: operators not yet in its stream */
} bg_pdf_ctx;

/* Reports a libharu failure during `what` (with the recorded error number) and returns
 * -1, so callers can write `return bg_pdf_fail(ctx, "...")`. */
int bg_pdf_fail(bg_pdf_ctx *ctx, const char *what);

/* Appends raw content-stream operators to a page, the one being drawn (kept in
 * ctx->page_ops until bg_pdf_page_flush or the page is done). Returns 0 or -1 (reported). */
int bg_pdf_page_put(bg_pdf_ctx *ctx, HPDF_Page page, const bg_buf *ops);
/* Writes the operators kept for the page into its stream: before libharu writes there
 * itself (an image), and when the page is done. Returns 0 or -1 (reported). */
int bg_pdf_page_flush(bg_pdf_ctx *ctx, HPDF_Page page);

/* deflate.c: stream compression by kind of stream. Each returns 0 or -1. */
/* The level of the small streams (ToUnicode, CIDSet, table cells). */
enum { BG_PDF_LEVEL_SMALL = 6 };
/* data[0..len) deflated at level (libdeflate's 1–12) as a zlib stream, what /FlateDecode
 * reads, into out (emptied first). */
int bg_pdf_deflate(const void *data, size_t len, int level, bg_buf *out);
/* Writes data to a new stream dictionary's stream, deflated at level when the document
 * is compressed. */
int bg_pdf_stream_put(bg_pdf_ctx *ctx, HPDF_Dict stream, const void *data, size_t len, int level);
/* Writes bytes already deflated (a zlib stream) with /Filter /FlateDecode. */
int bg_pdf_stream_put_deflated(HPDF_Dict stream, const void *data, size_t len);

/* worker.c: the second thread, which digests the pages and deflates their content
 * streams while the main thread draws and writes the rest. Started once per document
 * with its laid-out pages (borrowed: unchanged until the worker is freed). */
void bg_pdf_worker_start(bg_pdf_ctx *ctx, const bg_pages *pages);
/* The digests (bg_page_digests) of page index, src: from the thread, waiting for it if
 * it is behind, or computed here. */
void bg_pdf_page_digests(bg_pdf_ctx *ctx, size_t index, const bg_page *src, char content[65], char whole[65]);
/* Hands page index's content (its stream and ctx->page_ops), whose drawing is finished,
 * to the thread to be deflated (at the level chosen for content, deflate.c); false when
 * it did not (not compressing, or no thread state), when the caller flushes the page. */
bool bg_pdf_deflate_page(bg_pdf_ctx *ctx, size_t index);
/* Hands data, for stream at level, to the thread to be deflated (copied); false when the
 * thread is not running (not started, or joined): then the caller deflates it. */
bool bg_pdf_worker_put(bg_pdf_ctx *ctx, HPDF_Dict stream, const void *data, size_t len, int level);
/* Waits for the thread and gives each handed-over stream its deflated bytes, in the
 * order handed over, once all content is written; reports a failure. */
int bg_pdf_deflate_pages(bg_pdf_ctx *ctx);
/* Stops the thread (after what it was given) and frees its state; accepts no worker. */
void bg_pdf_worker_free(bg_pdf_ctx *ctx);

/* kept.c: byte strings kept between the builds of one process (bg_pdf_keep_streams),
 * by kind and the exact bytes they were made from. */
enum { BG_KEPT_GLYPH_RUN = 1, BG_KEPT_TOUNICODE = 2, BG_KEPT_RECT = 4, BG_KEPT_DEFLATED = 3 /* + 16 × level */ };
bool bg_pdf_keeping(void);
/* The value kept for (kind, key), or NULL; valid until the next sweep. */
const bg_buf *bg_pdf_kept_find(int kind, const void *key, size_t len);
/* Keeps value for (kind, key) (copied); nothing when not keeping. */
void bg_pdf_kept_add(int kind, const void *key, size_t len, const void *value, size_t value_len);

/* objstm.c: rewrites pdf, the file libharu saved, in place: its objects that are not
 * streams go into object streams and its cross-reference table becomes a
 * cross-reference stream (PDF 1.5); streams stay as they are; deflated when compress.
 * Returns 0, or 1 with pdf untouched when it is not of the shape libharu writes (or
 * deflating fails). */
int bg_pdf_pack_objects(bg_buf *pdf, bool compress);

/* print.c: the trimmed page on the media (bleed, room for crop marks), the page boxes,
 * and the crop marks. */
double bg_pdf_media_offset(const bg_pages *pages);
int bg_pdf_page_boxes(bg_pdf_ctx *ctx, HPDF_Page page, const bg_page *src, double bleed);
int bg_pdf_page_begin(bg_pdf_ctx *ctx, HPDF_Page page);
int bg_pdf_page_end(bg_pdf_ctx *ctx, HPDF_Page page, const bg_page *src, double bleed, bool marks);

/* draw.c: rules, rectangles, paths and images. Each returns 0 or -1 (reported). */
void bg_pdf_color(bg_buf *ops, const bg_color *color, bool stroke);
int bg_pdf_draw_line(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item);
int bg_pdf_draw_rect(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item);
int bg_pdf_draw_path(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item);
int bg_pdf_draw_image(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item);

/* image.c: the XObject for an image file, read and checked by image/ (never by
 * libharu's loaders), with its EXIF orientation. NULL on failure (reported). */
HPDF_Image bg_pdf_image_load(bg_pdf_ctx *ctx, const char *file, int *orientation);

/* text.c: a glyph run as a text object, recording the glyphs used per font. */
int bg_pdf_draw_glyphs(bg_pdf_ctx *ctx, HPDF_Page page, const bg_glyph_run *run);
/* The width of a glyph in text space (1/1000 em), as written in W and assumed by TJ. */
int bg_pdf_glyph_width(const bg_font *font, uint32_t gid);
/* The same for a font of the document, asked of HarfBuzz once per glyph. */
int bg_pdf_font_width(bg_pdf_font *f, uint32_t gid);

/* cff.c: whether a face's CFF table is CID-keyed (false when it has none). */
bool bg_pdf_cff_is_cid_keyed(hb_face_t *face);

/* font_embed.c: subsets and embeds every used font (after all pages are drawn). */
int bg_pdf_fonts_embed(bg_pdf_ctx *ctx);
void bg_pdf_fonts_free(bg_pdf_ctx *ctx);

/* tounicode.c: the ToUnicode CMap mapping gids[i] to the UTF-8 texts[i] (gids sorted
 * ascending, unique). Appends the CMap program to out. */
void bg_pdf_tounicode(bg_buf *out, const uint32_t *gids, const char *const *texts, size_t n);

/* navigation.c: link annotations, the outline and page labels. */
int bg_pdf_navigation(bg_pdf_ctx *ctx, const bg_pages *pages);

/* info.c: the Info dictionary and the catalog's /Lang. */
int bg_pdf_info(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator);
/* The document's date: SOURCE_DATE_EPOCH when set (UTC), else the report's own date at
 * midnight UTC; false when there is none. */
bool bg_pdf_document_date(const bg_doc_info *info, HPDF_Date *out);

/* pdfa.c: the XMP metadata, the sRGB output intent and the PDF version of an archive
 * file; and the document ID every file gets, derived from its content. */
int bg_pdf_archive(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator, bg_pdfa level, bool ua);
/* The XMP metadata alone, for a file that is not an archive but claims PDF/UA-1. */
int bg_pdf_metadata(bg_pdf_ctx *ctx, const bg_doc_info *info, const char *creator, bool ua);
int bg_pdf_document_id(bg_pdf_ctx *ctx);

/* attach.c: the report's sources attached to a PDF/A-3 (associated files). */
int bg_pdf_attach(bg_pdf_ctx *ctx, const bg_pdf_attachment *files, size_t count, const HPDF_Date *date);

/* pieceinfo.c: the /PieceInfo of page index, src, for `baogao diff` (digests and table
 * cells), dated date (NULL: the epoch). Returns 0 or -1 (reported). */
int bg_pdf_page_pieceinfo(bg_pdf_ctx *ctx, HPDF_Page page, size_t index, const bg_page *src, const HPDF_Date *date);

/* tags.c: the tagged PDF. Each returns 0 or -1 (reported) and does nothing when the
 * document is untagged (ctx->tags NULL). */
/* Starts the structure tree of the pages' tags (none: the file stays untagged). */
int bg_pdf_tags_begin(bg_pdf_ctx *ctx, const bg_pages *pages);
/* Before an item is drawn on the current page: opens the marked content it belongs to
 * (closing the one before) unless it is open already. */
int bg_pdf_tags_item(bg_pdf_ctx *ctx, HPDF_Page page, const bg_item *item);
/* Closes the marked content open at the end of the current page's items. */
int bg_pdf_tags_page_end(bg_pdf_ctx *ctx, HPDF_Page page);
/* Gives a link annotation on page its /Contents and, when the item names a Link
 * element, its /StructParent and the element's OBJR. */
int bg_pdf_tags_annot(bg_pdf_ctx *ctx, HPDF_Annotation annot, size_t page, const bg_item *item);
/* Writes the element dictionaries, StructTreeRoot, ParentTree, IDTree, RoleMap,
 * /StructParents and /Tabs, /MarkInfo and /ViewerPreferences. */
int bg_pdf_tags_finish(bg_pdf_ctx *ctx);
/* What keeps the file from claiming PDF/UA-1 (a figure without alt text, a skipped
 * heading level, a table without header cells, no title, an untagged link), or NULL
 * when nothing does. */
const char *bg_pdf_tags_ua_obstacle(const bg_pdf_ctx *ctx, const bg_doc_info *info);
void bg_pdf_tags_free(bg_pdf_ctx *ctx);

/* A PDF text string for UTF-8 text: UTF-16BE with a byte-order mark (an HPDF_Binary,
 * written as a hex string). NULL on failure. */
HPDF_Binary bg_pdf_text_string(bg_pdf_ctx *ctx, const char *utf8);

#endif
