/* cff.c: the little of the CFF format the PDF writer needs to read: whether a face's
 * `CFF ` table is CID-keyed (its Top DICT starts with the ROS operator), which decides
 * how the font is subset and how its CIDs select glyphs (see font_embed.c). */
#include "pdf_ctx.h"

#include <hb.h>

/* Big-endian unsigned integer of n bytes. */
static uint32_t S_be(const unsigned char *p, unsigned n)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* Skips the CFF INDEX at p; returns what follows (NULL when malformed) and sets
 * [*first, *first_end) to its first element (empty when it has none). */
static const unsigned char *S_cff_index(const unsigned char *p, const unsigned char *end,
                                        const unsigned char **first, const unsigned char **first_end)
{
    *first = *first_end = p;
    if (end - p < 2)
        return NULL;
    uint32_t count = S_be(p, 2);
    if (count == 0)
        return p + 2;
    unsigned size = end - p >= 3 ? p[2] : 0;
    const unsigned char *offsets = p + 3;
    if (size < 1 || size > 4 || (size_t)(end - offsets) < (size_t)(count + 1) * size)
        return NULL;
    const unsigned char *data = offsets + (size_t)(count + 1) * size - 1; /* offsets count from 1 */
    uint32_t last = S_be(offsets + (size_t)count * size, size);
    if ((size_t)(end - data) < last)
        return NULL;
    *first = data + S_be(offsets, size);
    *first_end = data + S_be(offsets + size, size);
    return data + last;
}

/* Skips one DICT operand at p (its first byte is >= 28). */
static const unsigned char *S_cff_skip_operand(const unsigned char *p, const unsigned char *end)
{
    if (*p == 28)
        return p + 3;
    if (*p == 29)
        return p + 5;
    if (*p == 30) { /* real: nibbles up to an 0xF nibble */
        while (++p < end && (*p & 0x0F) != 0x0F && (*p & 0xF0) != 0xF0)
            ;
        return p + 1;
    }
    return *p >= 247 && *p <= 254 ? p + 2 : p + 1;
}

/* Whether a CFF's Top DICT starts with the ROS operator (12 30): a CID-keyed font. */
bool bg_pdf_cff_is_cid_keyed(hb_face_t *face)
{
    hb_blob_t *blob = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(blob, &len);
    const unsigned char *end = p + len, *dict = NULL, *dict_end = NULL;
    bool cid = false;
    if (len >= 4 && p[2] < len) {
        const unsigned char *after_names = S_cff_index(p + p[2], end, &dict, &dict_end);
        if (after_names && S_cff_index(after_names, end, &dict, &dict_end)) {
            while (dict < dict_end && *dict >= 28)
                dict = S_cff_skip_operand(dict, dict_end);
            cid = dict + 1 < dict_end && dict[0] == 12 && dict[1] == 30;
        }
    }
    hb_blob_destroy(blob);
    return cid;
}
